"""The search page and the suggest endpoint: facets, hostile input, internal content, query counts."""

import re
from html import unescape
from urllib.parse import parse_qs

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

import pytest

from cases.factories import CasePageFactory
from search.models import NoResultsDailyHits
from search.selectors import FACETS, clean_query, portfolio_search
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

MARKER = "ZZSECRET"


def test_results_are_marked_with_their_kind_and_snippets_highlighted(client, portfolio):
    html = client.get("/search/", {"q": "Kubernetes"}).content.decode()
    assert 'data-kind="service"' in html and 'data-kind="expert"' in html
    assert "<mark>" in html


def test_facet_counts_equal_the_filtered_result_lists(db, portfolio):
    outcome = portfolio_search(
        text="service case expert client challenge kubernetes django", per_page=1000
    )
    assert outcome.total > 0
    for name in FACETS:
        for item in outcome.facets[name]:
            filtered = portfolio_search(
                text="service case expert client challenge kubernetes django",
                filters={name: item["value"]},
                per_page=1000,
            )
            assert filtered.total == item["count"], (name, item)


def test_with_a_filter_chosen_each_count_is_what_choosing_it_too_gives(db, portfolio):
    text = "service case expert client challenge kubernetes django"
    chosen = {"kind": "case"}
    outcome = portfolio_search(text=text, filters=chosen, per_page=1000)
    kinds = {item["value"]: item["count"] for item in outcome.facets["kind"]}
    # the kind facet counts with every *other* filter: services stay offered beside cases
    assert kinds["case"] == outcome.total and kinds.get("service")
    for name in FACETS:
        for item in outcome.facets[name]:
            both = portfolio_search(
                text=text, filters={**chosen, name: item["value"]}, per_page=1000
            )
            assert both.total == item["count"], (name, item)


def test_facets_combine_and_the_url_carries_the_state(client, portfolio):
    case = portfolio.cases[0]
    both = portfolio_search(text="case", filters={"kind": "case", "year": "2024"})
    assert {hit.kind for hit in both.hits} == {"case"}
    html = client.get("/search/", {"q": "case", "kind": "case", "year": "2024"}).content.decode()
    assert case.title in html
    assert 'name="kind" value="case"' in html  # kept when searching again


def facet_links(html: str, name: str) -> dict[str, str]:
    """Link text (a value's label, or "×" for the chosen value's removal) → address, in the
    facet ``name``'s list."""
    section = re.search(rf'data-facet="{name}">(.*?)</section>', html, re.S).group(1)
    return {
        unescape(text): unescape(href)
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', section)
    }


def test_a_visitor_narrows_by_facet_links_and_takes_a_filter_away(client, portfolio):
    """The facet links a visitor follows: a value adds itself to the query and the filters
    chosen in other facets (and to a search as typed); the chosen value's "×" takes it away."""
    typed = "Kubernetes & /django"
    query = clean_query(typed)  # what the page searched, which its links carry
    html = client.get("/search/", {"q": typed, "exact": "1"}).content.decode()
    cases = facet_links(html, "kind")["Cases"]
    assert parse_qs(cases[1:]) == {"kind": ["case"], "exact": ["1"], "q": [query]}

    narrowed = client.get("/search/" + cases).content.decode()
    assert 'data-kind="case"' in narrowed and 'data-kind="service"' not in narrowed
    (label, year), *_ = facet_links(narrowed, "year").items()
    assert parse_qs(year[1:]) == {"kind": ["case"], "year": [label], "exact": ["1"], "q": [query]}

    both = client.get("/search/" + year).content.decode()
    removal = facet_links(both, "kind")["×"]  # the kind goes, the year stays
    assert parse_qs(removal[1:]) == {"year": [label], "exact": ["1"], "q": [query]}
    again = client.get("/search/" + removal).content.decode()
    assert 'data-kind="case"' in again
    assert "×" not in facet_links(again, "kind") and "×" in facet_links(again, "year")


