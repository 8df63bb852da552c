"""The public design on a phone and a desktop: the menu button stays beside the logo at 390 px,
no page scrolls sideways, the accent comes from the settings, and screenshots of the seven page
types at both widths are kept in artifacts/design/."""

from wagtail.models import Site

import pytest
from wagtail_factories import ImageFactory

from core.models import SiteSettings
from tests.builders import build_portfolio, build_site_tree, public_page_urls
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.csp import watch_csp

WIDTHS = (1440, 390)


@pytest.mark.django_db(transaction=True)
def test_header_overflow_and_accent_at_both_widths(live_server, browser):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    image = ImageFactory(file__width=1600, file__height=900)
    portfolio = build_portfolio(tree, cases=4, image=image)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.company_name = "Northwind Digital Consulting"  # a long name, as real ones are
    site_settings.logo = ImageFactory(file__width=360, file__height=120)
    site_settings.brand_colour = "#7c3aed"
    site_settings.save()
    pages = public_page_urls(tree, portfolio, "case")
    folder = ARTIFACTS / "design"
    folder.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
        violations = watch_csp(context)
        page = context.new_page()
        for name, path in pages.items():
            page.goto(live_server.url + path)
            sideways = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert sideways <= 0, f"{name} scrolls sideways by {sideways}px at {width}px"
            accent = page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--vt-accent')"
            )
            assert accent.strip() == "#7c3aed", name
            if width == 390:
                brand = page.locator(".navbar-brand").bounding_box()
                toggler = page.locator(".navbar-toggler").bounding_box()
                assert toggler["y"] < brand["y"] + brand["height"], f"{name}: the menu wraps"
                assert toggler["x"] + toggler["width"] <= width
                menu = page.locator("#main-nav")
                assert not menu.is_visible(), f"{name}: the menu is open before asked"
                page.locator(".navbar-toggler").click()
                menu.get_by_role("link").first.wait_for(state="visible")
                assert page.locator(".navbar-toggler").get_attribute("aria-expanded") == "true"
                page.locator(".navbar-toggler").click()
                menu.wait_for(state="hidden")
            page.screenshot(path=str(folder / f"test-{name}-{width}.png"), full_page=True)
        context.close()
        assert violations == []
