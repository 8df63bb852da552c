"""Views that must never be kept say so themselves (``page_cache_exempt``): a second anonymous
GET of each family (search, request form, proposals, the API) is rendered again, not a hit."""

from django.test import Client

import pytest

from proposals import services
from tests.leads.conftest import sales_users  # noqa: F401 - shared fixtures
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here
from tests.proposals.conftest import deal, draft  # noqa: F401 - shared fixtures
from tests.serving.test_page_cache import page_cache  # noqa: F401 - shared fixture


def _twice(url):
    visitor = Client()
    return visitor.get(url), visitor.get(url)


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=case",
        "/search/suggest/?q=case",
        "/search/",
        "/requests/thanks/",
        "/api/v2/pages/",
        "/api/v2/pages/?type=cases.CasePage&fields=title",
    ],
)
def test_second_anonymous_get_of_a_never_cached_view_is_no_hit(page_cache, url):  # noqa: F811
    first, second = _twice(url)
    assert first.status_code == second.status_code == 200, url
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second, url


def test_second_anonymous_get_of_a_proposal_is_no_hit(page_cache, draft):  # noqa: F811
    sent = services.proposal_send(proposal=draft, user=draft.deal.owner)
    first, second = _twice(f"/p/{sent.token}/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_the_marker_keeps_headers_and_only_stops_the_page_cache(rf):
    from django.http import HttpResponse

    from serving.page_cache import _cacheable_response, page_cache_exempt

    plain = HttpResponse("x")
    marked = page_cache_exempt(lambda request: HttpResponse("x"))(rf.get("/"))
    assert dict(marked.items()) == dict(plain.items())
    assert _cacheable_response(plain) and not _cacheable_response(marked)