HOSTILE = [
    {"q": ""},
    {"q": "x" * 10_000},
    {"q": '"unterminated'},
    {"q": "AND OR NOT ( ) * ^ ~ : -"},
    {"q": "' OR 1=1; DROP TABLE wagtailcore_page; --"},
    {"q": "<script>alert('x')</script>"},
    {"q": "NEAR(a b) kubernetes*"},
    {"q": "kubernetes", "page": "-5"},
    {"q": "kubernetes", "page": "999999999999999999999"},
    {"q": "kubernetes", "page": "abc"},
    {
        "q": "kubernetes",
        "kind": "spaceship",
        "year": "MMXX",
        "service": "'; --",
        "industry": "9" * 40,
    },
    {"q": "\x01\x02\x7f"},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_input_gives_a_normal_page(client, portfolio, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(" not in html
    suggest = client.get("/search/suggest/", {"q": params["q"]})
    assert suggest.status_code == 200 and "results" in suggest.json()


def test_a_null_character_is_refused_with_a_clear_400(client, portfolio):
    """PostgreSQL cannot hold NUL: such an address is answered 400 before any query, not 500."""
    for url in ("/search/", "/search/suggest/"):
        response = client.get(url, {"q": "\x00\x01"})
        assert response.status_code == 400
        assert "null character" in response.content.decode()


def test_invalid_utf8_in_the_url(client, portfolio):
    assert client.get("/search/?q=%ff%fe%fa").status_code == 200
    assert client.get("/search/suggest/?q=%ff%fe").status_code == 200


def test_internal_content_never_appears(client, portfolio):
    secret = CasePageFactory(
        parent=portfolio.tree.cases,
        visibility="internal",
        title=f"{MARKER} Kubernetes internal",
        summary=f"{MARKER} Kubernetes",
    )
    portfolio.cases[0].internal_notes = f"{MARKER} notes kubernetes"
    portfolio.cases[0].client_contact = f"{MARKER} contact"
    portfolio.cases[0].save()
    for url, params in [
        ("/search/", {"q": "Kubernetes"}),
        ("/search/suggest/", {"q": "ZZSE"}),
        ("/search/suggest/", {"q": "Kubern"}),
        ("/search/", {"q": "notes"}),
    ]:
        assert MARKER not in client.get(url, params).content.decode()
    # Searching for the marker itself finds nothing (the page only repeats what was typed).
    html = client.get("/search/", {"q": MARKER}).content.decode()
    assert "search-result" not in html and "0 results" in html
    staff = portfolio_search(text="Kubernetes", include_internal=True)
    assert secret.pk in [hit.page.pk for hit in staff.hits]
    assert [hit.internal for hit in staff.hits if hit.page.pk == secret.pk] == [True]


def test_no_results_page_helps(client, portfolio):
    html = client.get("/search/", {"q": "zzzzqqqq"}).content.decode()
    assert "Nothing found" in html
    assert 'action="/requests/"' in html  # "tell us what you need"
    assert portfolio.services[0].category.name in html


def test_editors_picks_come_first_and_searches_are_counted(client, portfolio):
    query = Query.get("kubernetes")
    SearchPromotion.objects.create(
        query=query, page=portfolio.cases[1], sort_order=0, description="Our best"
    )
    html = client.get("/search/", {"q": "Kubernetes"}).content.decode()
    assert html.index("Our best") < html.index("search-result")
    assert QueryDailyHits.objects.get(query=query).hits == 1
    client.get("/search/", {"q": "zzzzqqqq"})
    assert NoResultsDailyHits.objects.get(query__query_string="zzzzqqqq").hits == 1


def test_suggest_answers_titles_kinds_and_urls(client, portfolio):
    data = client.get("/search/suggest/", {"q": "Serv"}).json()["results"]
    assert data and len(data) <= 10
    assert {"title", "kind", "url"} <= set(data[0])
    assert data[0]["kind"] == "service"
    assert client.get(data[0]["url"]).status_code == 200


def test_search_terms_report_with_export(admin_client, portfolio):
    for text in ("kubernetes", "kubernetes", "zzzzqqqq"):
        admin_client.get("/search/", {"q": text})
    html = admin_client.get("/admin/reports/search-terms/").content.decode()
    assert "kubernetes" in html and "zzzzqqqq" in html
    only_misses = admin_client.get(
        "/admin/reports/search-terms/", {"without_results": "true"}
    ).content.decode()
    assert "zzzzqqqq" in only_misses and "kubernetes" not in only_misses
    csv = b"".join(
        admin_client.get("/admin/reports/search-terms/", {"export": "csv"}).streaming_content
    ).decode()
    assert "kubernetes,2,0" in csv and "zzzzqqqq,1,1" in csv
    xlsx = admin_client.get("/admin/reports/search-terms/", {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_results_and_suggestions_follow_publishing_at_once(client, portfolio):
    """Matches are kept per content version: a repeated query must still see every change."""
    case = portfolio.cases[0]

    def found():
        page = client.get("/search/", {"q": "Quasarwave"}).content.decode()
        titles = [
            r["title"] for r in client.get("/search/suggest/", {"q": "Quasarw"}).json()["results"]
        ]
        return "Quasarwave retail platform" in page, "Quasarwave retail platform" in titles

    assert found() == (False, False)
    case.title = "Quasarwave retail platform"
    case.save_revision().publish()
    assert found() == (True, True)
    assert found() == (True, True)  # the kept answer
    case.unpublish()
    assert found() == (False, False)


def test_a_search_a_spreadsheet_would_run_stays_text_in_the_export(admin_client, portfolio):
    # the search page cleans what it logs today; the report must not rely on it
    Query.get("=1+cmd|' /C calc'!A0").add_hit()
    text = b"".join(
        admin_client.get("/admin/reports/search-terms/", {"export": "csv"}).streaming_content
    ).decode()
    assert "'=1+cmd" in text and ",=1+cmd" not in text
