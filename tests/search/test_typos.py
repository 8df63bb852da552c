"""Typo tolerance: a misspelt search still finds the page, says what it searched instead, offers
"Did you mean …" when it finds little, and never spells out a word visitors may not see."""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

import pytest

from cases.factories import CasePageFactory
from catalog.factories import ServicePageFactory
from search.correction import build_vocabulary, correct
from search.selectors import portfolio_search
from serving.models import ContentVersion
from tests.builders import build_portfolio, build_site_tree
from tests.module_data import fresh as read_again
from tests.module_data import module_data

TYPOS = {
    "ecommerse": "ecommerce",
    "acounting": "accounting",
    "shopfy": "shopify",
    "бугалтерия": "бухгалтерия",
    "сайтт": "сайт",
}
HIDDEN_CLIENT = "Zanzibarco"  # the real name of an anonymised client
INTERNAL_WORD = "Quillfeather"  # a word only an internal case contains


def _build_site():
    """The portfolio, plus pages that carry the words visitors misspell, an anonymised case with
    a hidden client name, and an internal case."""
    portfolio = build_portfolio(build_site_tree(), cases=3)
    tree = portfolio.tree
    # The words are in the texts, not in the titles: a title is also matched by its first
    # letters (suggest), a text only by its words.
    pages = {
        "ecommerce": ServicePageFactory(
            parent=tree.services, title="Online store launch", summary="Ecommerce that sells."
        ),
        "accounting": ServicePageFactory(
            parent=tree.services, title="Books automation", summary="Accounting closed on time."
        ),
        "shopify": CasePageFactory(
            parent=tree.cases, title="A store for a bakery", summary="Cakes sold on Shopify."
        ),
        "бухгалтерия": CasePageFactory(
            parent=tree.cases, title="Отчёты без бумаги", summary="Бухгалтерия сдаёт в срок."
        ),
        "сайт": ServicePageFactory(
            parent=tree.services, title="Корпоративный портал", summary="Сайт быстро и надёжно."
        ),
    }
    CasePageFactory(
        parent=tree.cases,
        title="Loyalty programme for a distributor",
        visibility="anonymised",
        client_name=f"{HIDDEN_CLIENT} Holdings",
        client_description="An electronics distributor",
    )
    CasePageFactory(
        parent=tree.cases,
        title=f"{INTERNAL_WORD} migration",
        visibility="internal",
        summary=f"{INTERNAL_WORD} platform.",
    )
    return SimpleNamespace(portfolio=portfolio, pages=pages)


#: the portfolio and the site's pages built once per module (tests.module_data)
site_rows = module_data(_build_site, name="site_rows")


@pytest.fixture
def portfolio(db, site_rows):
    """The portfolio of ``site``, read afresh for this test (its changes are rolled back)."""
    return read_again(site_rows.portfolio)


@pytest.fixture
def site(db, site_rows):
    """``_build_site``'s pages by the word they carry, read afresh for this test."""
    return read_again(site_rows.pages)


@pytest.mark.parametrize(("typed", "word"), TYPOS.items())
def test_a_misspelt_word_finds_its_page_and_says_so(client, site, typed, word):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert "Showing results for" in html
    assert f"<strong>{word}</strong>" in html
    assert site[word].title in html
    # "Search instead for" what was typed
    assert 'href="{}"'.format(escape("?" + urlencode([("q", typed), ("exact", "1")]))) in html


def test_search_instead_for_what_was_typed_skips_the_correction(client, site):
    html = client.get("/search/", {"q": "shopfy"}).content.decode()
    assert 'href="?q=shopfy&amp;exact=1"' in html
    exact = client.get("/search/", {"q": "shopfy", "exact": "1"}).content.decode()
    assert "Showing results for" not in exact and "Nothing found" in exact
    assert site["shopify"].title not in exact
    assert portfolio_search(text="shopfy", exact=True).total == 0


def test_few_results_offer_did_you_mean(client, site):
    outcome = portfolio_search(text="Kubernetes shopfy")
    assert 0 < outcome.total < 10 and outcome.suggestion == "Kubernetes shopify"
    assert not outcome.corrected
    html = client.get("/search/", {"q": "Kubernetes shopfy"}).content.decode()
    assert "Did you mean" in html
    assert 'href="?q=Kubernetes+shopify"' in html


