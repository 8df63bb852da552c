"""Sales → Analytics in a real browser: a manager finds the overview in the menu, opens the
funnel and the win rate, sees each chart beside its table, changes the period in the filters
(the URL carries it), and follows a figure to the deals list, which shows exactly as many deals
as the figure says; a Sales user's figure counts only her own deals.

The deals are the hand-built history of ``tests/analytics/history.py`` (Q1 2026):
created in Q1: D1–D9 (9; D10–D12 were created in 2025); won in Q1: D1, D2, D8, D9, D10 (5);
lost in Q1: D3, D4 (D9's loss was undone when it was reopened). Olga owns D1, D3, D5, D7, D9:
won in Q1 D1, D9 (2).
"""

import re

from django.conf import settings
from django.test import Client

import pytest
from playwright.sync_api import expect

from analytics import registry
from tests.analytics.history import history  # noqa: F401  (the hand-built pipeline history)
from tests.e2e.csp import watch_csp

pytestmark = pytest.mark.django_db(transaction=True)

Q1 = "period=custom&dates_from=2026-01-01&dates_to=2026-03-31"
OLGAS = {"D1", "D3", "D5", "D7", "D9"}


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def settled(page):
    """Waits until the filters' request has replaced the results (and the filters drawer)."""
    page.wait_for_function("() => !document.querySelector('#listing-results[aria-busy=true]')")


def choose(page, label, selector, value=None, *, fill=None):
    """Sets the filter ``label`` in the filters drawer as a user does: opens the drawer (the
    results' refresh redraws it), goes to the field, selects or types."""
    settled(page)
    drawer = page.locator("#filters-drilldown")
    if not drawer.locator(".w-drilldown__menu").is_visible():
        for back in drawer.locator(".w-drilldown__back").all():
            if back.is_visible():
                back.click()
        if not drawer.locator(".w-drilldown__menu").is_visible():
            page.get_by_role("button", name="Show filters").click()
    drawer.locator(".w-drilldown__toggle", has_text=label).click()
    if fill is None:
        page.select_option(selector, value)
    else:
        page.fill(selector, fill)
        page.keyboard.press("Tab")


def period_line(page) -> str:
    return page.locator(".analytics__period").inner_text()


def figure_link(page, table, row, column):
    """The link of the figure in ``table``'s row headed ``row``, column headed ``column``."""
    listing = page.locator(f"table[data-table='{table}']")
    headings = [text.strip() for text in listing.locator("thead th").all_inner_texts()]
    index = headings.index(column)
    line = listing.locator("tr", has=page.locator("th[scope=row]", has_text=row)).first
    return line.locator("th, td").nth(index).locator("a[data-cohort-link]")


def deals_listed(page) -> list[str]:
    """The titles of the deals the deals list shows."""
    page.wait_for_url("**/admin/sales/deals/?cohort=*")
    rows = page.locator("table.listing tbody tr")
    return [rows.nth(i).locator("td").first.inner_text().strip() for i in range(rows.count())]


def follow(page, link) -> tuple[int, list[str]]:
    """Clicks a figure; its number and the deals the list then shows."""
    figure = int(link.inner_text())
    link.click()
    return figure, deals_listed(page)


def test_a_manager_opens_two_reports_changes_the_period_and_follows_a_figure(
    browser,
    live_server,
    page,
    screenshot,
    history,  # noqa: F811
):
    log_in(page, live_server, history.manager.username)
    page.get_by_role("button", name="Sales").click()
    page.get_by_role("link", name="Analytics", exact=True).click()
    page.wait_for_url("**/admin/sales/analytics/")
    expect(page.get_by_role("heading", name="Analytics", level=1)).to_be_visible()
    cards = page.locator(".analytics__card")
    assert cards.count() == len(registry.SLUGS)  # a card for every report
    screenshot("analytics-01-overview")

    # Funnel: its chart beside its table, at the default period (the last 12 months)
    page.locator(".analytics__card[data-report=funnel] h2 a").click()
    page.wait_for_url("**/admin/sales/analytics/funnel/*")
    funnel = page.locator(".analytics__section", has=page.locator("table[data-table]")).first
    expect(funnel.locator("figure.analytics__chart svg")).to_be_visible()
    expect(funnel.locator("table[data-table] tbody tr").first).to_be_visible()
    default_period = period_line(page)
    assert page.locator("#id_period").input_value() == "last_12_months"

    # a preset in the filters: the results change in place, the URL says which
    choose(page, "Period", "#id_period", "this_quarter")
    page.wait_for_url(re.compile(r"[?&]period=this_quarter"))
    expect(page.locator(".analytics__period")).not_to_have_text(default_period)

    # a custom range: Q1 2026
    choose(page, "Period", "#id_period", "custom")
    page.wait_for_url(re.compile(r"[?&]period=custom"))
    choose(page, "Custom range", "#id_dates_0", fill="2026-01-01")
    page.wait_for_url(re.compile(r"dates_from=2026-01-01"))
    choose(page, "Custom range", "#id_dates_1", fill="2026-03-31")
    page.wait_for_url(re.compile(r"dates_from=2026-01-01.*dates_to=2026-03-31"))
    settled(page)
    assert "period=custom" in page.url
    expect(page.locator(".analytics__period")).to_have_text("Period: 1 Jan 2026 – 31 Mar 2026")
    screenshot("analytics-02-funnel-q1")

    # the funnel's first stage in Q1: the deals created in Q1, D1–D9
    link = figure_link(page, "funnel", "New request", "Deals")
    expect(link).to_have_text("9")
    figure, shown = follow(page, link)
    assert figure == len(shown) == 9
    assert set(shown) == {f"D{n}" for n in range(1, 10)}
    expect(page.locator(".w-active-filters")).to_contain_text("Analytics: Funnel")
    screenshot("analytics-03-funnel-deals")

    # back to the overview with the same filters, then the win rate
    page.goto(live_server.url + "/admin/sales/analytics/?" + Q1)
    page.locator(".analytics__card[data-report=win_rate] h2 a").click()
    page.wait_for_url("**/admin/sales/analytics/win_rate/?*dates_from=2026-01-01*")
    section = page.locator(".analytics__section").first
    expect(section.locator("figure.analytics__chart svg")).to_be_visible()
    expect(section.locator("table[data-table]")).to_be_visible()
    screenshot("analytics-04-win-rate-q1")
    table = section.locator("table[data-table]").get_attribute("data-table")
    figure, shown = follow(page, figure_link(page, table, "1 Jan 2026", "Won"))
    assert figure == len(shown) == 5
    assert set(shown) == {"D1", "D2", "D8", "D9", "D10"}


def test_a_sales_users_figure_counts_only_her_own_deals(browser, live_server, history):  # noqa: F811
    client = Client()
    client.force_login(history.users["olga"])
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    violations = watch_csp(context)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/admin/sales/analytics/win_rate/?" + Q1)
        section = page.locator(".analytics__section").first
        expect(section.locator("figure.analytics__chart svg")).to_be_visible()
        table = section.locator("table[data-table]").get_attribute("data-table")
        figure, shown = follow(page, figure_link(page, table, "1 Jan 2026", "Won"))
        assert figure == len(shown) == 2
        assert set(shown) == {"D1", "D9"} and set(shown) <= OLGAS
    finally:
        context.close()
    assert violations == []
