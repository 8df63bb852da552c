"""A visitor goes from the home page to a service, to one of its cases, to an expert of that case."""

from wagtail.models import Site

import pytest
from wagtail_factories import ImageFactory

from tests.builders import build_portfolio, build_site_tree


@pytest.mark.django_db(transaction=True)
def test_home_to_service_to_case_to_expert(live_server, page, screenshot):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    portfolio = build_portfolio(tree, cases=3, image=ImageFactory(width=800, height=450))

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == tree.home.hero_title
    screenshot("1-home")

    page.locator("#services").get_by_role("link", name="Service with Kubernetes").click()
    page.wait_for_url("**/services/**")
    assert page.locator("h1").inner_text() == "Service with Kubernetes"
    assert page.locator(".service-facts").get_by_text("Fixed price").is_visible()
    screenshot("2-service")

    page.locator("#cases").get_by_role("link", name="Case 0").click()
    page.wait_for_url("**/cases/**")
    assert page.locator("h1").inner_text() == "Case 0"
    assert page.locator("#results").get_by_text("+50%").is_visible()
    screenshot("3-case")

    page.locator("#team").get_by_role("link", name="Expert 0").click()
    page.wait_for_url("**/experts/**")
    assert page.locator("h1").inner_text() == "Expert 0"
    assert page.locator("#cases").get_by_text("Case 0").is_visible()
    screenshot("4-expert")
    assert portfolio.cases[0].title == "Case 0"
