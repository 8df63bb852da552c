"""A search that found what it asked for is a landing page search engines may index, under one
address per query; thin and duplicate result pages stay out of the index."""

import re

import pytest

from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

NOINDEX = '<meta name="robots" content="noindex">'


def _head(response):
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def test_a_complete_search_is_indexable_under_one_address_with_its_own_description(
    client, portfolio
):
    head = _head(client.get("/search/", {"q": "  Kubernetes "}))
    assert NOINDEX not in head
    assert re.search(r'<link rel="canonical" href="http://testserver/search/\?q=Kubernetes">', head)
    description = re.search(r'<meta name="description" content="([^"]+)">', head).group(1)
    assert "Kubernetes" in description
    assert "Service with Kubernetes" in description  # what it found, by title


@pytest.mark.parametrize(
    "params",
    [
        {"q": "zzqqxxnothing"},  # nothing found
        {"q": "Kubernetes", "kind": "case"},  # a filter
        {"q": "Kubernetes", "page": "2"},  # a later page
        {"q": "Kubernetes", "exact": "1"},  # "search as typed"
        {"q": "Kubernetez"},  # a misspelling corrected
        {},  # no query
    ],
)
def test_thin_and_duplicate_result_pages_stay_out_of_the_index(client, portfolio, params):
    head = _head(client.get("/search/", params))
    assert NOINDEX in head
    assert 'rel="canonical"' not in head
