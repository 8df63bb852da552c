"""The facet table follows each edit page by page (``serving.per_page``): a case's new year,
industry or service and an expert's new competency show in the facet counts of the next search,
and a page that leaves the site leaves its facets; all without reading the whole table again."""

import pytest

from cases.factories import IndustryFactory
from experts.models import ExpertCompetency
from search import facets
from search.selectors import portfolio_search
from serving.models import ContentChange
from tests.edits import publish


@pytest.fixture(autouse=True)
def _queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def counts(facet: str, text: str) -> dict[str, int]:
    outcome = portfolio_search(text=text, per_page=100)
    return {item["label"]: item["count"] for item in outcome.facets[facet]}


@pytest.fixture
def published(portfolio):
    for page in [*portfolio.cases, *portfolio.experts]:
        publish(page)
    return portfolio


def test_a_cases_new_year_industry_and_service_show_in_the_facets(published, monkeypatch):
    case = published.cases[0]
    assert counts("year", "case").get("2011") is None
    monkeypatch.setattr(facets, "_read_table", _never)
    energy = IndustryFactory(name="Energy", slug="energy")  # a snippet: names everything,
    monkeypatch.undo()  # so the table is read afresh once here
    counts("year", "case")
    monkeypatch.setattr(facets, "_read_table", _never)
    publish(case, year=2011, industry=energy)
    assert counts("year", "case")["2011"] == 1
    assert counts("industry", "case")["Energy"] == 1
    page = case.__class__.objects.get(pk=case.pk)
    page.services.set([published.services[1]])
    page.save_revision().publish()
    by_service = counts("service", "case")
    assert by_service[published.services[1].title] == 2  # cases 0 and 1 now
    assert by_service[published.services[0].title] == 1  # case 2 alone


def test_an_experts_new_competency_shows_in_the_facets(published, monkeypatch):
    expert = published.experts[1]  # holds Django
    counts("competency", "expert")
    monkeypatch.setattr(facets, "_read_table", _never)
    page = expert.__class__.objects.get(pk=expert.pk)
    page.competency_links = [
        *page.competency_links.all(),
        ExpertCompetency(competency=published.competencies[0]),
    ]
    page.save_revision().publish()
    assert counts("competency", "expert")["Kubernetes"] == 3  # experts 0, 2 and now 1


def test_an_unpublished_case_leaves_the_facets_and_a_pruned_log_reads_afresh(published):
    case = published.cases[0]
    before = counts("year", "case")
    publish(case, year=2011)
    assert counts("year", "case")["2011"] == 1
    case.__class__.objects.get(pk=case.pk).unpublish()
    assert "2011" not in counts("year", "case")
    assert sum(counts("year", "case").values()) == sum(before.values()) - 1
    publish(published.cases[1], year=2012)
    ContentChange.objects.all().delete()  # the log pruned: the table is read afresh
    publish(published.cases[2], year=2013)
    assert {"2012", "2013"} <= set(counts("year", "case"))


def _never():
    raise AssertionError("the whole facet table was read again")
