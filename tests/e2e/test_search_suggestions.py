"""Typing in the header search box shows suggestions; choosing one opens the page."""

from wagtail.models import Site

import pytest

from tests.builders import build_portfolio, build_site_tree


@pytest.mark.django_db(transaction=True)
def test_suggestions_open_the_page(live_server, page, screenshot):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    build_portfolio(tree, cases=2)

    page.goto(live_server.url + "/")
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("Kuber", delay=60)
    suggestion = page.locator("#header-suggestions a", has_text="Service with Kubernetes")
    suggestion.wait_for(state="visible", timeout=5000)
    screenshot("8-suggestions")
    suggestion.click()
    page.wait_for_url("**/services/**")
    assert page.locator("h1").inner_text() == "Service with Kubernetes"

    # Without choosing a suggestion, Enter submits the plain form to the search page.
    page.locator("#header-q").fill("Kubernetes")
    page.locator("#header-q").press("Enter")
    page.wait_for_url("**/search/?q=Kubernetes")
    assert page.locator(".search-result").count() >= 2
    screenshot("9-search-page")
