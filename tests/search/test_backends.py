"""Search backends chosen by configuration: PostgreSQL in the site language, Elasticsearch, OpenSearch."""

import os
from types import SimpleNamespace

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import pytest

from search.selectors import portfolio_search

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)

RUSSIAN_SITE = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "russian"}}


@on_postgres
@override_settings(WAGTAILSEARCH_BACKENDS=RUSSIAN_SITE, LANGUAGE_CODE="ru")
def test_russian_word_forms_match_on_postgresql(db):
    """Our backend on PostgreSQL: analysed text in the ``simple`` configuration, whatever
    SEARCH_CONFIG says (a second stemming by ``russian`` would split forms the analyser joined)."""
    from wagtail.search.backends import get_search_backend

    assert get_search_backend().config == "simple"
    call_command("seed_demo", lang="ru", verbosity=0)
    call_command("update_index", verbosity=0)

    def titles(query):
        return [hit.page.title for hit in portfolio_search(text=query, per_page=20).hits]

    assert "Корпоративный сайт" in titles("сайты")[:3]
    assert "Сайт для университета" in titles("сайтов университета")[:3]
    assert "Разработка интернет-магазина" in titles("разработали")[:5]
    assert "Прогноз спроса на машинном обучении" in titles("прогнозы спроса")[:3]


def _external_backend():
    if os.environ.get("ELASTICSEARCH_URL"):
        return {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX": "vitrina-test",
        }
    if os.environ.get("OPENSEARCH_URL"):
        return {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            "INDEX": "vitrina-test",
        }
    return None


@pytest.mark.search_backend
@pytest.mark.skipif(
    _external_backend() is None,
    reason="set ELASTICSEARCH_URL or OPENSEARCH_URL to run against a real server (none can be installed here)",
)
def test_external_backend_ranks_and_filters(db):
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": _external_backend()}):
        call_command("seed_demo", lang="en", verbosity=0)
        call_command("update_index", verbosity=0)
        outcome = portfolio_search(text="Kubernetes")
        titles = [hit.page.title for hit in outcome.hits]
        assert "Migration to Kubernetes" in titles[:5]
        assert all(not hit.internal for hit in outcome.hits)
        cases_only = portfolio_search(text="Kubernetes", filters={"kind": "case"})
        assert {hit.kind for hit in cases_only.hits} == {"case"}


on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS5 backend")


