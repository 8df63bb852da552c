"""Numbers and addresses from visitors: Unicode digits, huge numbers and NUL characters get a
clear answer (the page unfiltered, 404 or 400), never a 500."""

import json

import pytest

from core.untrusted import parse_positive_int, strip_nul
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("-1", None),
        (" 1", None),
        ("0", None),
        ("99999999999999999999999", None),
        ("9" * 5000, None),
        (None, None),
    ],
)
def test_parse_positive_int(value, expected):
    assert parse_positive_int(value) == expected


def test_parse_positive_int_bounds():
    assert parse_positive_int("0", allow_zero=True) == 0
    assert parse_positive_int("2026", maximum=9999) == 2026
    assert parse_positive_int("10000", maximum=9999) is None


def test_strip_nul_goes_deep():
    assert strip_nul({"a\x00": ["b\x00", {"c": "\x00d"}], "n": 1}) == {
        "a": ["b", {"c": "d"}],
        "n": 1,
    }


def test_strip_nul_replaces_lone_surrogates_in_keys_and_values():
    """What ``json.loads('"\\ud800"')`` gives: no UTF-8 encoder (so no database) takes it."""
    cleaned = strip_nul({"\ud800": ["a\udfffb", {"c": "\udc00\x00"}], "ok": "😀 ☺"})
    assert cleaned == {"\ufffd": ["a\ufffdb", {"c": "\ufffd"}], "ok": "😀 ☺"}
    assert json.dumps(cleaned, ensure_ascii=False).encode()


@pytest.mark.parametrize("query", ["service=%C2%B2", "year=%E2%91%A0", "service=" + "9" * 5000])
def test_case_filters_ignore_what_is_not_a_number(client, portfolio, query):
    response = client.get(f"{portfolio.tree.cases.url}?{query}")
    assert response.status_code == 200
    assert all(case.title in response.content.decode() for case in portfolio.cases)


@pytest.mark.parametrize("number", ["%C2%B2", "02", "1", "9" * 30])
def test_case_list_pages_other_than_plain_numbers_are_not_found(client, portfolio, number):
    assert client.get(f"{portfolio.tree.cases.url}page/{number}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/cases/?industry=%00",
        "/experts/?competency=a%00",
        "/api/v2/pages/find/?html_path=%00",
        "/p/%00/",
        "/search/?q=%00",
    ],
)
def test_nul_in_the_address_is_a_bad_request(client, portfolio, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "null character" in response.content.decode()


def test_overlong_path_segment_is_not_found(client, portfolio):
    assert client.get("/documents/" + "9" * 5000 + "/x.pdf").status_code == 404


def test_api_refuses_an_offset_no_database_holds(client, portfolio):
    response = client.get("/api/v2/pages/?offset=99999999999999999999999")
    assert response.status_code == 400
    assert "offset must be an integer" in response.json()["message"]
    assert client.get("/api/v2/pages/?offset=1").status_code == 200


def test_api_search_takes_words_only(client, portfolio):
    response = client.get('/api/v2/pages/?search="Case 1" <script>&search_operator=and')
    assert response.status_code == 200
    assert client.get("/api/v2/pages/?search=%20%20").json()["meta"]["total_count"] == 0
    assert client.get("/api/v2/pages/?search=case&search_operator=xor").status_code == 400
