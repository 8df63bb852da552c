"""A hidden client name never finds its case: not the name, not its words, not the 4–6-letter
prefixes the old word-form fallback searched titles with, in search and in suggest, on SQLite and
PostgreSQL alike. The issue's case: the hidden name "Электросила" of a case described as a
"дистрибьютор электроники" found it through "электр…"."""

import pytest

from cases.factories import CasePageFactory
from search.selectors import portfolio_search
from search.suggestions import title_suggestions
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

HIDDEN = "Электросила"
DESCRIPTION = "дистрибьютор электроники"


def probes(name: str) -> list[str]:
    """The name, each of its words, and every 4–6-letter prefix of each word."""
    words = name.split()
    prefixes = [word[:n] for word in words for n in (4, 5, 6) if len(word) > n]
    return list(dict.fromkeys([name, *words, *prefixes]))


def found(query: str, *, staff: bool = False) -> set[int]:
    return {
        hit.page.pk
        for hit in portfolio_search(text=query, include_internal=staff, per_page=100).hits
    }


def suggested(query: str) -> set[int]:
    return {page.pk for page, _kind in title_suggestions(query, 10)}


@pytest.fixture
def anonymised(site_tree):
    return CasePageFactory(
        parent=site_tree.cases,
        title="Складской учёт для дистрибьютора электроники",
        slug="warehouse",
        visibility="anonymised",
        client_name=HIDDEN,
        client_description=DESCRIPTION,
        summary="Учёт остатков на трёх складах.",
    )


def test_the_description_finds_an_anonymised_case_in_any_form(anonymised):
    for query in ("дистрибьюторы электроники", "дистрибьюторов", DESCRIPTION):
        assert anonymised.pk in found(query), query


def test_the_hidden_name_its_words_and_prefixes_never_find_the_case(anonymised):
    for query in probes(HIDDEN):
        assert anonymised.pk not in found(query), query
        assert anonymised.pk not in found(query, staff=True), query  # not even in the index
    for query in (HIDDEN, HIDDEN.lower(), HIDDEN[:8]):  # "Электрос": no title word starts so
        assert anonymised.pk not in suggested(query), query


def test_results_and_suggestions_do_not_depend_on_the_hidden_name(anonymised):
    """The differential check: the same site with another hidden name answers every probe of
    the name the same way. (A title word may share a prefix with the name: "Электр" suggests
    "…электроники" on either site, because of the public title, never because of the name.)"""
    queries = probes(HIDDEN)
    before = {query: (found(query), suggested(query)) for query in queries}
    anonymised.client_name = "Zqxwv Holding"
    anonymised.save_revision().publish()
    assert {query: (found(query), suggested(query)) for query in queries} == before


def test_an_internal_case_hides_its_name_from_staff_search_too(site_tree):
    case = CasePageFactory(
        parent=site_tree.cases,
        title="Платформа данных",
        visibility="internal",
        client_name="Квантоград",
        client_description="Сеть аптек",
    )
    assert case.pk in found("аптеки", staff=True)
    for query in probes("Квантоград"):
        assert case.pk not in found(query, staff=True), query


def test_anonymising_a_public_case_takes_its_name_out_of_search_at_once(site_tree):
    case = CasePageFactory(
        parent=site_tree.cases,
        title="Система лояльности",
        visibility="public",
        client_name="Квазарторг",
        client_description="Сеть супермаркетов",
    )
    assert case.pk in found("Квазарторг")
    case.visibility = "anonymised"
    case.save_revision().publish()
    assert case.pk not in found("Квазарторг")
    assert case.pk in found("супермаркеты")
