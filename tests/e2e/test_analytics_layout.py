"""Every analytics screen fits the window at 1280 px and at 390 px: nothing runs off the right
edge (a wide table scrolls inside its own box, a chart inside its figure), every legend key
lies inside its chart, and numbers are right-aligned.

The figures are the hand-built history of ``tests/analytics/history.py`` over Q1 2026.
"""

import pytest

from analytics import registry
from tests.analytics.history import history  # noqa: F401  (the hand-built pipeline history)
from tests.e2e.test_analytics import Q1, log_in

pytestmark = pytest.mark.django_db(transaction=True)

#: elements past the window's right edge that are not inside a box that scrolls on its own
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.querySelectorAll('.analytics *')) {
    if (element.closest('.analytics__scroll, .analytics__chart')) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) out.push(element.tagName + ' ' + Math.round(box.right));
  }
  return out;
}"""

#: legend keys (and their labels) outside their chart's drawing
LEGEND = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.analytics-chart')) {
    const width = svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll(':scope > text')) {
      const box = text.getBBox();
      if (box.x < 0 || box.x + box.width > width + 1) out.push(text.textContent);
    }
  }
  return out;
}"""

#: numeric cells not right-aligned
ALIGN = """() => [...document.querySelectorAll('.analytics td.numeric')]
  .filter(cell => !['right', 'end'].includes(getComputedStyle(cell).textAlign)).length"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_report_fits_the_window(browser, live_server, history, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        log_in(page, live_server, history.manager.username)
        for slug, _module in registry.reports():
            page.goto(f"{live_server.url}/admin/sales/analytics/{slug}/?{Q1}")
            assert page.locator("table[data-table]").count(), slug
            assert page.evaluate(OVERFLOW) == [], slug
            assert page.evaluate(LEGEND) == [], slug
            assert page.evaluate(ALIGN) == 0, slug
        page.goto(f"{live_server.url}/admin/sales/analytics/?{Q1}")
        assert page.evaluate(OVERFLOW) == []
    finally:
        context.close()
