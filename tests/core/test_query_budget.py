"""Every public page renders with the same number of SQL queries with 10 and with 200 cases."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail_factories import ImageFactory

from tests.builders import build_portfolio, build_portfolio_more

PAGES = {
    "home": lambda p: p.tree.home.url,
    "service index": lambda p: p.tree.services.url,
    "service": lambda p: p.services[0].url,
    "case index": lambda p: p.tree.cases.url,
    "case index page 2": lambda p: p.tree.cases.url + "?page=2",
    "case": lambda p: p.cases[0].url,
    "expert index": lambda p: p.tree.experts.url,
    "expert": lambda p: p.experts[0].url,
}


def count_queries(client, url) -> int:
    client.get(url)  # warm the rendition and site caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def image(db):
    return ImageFactory(width=64, height=64)


def test_query_count_does_not_grow_with_content(client, site_tree, image):
    portfolio = build_portfolio(site_tree, cases=10, image=image)
    with_10 = {name: count_queries(client, url(portfolio)) for name, url in PAGES.items()}
    build_portfolio_more(portfolio, image, extra=190)
    with_200 = {name: count_queries(client, url(portfolio)) for name, url in PAGES.items()}
    assert with_200 == with_10
