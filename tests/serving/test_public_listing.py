"""One rule, ``serving.public.listable``: what a public case, service or expert links to shows up
on public pages, in search facets and snippets, in filters and in the API only when it is live,
public (no view restriction) and not internal-only."""

from wagtail.models import PageViewRestriction

import pytest

from cases.factories import CasePageFactory, CaseTeamMemberFactory, IndustryFactory
from catalog.factories import ServicePageFactory
from experts.factories import CompetencyFactory, ExpertCompetencyFactory, ExpertPageFactory
from tests.builders import build_portfolio, build_site_tree
from tests.module_data import fresh, module_data

MARKER = "ZZHIDDEN"


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x1")


def build_hidden(portfolio):
    """Pages a visitor must not see, each linked from public pages of the portfolio."""
    tree, case = portfolio.tree, portfolio.cases[0]
    draft_service = ServicePageFactory(
        parent=tree.services, title=f"{MARKER} draft service", live=False
    )
    locked_service = ServicePageFactory(parent=tree.services, title=f"{MARKER} locked service")
    restrict(locked_service)
    case.services.add(draft_service, locked_service)
    case.save()

    locked_expert = ExpertPageFactory(parent=tree.experts, title=f"{MARKER} locked expert")
    restrict(locked_expert)
    draft_expert = ExpertPageFactory(parent=tree.experts, title=f"{MARKER} draft", live=False)
    secret_skill = CompetencyFactory(name=f"{MARKER} skill", slug="hidden-skill")
    for expert in (locked_expert, draft_expert):
        ExpertCompetencyFactory(expert=expert, competency=secret_skill)
    CaseTeamMemberFactory(case=case, expert=locked_expert, role="Architect")

    mining = IndustryFactory(name=f"{MARKER} Mining", slug="mining")
    unused_service = ServicePageFactory(parent=tree.services, title="Service of hidden cases")
    internal = CasePageFactory(
        parent=tree.cases, title=f"{MARKER} internal", industry=mining, visibility="internal"
    )
    draft = CasePageFactory(parent=tree.cases, title=f"{MARKER} draft", industry=mining, live=False)
    locked = CasePageFactory(parent=tree.cases, title=f"{MARKER} locked case", industry=mining)
    restrict(locked)
    for other in (internal, draft, locked):
        other.services.add(portfolio.services[0], unused_service)
        other.save()
        CaseTeamMemberFactory(case=other, expert=portfolio.experts[0], role="Lead")
    return {
        "services": [draft_service, locked_service],
        "unused_service": unused_service,
        "cases": [internal, draft, locked],
    }


def build_listing():
    portfolio = build_portfolio(build_site_tree(), cases=3)
    return portfolio, build_hidden(portfolio)


#: every test here reads the portfolio and its hidden pages: built once for the module
listing_rows = module_data(build_listing, name="listing_rows")


@pytest.fixture
def portfolio(db, listing_rows):
    return fresh(listing_rows[0])


@pytest.fixture
def hidden(portfolio, listing_rows):
    return fresh(listing_rows[1])


PUBLIC_URLS = {
    "home": lambda p: p.tree.home.url,
    "service index": lambda p: p.tree.services.url,
    "service": lambda p: p.services[0].url,
    "case index": lambda p: p.tree.cases.url,
    "case": lambda p: p.cases[0].url,
    "expert index": lambda p: p.tree.experts.url,
    "expert": lambda p: p.experts[0].url,
    "search for cases": lambda p: "/search/?q=case",
    "search a service facet": lambda p: f"/search/?q=case&service={p.services[0].pk}",
    "search for experts": lambda p: "/search/?q=expert",
    "search for services": lambda p: "/search/?q=service",
    "suggest": lambda p: "/search/suggest/?q=ZZH",
    "api cases": lambda p: "/api/v2/pages/?type=cases.CasePage&fields=*&limit=100",
    "api experts": lambda p: "/api/v2/pages/?type=experts.ExpertPage&fields=*&limit=100",
}


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_hidden_pages_never_show_through_the_public_pages_linking_them(
    client, portfolio, hidden, name
):
    response = client.get(PUBLIC_URLS[name](portfolio))
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


def test_the_api_lists_only_listable_related_services(client, portfolio, hidden):
    items = client.get("/api/v2/pages/?type=cases.CasePage&fields=services&limit=100").json()
    services = {item["id"]: item["services"] for item in items["items"]}
    assert services[portfolio.cases[0].pk] == [portfolio.services[0].pk]
    detail = client.get(f"/api/v2/pages/{portfolio.cases[0].pk}/").json()
    assert detail["services"] == [portfolio.services[0].pk]


def test_the_case_filter_offers_only_what_listable_cases_use(client, portfolio, hidden):
    context = client.get(portfolio.tree.cases.url).context
    assert [industry.slug for industry in context["industries"]] == ["retail"]
    assert {service.pk for service in context["services"]} == {s.pk for s in portfolio.services}
    assert hidden["unused_service"].title not in client.get(portfolio.tree.cases.url).text


def test_the_expert_filter_offers_only_competencies_of_listable_experts(client, portfolio, hidden):
    competencies = client.get(portfolio.tree.experts.url).context["competencies"]
    assert {c.slug for c in competencies} == {c.slug for c in portfolio.competencies}


def test_a_search_facet_of_a_hidden_service_matches_nothing_and_names_nothing(
    client, portfolio, hidden
):
    draft = hidden["services"][0]
    response = client.get("/search/", {"q": "case", "service": draft.pk})
    assert response.status_code == 200
    assert response.context["outcome"].total == 0
    assert MARKER not in response.text