def test_a_typo_beside_a_right_word_searches_the_correction(client, site, portfolio):
    """Some pages hold "bakery", none "bakery shopfy": the visitor meant the Shopify bakery, not
    every bakery."""
    CasePageFactory(parent=portfolio.tree.cases, title="Bread delivery for a bakery")
    outcome = portfolio_search(text="bakery shopfy")
    assert outcome.corrected == "bakery shopify"
    assert [hit.page.title for hit in outcome.hits][0] == site["shopify"].title
    assert portfolio_search(text="bakery shopfy", exact=True).total == 2  # as typed: any bakery


def test_known_words_and_other_word_forms_are_not_typos(site):
    assert correct("Kubernetes") is None
    assert correct("сайты") is None  # the stem is on the site: not a typo of "сайт"
    assert correct("zzzzqqqq") is None  # nothing near: no correction at all
    assert portfolio_search(text="zzzzqqqq").corrected == ""


def test_a_typo_keeps_the_rest_of_the_query_as_typed(site):
    assert correct("S/4HANA shopfy") == "S/4HANA shopify"


def test_no_correction_spells_a_hidden_client_or_an_internal_word(client, site):
    vocabulary = build_vocabulary()
    assert "zanzibarco" not in vocabulary.pages
    assert "quillfeather" not in vocabulary.pages
    assert "electronics" in vocabulary.pages  # the anonymised client as visitors read it
    for typo in ("Zanzibarko", "Zansibarco", "Quillfeathr", "Quilfeather"):
        assert correct(typo) is None, typo
        html = client.get("/search/", {"q": typo}).content.decode()
        assert HIDDEN_CLIENT.lower() not in html.lower()
        assert INTERNAL_WORD.lower() not in html.lower()
        assert "Showing results for" not in html and "Did you mean" not in html


@pytest.mark.parametrize(
    "text", ["x" * 10_000, "shopfy " * 2_000, "\x00shopfy", "\ud800 shopfy", '"shopfy* OR (']
)
def test_hostile_input_is_answered(client, site, text):
    correct(text)  # never raises
    query = text.encode("utf-8", "surrogatepass")  # a lone surrogate as a browser could send it
    response = client.get("/search/?" + urlencode({"q": query}))
    assert response.status_code in (200, 400)  # a NUL is refused with a clear 400, never a 500
    if "\x00" not in text:
        assert response.status_code == 200


@pytest.fixture
def _queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.usefixtures("_queued_tasks")
@pytest.mark.parametrize("query", ["shopfy", "Kubernetes shopfy", "zzzzqqqq"])
def test_a_corrected_search_stays_within_the_query_budget(client, site, query):
    for _ in range(2):
        client.get("/search/", {"q": query})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", {"q": query}).status_code == 200
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_the_vocabulary_is_built_once_per_content_version(site):
    correct("shopfy")
    with CaptureQueriesContext(connection) as warm:
        assert correct("acounting") == "accounting"
    # outside a request each memo reads the content version; nothing else is read
    assert all(ContentVersion._meta.db_table in query["sql"] for query in warm)
    site["shopify"].summary = "Cakes sold on Shopify, and a cafe."
    site["shopify"].save_revision().publish()
    assert correct("cafes") is None  # the new word's stem is known at once


def test_no_results_page_links_the_service_categories(client, site, portfolio):
    html = client.get("/search/", {"q": "zzzzqqqq"}).content.decode()
    category = portfolio.services[0].category
    link = f'href="{portfolio.tree.services.url}#category-{category.slug}"'
    assert link in html
    index = client.get(portfolio.tree.services.url).content.decode()
    assert f'id="category-{category.slug}"' in index


def test_a_latin_word_typed_in_cyrillic_letters_is_corrected():
    """ "Кубернетес" is "kubernetes" typed on a Russian keyboard: no Cyrillic word is near it."""
    from search.correction import Vocabulary

    vocabulary = Vocabulary.of([{"kubernetes", "migration"}, {"shopify", "магазин"}])
    assert vocabulary.nearest("кубернетес") == "kubernetes"
    assert vocabulary.nearest("шопифай") == "shopify"  # "shopifay": one letter more
    assert vocabulary.nearest("магазен") == "магазин"