@on_sqlite
def test_one_pass_ranking_orders_like_the_upstream_sqlite_backend(db):
    """The SQLite backend ranks in one full-text query instead of one per match: same results,
    same order, for searches, autocomplete and filtered querysets. Upstream here reads the same
    analysed index (its backend with our index class) and gets the same analysed query: on raw
    text the two would differ by design (stems against words), not by ranking."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from search.analysis import query_terms, tokens
    from search.db_index import AnalysedSQLiteIndex
    from search.selectors import searchable_pages
    from search.sqlite_ranking import RankedSQLiteSearchBackend

    class Upstream(SQLiteSearchBackend):
        index_class = AnalysedSQLiteIndex

    call_command("seed_demo", verbosity=0)
    ours, upstream = get_search_backend(), Upstream({"SEARCH_CONFIG": "english"})
    assert isinstance(ours, RankedSQLiteSearchBackend)
    pages = searchable_pages()
    compared = 0
    for text in ("data platform", "online stores", "kubernetes", "clients", "analytics"):
        terms = " ".join(query_terms(text))
        for operator in ("and", "or"):
            expected = [p.pk for p in upstream.search(terms, pages, operator=operator)[:20]]
            assert [p.pk for p in ours.search(terms, pages, operator=operator)[:20]] == expected
            compared += len(expected)
        prefix = " ".join(tokens(text[:4]))
        expected = [p.pk for p in upstream.autocomplete(prefix, Page.objects.live())[:10]]
        assert [p.pk for p in ours.autocomplete(prefix, Page.objects.live())[:10]] == expected
    assert compared > 40


@pytest.mark.django_db
def test_ranking_reads_past_matches_the_page_query_refuses(site_tree):
    """The database is asked for the best few times the wanted matches; when the page query
    refuses those (internal cases scoring best), every match is read, so the public ones still
    come: through the page query, and through the listed pages the caller keeps (``known``:
    SQLite's one-pass ranking, PostgreSQL's ranking of the index entries alone)."""
    from cases.factories import CasePageFactory
    from search.selectors import searchable_pages

    for number in range(12):
        CasePageFactory(
            parent=site_tree.cases,
            title=f"Zephyr zephyr zephyr {number}",
            summary="Zephyr zephyr zephyr.",
            visibility="internal",
            slug=f"internal-{number}",
        )
    public = {
        CasePageFactory(
            parent=site_tree.cases, title=f"Case {n}", summary="A zephyr.", slug=f"p-{n}"
        ).pk
        for n in range(3)
    }
    pages = searchable_pages()
    known = {pk: (title,) for pk, title in pages.values_list("pk", "title")}
    results = pages.search("zephyr")[:3]
    assert {page.pk for page in results} == public
    assert [row[0] for row in results.rows(("title",))] == [page.pk for page in results]
    assert results.rows(("title",), known=known) == results.rows(("title",))


@on_postgres
def test_postgres_entry_ranking_orders_like_the_page_query(site_tree):
    """With the listed pages kept by the caller, PostgreSQL ranks the index entries alone:
    the same pages in the same order as upstream's statement joined with the page query, for
    every word, some of the words, synonyms' alternatives, ties (equal texts: newest first),
    internal cases left out, and a slice past the first page."""
    from cases.factories import CasePageFactory, IndustryFactory
    from search.analysis import query_terms
    from search.query import build
    from search.selectors import searchable_pages
    from search.synonyms import expand

    industry = IndustryFactory()
    texts = [
        ("Zephyr platform", "A zephyr platform for a bank."),
        ("Bank platform", "Zephyr zephyr zephyr: the platform of a bank."),
        ("Quokka", "A quokka, a zephyr and an online store."),
        ("Online store", "An online store with a platform."),
    ]
    for copy in range(3):  # equal texts: equal scores, newest first
        for number, (title, summary) in enumerate(texts):
            CasePageFactory(
                parent=site_tree.cases,
                title=title,
                summary=summary,
                slug=f"case-{copy}-{number}",
                industry=industry,
                visibility="internal" if copy == 1 and number < 2 else "public",
            )
    pages = searchable_pages()
    known = {pk: (ct, title) for pk, ct, title in pages.values_list("pk", "content_type", "title")}
    compared = 0
    for text in ("zephyr", "zephyr platform", "bank platform", "online store", "ecommerce"):
        groups = expand(query_terms(text))
        for operator in ("and", "or"):
            query = build(groups, operator=operator)
            for start, stop in ((0, 20), (2, 5)):
                results = pages.search(query, operator=operator)[start:stop]
                expected = results.rows(("content_type", "title"))
                assert results.rows(("content_type", "title"), known=known) == expected, text
                compared += len(expected)
    assert compared > 60
    # entries no page wrote (another writer's ids): upstream matches no page with them, and
    # nothing fails; an autocomplete matches its own vector, as upstream
    from django.contrib.contenttypes.models import ContentType

    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.filter(content_type__model="casepage").first()
    for odd_id in ("legacy-1", f"0{entry.object_id}", "99999999999999999999999"):
        IndexEntry.objects.create(
            content_type=ContentType.objects.get(pk=entry.content_type_id),
            object_id=odd_id,
            title=entry.title,
            body=entry.body,
            autocomplete=entry.autocomplete,
        )
    for results in (
        pages.search(build(expand(query_terms("zephyr"))), operator="and")[:20],
        pages.autocomplete("zeph")[:20],
    ):
        expected = results.rows(("content_type", "title"))
        assert expected and results.rows(("content_type", "title"), known=known) == expected


@pytest.fixture
def common_word_site(site_tree, monkeypatch):
    """A word on most pages of a site too large to score every match (the thresholds made
    small): an old service named by it, public cases using it in their summary, newest last,
    internal ones newer still, and one old case holding a rare word too."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's one-pass ranking")
    from cases.factories import CasePageFactory, IndustryFactory
    from catalog.factories import ServicePageFactory
    from search import selectors, sqlite_ranking

    monkeypatch.setattr(selectors, "MAX_MATCHES", 4)
    monkeypatch.setattr(sqlite_ranking, "COMMON_MATCHES", 4)
    service = ServicePageFactory(parent=site_tree.services, title="Zephyr audit", slug="zephyr")
    industry = IndustryFactory()  # one for all: each case would index one of its own
    rare = CasePageFactory(
        parent=site_tree.cases,
        title="Old case",
        summary="Zephyr and a quokka.",
        slug="rare",
        industry=industry,
    )
    public = [
        CasePageFactory(
            parent=site_tree.cases,
            title=f"Case {n}",
            summary="A zephyr.",
            slug=f"public-{n}",
            industry=industry,
        )
        for n in range(12)
    ]
    for n in range(2):
        CasePageFactory(
            parent=site_tree.cases,
            industry=industry,
            title=f"Internal {n}",
            summary="A zephyr.",
            visibility="internal",
            slug=f"internal-{n}",
        )
    return SimpleNamespace(service=service, rare=rare, public=public)


