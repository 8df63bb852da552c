"""Typing in the header search box shows suggestions; choosing one opens the page."""

from wagtail.models import Site

import pytest

from tests.builders import build_portfolio, build_site_tree
from tests.e2e.accessibility import serious_violations


@pytest.mark.django_db(transaction=True)
def test_suggestions_open_the_page(live_server, page, screenshot):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    build_portfolio(tree, cases=2)

    page.goto(live_server.url + "/")
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("Kuber", delay=60)
    suggestion = page.locator(
        "#header-suggestions [role=option]", has_text="Service with Kubernetes"
    )
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


@pytest.mark.django_db(transaction=True)
def test_suggestions_by_keyboard(live_server, page):
    """The box is a combobox: arrows move through the suggestions while focus stays in the box,
    Escape closes them, Enter opens the highlighted one, and a live region says how many came."""
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    build_portfolio(tree, cases=2)

    page.goto(live_server.url + "/")
    box = page.locator("#header-q")
    box.focus()
    box.fill("Service with")  # one input event: one answer
    options = page.locator("#header-suggestions [role=option]")
    options.first.wait_for(state="visible", timeout=5000)
    count = options.count()
    assert count >= 2
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    status = page.locator(".vt-search [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"Suggestions: {count}"

    def highlighted() -> list[str]:
        return [
            options.nth(n).get_attribute("id")
            for n in range(count)
            if options.nth(n).get_attribute("aria-selected") == "true"
        ]

    box.press("ArrowDown")
    first = options.nth(0).get_attribute("id")
    assert highlighted() == [first]
    assert box.get_attribute("aria-activedescendant") == first
    box.press("ArrowDown")
    second = options.nth(1).get_attribute("id")
    assert highlighted() == [second]
    assert box.get_attribute("aria-activedescendant") == second
    box.press("ArrowUp")
    assert highlighted() == [first]
    assert page.evaluate("document.activeElement.id") == "header-q"
    assert serious_violations(page) == []  # the open combobox and its listbox too

    box.press("Escape")
    assert page.locator("#header-suggestions").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    # The arrows open the list again; Enter opens the highlighted suggestion, not the search page.
    box.press("ArrowDown")
    assert page.locator("#header-suggestions").is_visible()
    box.press("ArrowDown")
    title = options.nth(1).locator("span").inner_text()
    href = options.nth(1).get_attribute("data-href")
    box.press("Enter")
    page.wait_for_url(href if href.startswith("http") else live_server.url + href)
    assert page.locator("h1").inner_text() == title

    # Nothing found is said too.
    page.locator("#header-q").fill("zzqqxxv")
    page.locator(".vt-search [role=status]").get_by_text("No suggestions").wait_for(
        state="attached", timeout=5000
    )
    assert page.locator("#header-suggestions").is_hidden()
