"""A first-time visitor sends the request form from a page served out of the page cache."""

from wagtail.models import Site

import pytest

from leads.models import Deal
from serving.page_cache import page_store
from tests.builders import build_portfolio, build_site_tree
from tests.e2e.forms import send_request_form


@pytest.mark.django_db(transaction=True)
def test_form_on_cached_page(live_server, browser, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.LEADS_MIN_FILL_SECONDS = 1
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    service = build_portfolio(tree, cases=1).services[0]
    url = live_server.url + service.url
    browser.new_context().new_page().goto(url)  # fills the cache
    browser.new_context().new_page().goto(url)
    cache_state = []

    visitor = browser.new_context().new_page()  # never been here: no cookies at all
    visitor.on(
        "response",
        lambda r: cache_state.append(r.headers.get("x-page-cache")) if r.url == url else None,
    )
    visitor.goto(url)
    assert cache_state == ["hit"]
    send_request_form(
        visitor, name="Boris", phone="+7 916 555-44-33", thanks_url="**/requests/thanks/"
    )
    assert Deal.objects.get().contact.phone == "+79165554433"
    page_store().clear()