def test_a_word_on_most_pages_finds_the_newest_and_what_the_query_names(common_word_site):
    """ "zephyr" is on more than half of the index and has more matches than are ranked: BM25
    gives it no weight, so the newest matches come, after every page of a kind with few pages
    (the old service named by the word is first), and never an internal case."""
    from search.sqlite_ranking import OnePassRanking

    calls = []
    original = OnePassRanking._newest_if_common

    def spy(self, *args, **kwargs):
        calls.append(result := original(self, *args, **kwargs))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(OnePassRanking, "_newest_if_common", spy)
        outcome = portfolio_search(text="zephyr")
    assert calls and calls[0] is not None  # the common path answered
    newest = [case.pk for case in reversed(common_word_site.public)]
    assert [hit.page.pk for hit in outcome.hits] == [common_word_site.service.pk, *newest[:3]]
    assert all(not hit.internal for hit in outcome.hits)


def test_a_rare_word_beside_a_common_one_is_still_scored(common_word_site):
    """Only a query whose every word is common skips scoring: "zephyr quokka" ranks the old
    case with both words first (the rare word carries the score)."""
    outcome = portfolio_search(text="zephyr quokka")
    assert outcome.hits[0].page.pk == common_word_site.rare.pk
    assert outcome.complete == 1


def test_staff_find_the_newest_internal_cases_of_a_common_word(common_word_site):
    """For staff (the proposal builder) the same path keeps internal cases, marked internal:
    the page query itself filters the newest matches."""
    outcome = portfolio_search(text="zephyr", include_internal=True)
    assert outcome.hits[0].page.pk == common_word_site.service.pk
    assert [hit.internal for hit in outcome.hits[1:3]] == [True, True]


def test_a_word_on_no_page_is_not_scored(common_word_site):
    """On a site large enough for the counting pass, a word no page holds (a misspelling, which
    is searched before its correction) finds nothing from that pass alone: no scored query."""
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Page

    with CaptureQueriesContext(connection) as queries:
        found = list(Page.objects.live().search("quuxlet", operator="and")[:4])
    statements = [query["sql"] for query in queries.captured_queries]
    assert found == []
    assert any("count(*)" in sql and "MATCH" in sql for sql in statements)
    assert not any("bm25(" in sql for sql in statements)
    # a word some page holds is still scored
    with CaptureQueriesContext(connection) as queries:
        found = list(Page.objects.live().search("quokka", operator="and")[:4])
    assert [page.pk for page in found] == [common_word_site.rare.pk]
    assert any("bm25(" in query["sql"] for query in queries.captured_queries)


@on_sqlite
def test_a_search_in_a_queryset_no_row_can_pass_finds_nothing(site_tree):
    """A page query that can hold no row (an empty list of ids, as a permission filter may
    give) is searched without an error: nothing found."""
    from wagtail.models import Page

    from cases.factories import CasePageFactory

    CasePageFactory(parent=site_tree.cases, title="Zephyr", summary="A zephyr.", slug="zephyr")
    assert list(Page.objects.filter(pk__in=[]).search("zephyr")[:10]) == []
    assert [page.title for page in Page.objects.search("zephyr")[:10]] == ["Zephyr"]
