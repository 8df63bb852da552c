"""URLs below the home page resolve without a query on a warm process (the path → page lookup and
the page are kept until a change touches them); drafts, unknown paths and extra segments 404."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from serving.routing import page_for_path
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def test_page_for_path_finds_the_specific_live_page(portfolio):
    service = portfolio.services[0]
    path = ["services", service.slug]
    page_for_path(portfolio.tree.home, path)
    with CaptureQueriesContext(connection) as queries:
        found, rest = page_for_path(portfolio.tree.home, path)
    assert found == service and type(found).__name__ == "ServicePage" and rest == []
    reads = [q for q in queries if "serving_content" not in q["sql"]]  # outside a request, the
    assert reads == []  # version is read per lookup; the path and the page are known


def test_each_lookup_gets_its_own_copy_of_the_page(portfolio):
    path = ["services", portfolio.services[0].slug]
    first, _rest = page_for_path(portfolio.tree.home, path)
    first.title = "Changed by one request"
    second, _rest = page_for_path(portfolio.tree.home, path)
    assert second.title == portfolio.services[0].title


def test_a_path_lookup_follows_publishing(portfolio):
    service = portfolio.services[0]
    path = ["services", service.slug]
    assert page_for_path(portfolio.tree.home, path)[0] == service
    service.unpublish()
    assert page_for_path(portfolio.tree.home, path)[0] == portfolio.tree.services


def test_drafts_unknown_paths_and_extra_segments_are_404(client, portfolio):
    service = portfolio.services[1]
    service.unpublish()
    assert (
        client.get(service.url if service.url else "/services/" + service.slug + "/").status_code
        == 404
    )
    assert client.get("/services/no-such-service/").status_code == 404
    assert client.get(portfolio.cases[0].url + "extra/").status_code == 404
    assert client.get(portfolio.cases[0].url).status_code == 200


def test_the_deepest_page_on_the_path_gets_the_rest(portfolio):
    with CaptureQueriesContext(connection) as queries:
        found, rest = page_for_path(portfolio.tree.home, ["cases", "page", "2"])
    assert found == portfolio.tree.cases and rest == ["page", "2"]
    assert len([q for q in queries if "wagtailcore_page" in q["sql"]]) == 2  # cold: path, page
