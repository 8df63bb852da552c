"""axe-core on the seven public page types and on the request form with its errors shown, at
1440 and 390 px; each page is also saved as a screenshot in ``artifacts/screens/`` (kept by CI).

Fails on any serious or critical violation and names each one: rule, impact, elements."""

from wagtail.models import Site

import pytest
from wagtail_factories import ImageFactory

from tests.builders import build_portfolio, build_site_tree, public_page_urls
from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import ARTIFACTS

SCREENS = ARTIFACTS / "screens"
WIDTHS = {"desktop": (1440, 900), "mobile": (390, 844)}

FOCUS_PROBE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
    return {
        what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + " " + (el.textContent || el.value || "").trim().slice(0, 40),
        ring: ring,
        shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
        inMain: el.closest("main") !== null,
    };
}"""


def tab_through(page, presses: int = 80) -> tuple[list[dict], list[str]]:
    """Press Tab through the page: what got focus, and what got it without a visible ring."""
    reached, unseen = [], []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_PROBE)
        if focused is None:
            break  # past the last control
        reached.append(focused)
        if not (focused["ring"] and focused["shown"]):
            unseen.append(focused["what"])
    return reached, unseen


@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_serious_axe_violations(live_server, page):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    portfolio = build_portfolio(tree, cases=3, image=ImageFactory(width=800, height=450))
    pages = public_page_urls(tree, portfolio, "Kubernetes")
    del pages["experts"]  # the seven the issue names
    SCREENS.mkdir(parents=True, exist_ok=True)
    found = {}

    def check(name: str) -> None:
        for width, height in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": height})
            found[f"{name} at {width} px"] = serious_violations(page)
            page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)

    for name, path in pages.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        check(name)

    # The request form sent empty: the page that shows its errors.
    page.goto(live_server.url + pages["service"])
    form = page.locator("form.vt-request-form")
    form.get_by_role("button", name="Send the request").click()
    page.locator(".invalid-feedback, .errorlist, .alert-danger").first.wait_for(timeout=10000)
    check("request-form-errors")

    # Keyboard: from the top of the home page, Tab reaches the skip link, the search box and the
    # page's own links, each with a visible focus ring.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + "/")
    reached, unseen = tab_through(page)
    assert reached[0]["what"].startswith("a Skip to content")
    assert any(focused["what"].startswith("input#header-q") for focused in reached)
    assert any(focused["inMain"] for focused in reached)
    found["home, Tab without a visible focus ring"] = unseen

    report = [
        f"{where}: {violation}" for where, violations in found.items() for violation in violations
    ]
    print("\n".join(report))  # noqa: T201 (shown with -s and in the failure)
    assert report == [], "serious or critical axe violations:\n" + "\n".join(report)
