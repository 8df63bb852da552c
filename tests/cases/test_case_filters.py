"""The case index page's filter set and its selectors (cases/filters.py, cases/selectors.py):
bad values are ignored one filter at a time, the state echoes what the URL gave, and a page of
the list comes from the sorted ids or from the filtered query."""

from django.http import Http404, QueryDict

import pytest

from cases.filters import CaseFilterSet
from cases.selectors import case_filter_set, case_list_newest_first, case_list_page
from tests.builders import build_portfolio


def filter_state(query: str) -> dict[str, str]:
    return CaseFilterSet(QueryDict(query), queryset=None).state()


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ("", {"service": "", "industry": "", "year": ""}),
        (
            "service=7&industry=retail&year=2024",
            {"service": "7", "industry": "retail", "year": "2024"},
        ),
        ("service=abc", {"service": "", "industry": "", "year": ""}),
        ("service=0&year=24", {"service": "", "industry": "", "year": ""}),
        ("service=-3&year=abcd", {"service": "", "industry": "", "year": ""}),
        ("service=" + "9" * 30, {"service": "", "industry": "", "year": ""}),
        ("year=0999", {"service": "", "industry": "", "year": "0999"}),
        ("year=１２３４", {"service": "", "industry": "", "year": ""}),
        ("industry=%20retail", {"service": "", "industry": " retail", "year": ""}),
        ("service=abc&year=2024", {"service": "", "industry": "", "year": "2024"}),
        ("service=1&service=2", {"service": "2", "industry": "", "year": ""}),
    ],
)
def test_state_keeps_the_valid_filters_as_given_and_drops_the_rest(query, state):
    assert filter_state(query) == state


def test_a_page_of_the_plain_list_and_of_a_filtered_one(site_tree):
    """The plain list pages through its sorted ids, a filtered one (bad values ignored) through
    the filtered query; a page number past the end shows the last page. (Their query counts:
    tests/core/test_query_budget.py, through the page.)"""
    portfolio = build_portfolio(site_tree, cases=14)
    index = portfolio.tree.cases
    newest_first = list(case_list_newest_first(index=index))
    plain = case_filter_set(index=index, data=QueryDict(""))
    page = case_list_page(index=index, filters=plain, per_page=12, number="2")
    assert page.object_list == newest_first[12:]
    filtered = case_filter_set(index=index, data=QueryDict("industry=retail&service=abc"))
    page = case_list_page(index=index, filters=filtered, per_page=12, number="9")
    assert page.number == 2 and list(page.object_list) == newest_first[12:]


def test_a_page_number_from_the_path_past_the_last_is_a_404(site_tree):
    portfolio = build_portfolio(site_tree, cases=3)
    plain = case_filter_set(index=portfolio.tree.cases, data=QueryDict(""))
    with pytest.raises(Http404):
        case_list_page(
            index=portfolio.tree.cases, filters=plain, per_page=12, number=2, from_path=True
        )
