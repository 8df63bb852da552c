"""The right kind first: a service or case whose title is the query comes before experts who
merely hold a competency of that name, unless the query asks for a person."""

import pytest

from catalog.factories import ServicePageFactory
from experts.factories import ExpertPageFactory
from search.analysis import query_terms
from search.ranking import names_person, person_words_in, rerank, title_tier
from search.selectors import portfolio_search
from search.suggestions import title_suggestions
from tests.search.quality import content

MATCHES = [  # as a backend that favours short pages may order them
    (1, "expert", "Ivan Sokolov"),
    (2, "case", "Migration to Kubernetes for a logistics operator"),
    (3, "expert", "Konstantin Belov"),
    (4, "case", "Java modernisation for an insurer"),
    (5, "service", "Kubernetes migration"),
    (6, "service", "DevOps support"),
]


def ids(ranked):
    return [pk for pk, _kind in ranked]


def test_a_query_equal_to_a_service_title_shows_the_service_first():
    # the title matches, then the other service, then the rest in the backend's order
    assert ids(rerank(MATCHES, query_terms("Kubernetes migration"))) == [5, 2, 6, 1, 3, 4]


def test_other_word_forms_of_the_title_count_as_the_title():
    assert ids(rerank(MATCHES, query_terms("migrating to kubernetes")))[:2] == [5, 2]


def test_experts_come_first_when_the_query_asks_for_a_person():
    ranked = ids(rerank(MATCHES, query_terms("who knows Kubernetes"), names_person=True))
    assert ranked[:2] == [1, 3]  # in the backend's order
    assert ranked[2:4] == [5, 2]  # then services and cases by their titles


def test_without_title_matches_services_lead_and_the_backend_order_is_kept_after_them():
    # a service that offers it (in its text or competencies) before the proof and the people
    assert ids(rerank(MATCHES, query_terms("reliability"))) == [5, 6, 1, 2, 3, 4]


def test_title_tiers():
    groups = [[(t,)] for t in query_terms("SEO audit")]
    assert title_tier("SEO audit", groups) == 0
    assert title_tier("SEO audit for an online store", groups) == 1
    assert title_tier("SEO for a news portal", groups) == 2
    assert title_tier("Security review", groups) == 3


def test_synonym_groups_are_accepted_as_alternatives():
    groups = [[("ecommerc",), ("onlin", "store")], [("develop",)]]
    matches = [(1, "case", "Shop for a bakery"), (2, "service", "Online store development")]
    assert ids(rerank(matches, groups)) == [2, 1]
    assert title_tier("Online store development", groups) == 0


def test_person_words_are_read_before_filler_words_are_dropped():
    assert person_words_in("who knows Kubernetes")
    assert person_words_in("Кто знает Kubernetes")
    assert person_words_in("специалисты по SEO")
    assert not person_words_in("Kubernetes migration")
    assert not person_words_in("search engine optimisation")  # "engine" is not "engineer"
    assert not person_words_in("IT consulting")
    assert not person_words_in("экспертиза проекта")  # expertise is not an expert
    assert person_words_in("SAP consultant") and person_words_in("юрист по договорам")
    assert not person_words_in("IT strategy consultation")  # the same stem as "consultant"
    assert not person_words_in("аналитика продаж")  # analytics, not an analyst


@pytest.mark.django_db
def test_kind_order_on_the_database():
    content.build("en")  # one build for every check: it takes a while

    def titles(query):
        return [hit.page.title for hit in portfolio_search(text=query, per_page=10).hits]

    assert names_person("Maria Smirnova")
    assert names_person("smirnova")
    assert not names_person("demand forecasting")
    assert titles("Kubernetes migration")[0] == "Kubernetes migration"
    every = [
        hit.page.title for hit in portfolio_search(text="Kubernetes migration", per_page=50).hits
    ]
    # the people who hold the competency come after the services and cases it names
    assert every.index("Ivan Sokolov") > every.index(
        "Migration to Kubernetes for a logistics operator"
    )
    assert titles("who knows Kubernetes")[0] in {"Ivan Sokolov", "Konstantin Belov"}
    # a service's competencies are searchable, and the services come before the people
    terraform = titles("Terraform")
    assert set(terraform[:3]) == {"Cloud cost audit", "Kubernetes migration", "DevOps support"}
    assert "Ivan Sokolov" in terraform[3:]
    # as-you-type: the service before its cases, whatever order the backend gives
    assert [page.title for page, _kind in title_suggestions("Kuber", 5)][0] == (
        "Kubernetes migration"
    )


@pytest.mark.django_db
def test_pages_holding_every_word_come_before_titles_holding_some(portfolio):
    ServicePageFactory(parent=portfolio.tree.services, title="Personal data compliance")
    ExpertPageFactory(
        parent=portfolio.tree.experts,
        title="Mikhail Fedorov",
        position="Lawyer",
        short_bio="Mikhail advises on personal data law.",
    )
    found = [hit.page.title for hit in portfolio_search(text="lawyer personal data").hits]
    assert found[:2] == ["Mikhail Fedorov", "Personal data compliance"]


def test_a_compound_title_holds_its_parts():
    """ "1С:ERP implementation" holds the query "1C ERP" (its parts), so the service keeps its
    place before cases that only say "ERP"."""
    groups = [[(t,)] for t in query_terms("1C ERP")]
    assert title_tier("1С:ERP implementation", groups) == 1
    assert title_tier("ERP for a food producer", groups) == 2