def test_a_typo_in_an_inflected_word_is_corrected_by_its_stem():
    """ "лизенговая" is three edits from "лизинговой", the only form on the site, but its stem is
    one edit from "лизингов": the correction keeps the typed ending."""
    from search.correction import Vocabulary

    vocabulary = Vocabulary.of([{"лизинговой", "компании"}, {"страховой", "компании"}])
    assert vocabulary.nearest("лизенговая") == "лизинговая"
    assert vocabulary.nearest("лизинговая") is None  # a word form of a known word


def test_the_letters_of_a_compound_are_words_and_its_joined_form_is_never_offered(client, site):
    """ "HANA" is a word of "S/4HANA" (not a typo of "hand"); "Битрикс" is a word of
    "1С-Битрикс" and no "Did you mean 1сбитрикс?" is offered."""
    from catalog.factories import ServicePageFactory

    tree = site["ecommerce"].get_parent().specific
    sap = ServicePageFactory(parent=tree, title="ERP move", summary="SAP S/4HANA in a quarter.")
    hand = ServicePageFactory(parent=tree, title="Handover", summary="A hand with the handover.")
    bitrix = ServicePageFactory(parent=tree, title="Portal", summary="Сайт на 1С-Битрикс.")
    outcome = portfolio_search(text="HANA")
    assert [hit.page for hit in outcome.hits] == [sap.page_ptr.specific] and not outcome.corrected
    assert hand.title not in client.get("/search/", {"q": "HANA"}).content.decode()
    outcome = portfolio_search(text="Битрикс")
    assert [hit.page.title for hit in outcome.hits] == [bitrix.title]
    assert not outcome.suggestion and not outcome.corrected


def test_a_short_word_keeps_its_first_letter_and_the_typed_case():
    from search.correction import Vocabulary

    vocabulary = Vocabulary.of([{"olga", "volume"}, {"shopify"}])
    assert vocabulary.nearest("volga") is None  # not "olga"
    assert vocabulary.nearest("shopfy") == "shopify"
    assert correct_with(vocabulary, "Shopfy") == "Shopify"


def correct_with(vocabulary, text):
    from unittest import mock

    with mock.patch("search.correction.search_vocabulary", return_value=vocabulary):
        from search.correction import _correct

        return _correct(text)


def test_a_word_cut_short_is_offered_complete_from_the_site(client, site):
    """Enter pressed on "shopi": "Did you mean shopify?", from the site's words as suggest
    completes it. Offered, not searched: the first letters of a hidden name must find nothing."""
    outcome = portfolio_search(text="shopi")
    assert outcome.total == 0 and outcome.suggestion == "shopify"
    assert 'href="?q=shopify"' in client.get("/search/", {"q": "shopi"}).content.decode()
    assert not portfolio_search(text="zanzi").suggestion  # a hidden client's name is no site word


def test_a_search_whose_every_word_is_found_is_never_corrected(site, monkeypatch):
    """Every word is on the site (a page holds it, or a synonym of it): nothing to correct, so
    no correction is even looked for, and "webshop" is never offered as "workshop". (The
    site's words are read once per process all the same, with the first answer kept: they tell
    which answers an edit leaves as they are, ``search.kept``.)"""
    from serving.content_version import forget_memoized

    def unasked(query):
        raise AssertionError(f"a correction of {query!r} was looked for")

    forget_memoized()
    monkeypatch.setattr("search.selectors.correct", unasked)
    monkeypatch.setattr("search.selectors.completed", unasked)
    outcome = portfolio_search(text="shopify")
    assert outcome.total == 1 and not outcome.suggestion and not outcome.corrected


def test_the_vocabulary_is_read_in_a_few_queries(site, django_assert_max_num_queries):
    """A page's own fields in one query, each searched relation in one: twelve in all (it was
    one per field, 24), whatever the number of pages, and the content version it shows."""
    with django_assert_max_num_queries(13):
        vocabulary = build_vocabulary()
    assert vocabulary.knows("shopify") and vocabulary.knows("бухгалтерия")
