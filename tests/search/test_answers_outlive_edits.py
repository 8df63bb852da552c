"""A search answer outlives an edit that cannot change it (``search.kept``): another page's
text without the query's words, a republish of a matched page. An edit that adds or removes
the words, or changes a page shown on the results page, is seen at once, by this process and by
another one that learns of the edit from the change log only."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.selectors import portfolio_search
from serving import content_version as cv
from tests.builders import build_portfolio, build_site_tree
from tests.edits import change_runner, fresh, publish
from tests.module_data import fresh as read_again
from tests.module_data import module_data

WHERE = ["this process", "another process"]
#: a kept answer after an edit: the version, the change log, the edited page's words
KEPT_QUERIES = 3
#: and the shown pages loaded again (pages, then their services), when one of them was edited
SHOWN_AGAIN = 2


def _answer(text):
    outcome = portfolio_search(text=text, per_page=50)
    return [hit.page.title for hit in outcome.hits], outcome.total, outcome.facets


def _fresh_answer(text):
    held = dict(cv._memo)
    cv.forget_memoized()
    try:
        return _answer(text)
    finally:
        cv._memo.clear()
        cv._memo.update(held)


def _asked_again(text):
    """The answer and the queries it took, in a request (which reads the version once)."""
    token = cv._request_version.set({})
    try:
        with CaptureQueriesContext(connection) as queries:
            answer = _answer(text)
    finally:
        cv._request_version.reset(token)
    return answer, len(queries)


def _published_portfolio():
    """The portfolio as a live site has it: every page published once (the builders' pages
    never were, and a first publication is a change of what lists sort by)."""
    portfolio = build_portfolio(build_site_tree(), cases=3)
    for page in (*portfolio.cases, *portfolio.services, *portfolio.experts):
        publish(page)
    return portfolio


#: the published portfolio built once per module (tests.module_data)
published_rows = module_data(_published_portfolio, name="published_rows")


@pytest.fixture
def published(db, published_rows):
    """The published portfolio, read afresh for this test (its changes are rolled back)."""
    return read_again(published_rows)


@pytest.fixture
def zebra(published):
    """Case 0 holds "zebrafish"; the answer for it is asked and kept, and a misspelling was
    corrected (this process holds the site's words, as one serving visitors soon does)."""
    portfolio = published
    case = publish(portfolio.cases[0], summary="Zebrafish telemetry for a retail chain.")
    assert _answer("zebrafish")[0] == [case.title]
    assert portfolio_search(text="zebrafsh").corrected == "zebrafish"
    return portfolio


@pytest.mark.parametrize("where", WHERE)
def test_an_edit_of_another_page_keeps_the_answer(zebra, where):
    change_runner(where)(lambda: publish(zebra.cases[1], summary="Logistics for a warehouse."))
    answer, queries = _asked_again("zebrafish")
    assert answer == _fresh_answer("zebrafish")
    assert answer[0] == [zebra.cases[0].title]
    assert queries <= KEPT_QUERIES


@pytest.mark.parametrize("where", WHERE)
def test_a_republish_of_a_matched_page_keeps_the_answer(zebra, where):
    change_runner(where)(lambda: publish(zebra.cases[0]))
    answer, queries = _asked_again("zebrafish")
    assert answer == _fresh_answer("zebrafish")
    assert queries <= KEPT_QUERIES + SHOWN_AGAIN


@pytest.mark.parametrize("where", WHERE)
def test_an_edit_that_adds_the_word_finds_the_page(zebra, where):
    change_runner(where)(lambda: publish(zebra.services[1], summary="Zebrafish for everyone."))
    titles = _answer("zebrafish")[0]
    assert set(titles) == {zebra.cases[0].title, zebra.services[1].title}
    assert _answer("zebrafish") == _fresh_answer("zebrafish")


@pytest.mark.parametrize("where", WHERE)
def test_an_edit_that_removes_the_word_loses_the_page(zebra, where):
    change_runner(where)(lambda: publish(zebra.cases[0], summary="Nothing about fish."))
    assert _answer("zebrafish")[0] == []


@pytest.mark.parametrize("where", WHERE)
def test_a_shown_page_is_read_again_when_it_changes(zebra, where):
    """Its words are the same (the answer's matches stand), the page shown is the new one."""
    change_runner(where)(lambda: publish(zebra.cases[0], testimonial_author="Maria Petrova"))
    outcome = portfolio_search(text="zebrafish", per_page=50)
    assert [hit.page.testimonial_author for hit in outcome.hits] == ["Maria Petrova"]


@pytest.mark.parametrize("where", WHERE)
def test_random_edits_never_leave_an_answer_behind(published, where):
    """Texts drawn from a few words, edited one page at a time: after each edit every answer
    is what a process that kept nothing finds."""
    words = ["zebrafish", "quokka", "lemur", "okapi"]
    queries = [*words, "zebrafish quokka", "lemur okapi"]
    pages = [*published.cases, *published.services, *published.experts]
    draw = random.Random(18)
    for _query in queries:
        _answer(_query)
    for _step in range(12):
        page = fresh(draw.choice(pages))
        text = " ".join(draw.choices(words, k=draw.randint(0, 3))) or "Plain words."
        field = "short_bio" if hasattr(page, "short_bio") else "summary"
        change_runner(where)(
            lambda page=page, field=field, text=text: publish(page, **{field: text})
        )
        for query in queries:
            assert _answer(query) == _fresh_answer(query), (query, page.title, text)


@pytest.mark.parametrize("where", WHERE)
def test_a_process_that_never_corrected_a_typo_keeps_answers_too(published, where):
    """The site's words are read with the first answer kept, not at the first typo: an answer
    asked before any misspelling still outlives a republish of a page it shows."""
    case = publish(published.cases[0], summary="Zebrafish telemetry for a retail chain.")
    cv.forget_memoized()  # a process starting now
    assert _answer("zebrafish")[0] == [case.title]
    change_runner(where)(lambda: publish(case))
    answer, queries = _asked_again("zebrafish")
    assert answer == _fresh_answer("zebrafish")
    assert queries <= KEPT_QUERIES + SHOWN_AGAIN


@pytest.mark.parametrize("where", WHERE)
def test_a_page_beyond_the_best_matches_republished_keeps_the_answer(zebra, where, monkeypatch):
    """A broad word: more pages hold it than an answer ranks (``MAX_MATCHES``). One of the
    others republished as it was cannot enter them; with new words it may."""
    monkeypatch.setattr("search.selectors.MAX_MATCHES", 1)
    other = publish(zebra.cases[1], summary="Zebrafish, once.")
    best = _answer("zebrafish")
    assert len(best[0]) == 1
    outside = zebra.cases[0] if best[0] == [other.title] else other
    change_runner(where)(lambda: publish(outside))
    answer, queries = _asked_again("zebrafish")
    assert answer == best == _fresh_answer("zebrafish")
    assert queries <= KEPT_QUERIES
    change_runner(where)(lambda: publish(outside, summary="Zebrafish zebrafish zebrafish."))
    assert _answer("zebrafish") == _fresh_answer("zebrafish")
