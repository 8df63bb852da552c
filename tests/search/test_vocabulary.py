"""The public site's words follow each edit page by page (``search.vocabulary``): a word a
publish adds is corrected to at once, a word it removes is no longer offered, and a case that
leaves the public lists takes its words with it; the whole site is read again only when which
pages are listed changes."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search import vocabulary as vocabulary_module
from search.correction import correct
from search.vocabulary import Vocabulary, build_vocabulary, search_vocabulary
from tests.edits import publish


@pytest.fixture(autouse=True)
def _queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def published(portfolio):
    """The portfolio with every case published once (a factory's case has no publication date,
    so its first publish changes the lists)."""
    for case in portfolio.cases:
        publish(case)
    return portfolio


def never_read_afresh(monkeypatch):
    def afresh():
        raise AssertionError("the whole vocabulary was read again")

    monkeypatch.setattr(vocabulary_module, "build_vocabulary", afresh)


def test_an_edit_moves_the_words_of_its_page_alone(published, monkeypatch):
    case = published.cases[0]
    assert correct("zeppelinn") is None  # no page has the word yet
    search_vocabulary()
    never_read_afresh(monkeypatch)
    publish(case, summary="A zeppelin retrofit for the fleet.")
    with CaptureQueriesContext(connection) as queries:
        assert correct("zeppelinn") == "zeppelin"
    # the log, then the case's fields and searched relations in one query: not the whole site
    # (outside a request the version is read at each look, inside one once)
    read = [q["sql"] for q in queries.captured_queries if "serving_contentversion" not in q["sql"]]
    assert len(read) <= 2, [sql[:80] for sql in read]
    publish(case, summary="A retrofit for the fleet.")
    assert correct("zeppelinn") is None
    assert search_vocabulary().knows("retrofit")


def test_a_case_made_internal_takes_its_words_and_a_public_one_brings_them(published):
    case = published.cases[1]
    publish(case, summary="Quillfeather logistics.")
    assert correct("quilfeather") == "quillfeather"
    publish(case, visibility="internal")
    assert correct("quilfeather") is None
    publish(case, visibility="public")
    assert correct("quilfeather") == "quillfeather"


def test_a_vocabulary_moved_page_by_page_equals_one_read_afresh(published):
    search_vocabulary()
    for number, case in enumerate(published.cases):
        publish(case, summary=f"Harbour cranes, number {number}, for the Volga port.")
    publish(published.experts[0], short_bio="Leads the harbour cranes practice.")
    publish(published.services[1], summary="Cranes and 1С-Битрикс shops.")
    kept = search_vocabulary()
    fresh = build_vocabulary()
    for name in ("pages", "stem_pages", "by_length", "stems_by_length", "ordered", "entries"):
        assert _without_empty(getattr(kept, name)) == _without_empty(getattr(fresh, name)), name


def _without_empty(value):
    return {k: v for k, v in value.items() if v} if isinstance(value, dict) else value


def test_replacing_pages_in_any_order_gives_the_counts_of_the_whole():
    """Words added, removed and moved between pages, joined forms among them ("1сбитрикс" is
    never offered while no page has it as a plain word): the same as counting the last state."""
    words = ["shopify", "магазин", "магазина", "1сбитрикс", "битрикс", "audit", "audits", "crm"]
    joined = {"1сбитрикс"}
    chooser = random.Random(7)
    vocabulary = Vocabulary()
    state: dict[int, frozenset] = {}
    for _step in range(300):
        key = chooser.randrange(6)
        chosen = frozenset(chooser.sample(words, chooser.randrange(len(words))))
        state[key] = chosen
        vocabulary.replace(key, (chosen, chosen & joined, chosen - joined) if chosen else None)
    whole = Vocabulary.of([page for page in state.values() if page], joined)
    assert vocabulary.pages == whole.pages
    assert vocabulary.stem_pages == whole.stem_pages
    assert vocabulary.ordered == whole.ordered
    assert _without_empty(vocabulary.by_length) == _without_empty(whole.by_length)
    assert _without_empty(vocabulary.stems_by_length) == _without_empty(whole.stems_by_length)
