"""A visitor sends a request from a service page; a sales user finds it on the board and moves it."""

from django.contrib.auth.models import Group, User

from wagtail.models import Site

import pytest

from catalog.models import ServiceType
from leads.models import Deal
from tests.builders import build_portfolio, build_site_tree


@pytest.mark.django_db(transaction=True)
def test_request_lands_on_the_board_and_moves(live_server, page, screenshot, settings):
    settings.LEADS_MIN_FILL_SECONDS = 1
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    portfolio = build_portfolio(tree, cases=1)
    service = portfolio.services[0]
    service.service_types.set([ServiceType.objects.get(code="project")])
    service.save()
    seller = User.objects.create_user(
        "olga", "olga@example.com", "secret-pass-1", first_name="Olga"
    )
    seller.groups.add(Group.objects.get(name="Sales"))

    page.goto(live_server.url + service.url)
    form = page.locator("form.vt-request-form")
    form.get_by_label("Your name").fill("Anna Petrova")
    form.get_by_label("Email").fill("anna@example.com")
    form.get_by_label("Company").fill("Retail Co")
    form.get_by_label("What do you need?").fill("An online store for 200 shops")
    form.locator("input[name=consent]").check()
    page.wait_for_timeout(1200)
    screenshot("5-request-form")
    form.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/requests/thanks/")
    assert "Thank you" in page.locator("h1").inner_text()
    deal = Deal.objects.get()
    assert deal.visitor_path and deal.visitor_path[-1]["url"].endswith(service.url)

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "olga")
    page.fill("input[name=password]", "secret-pass-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + f"/admin/sales/board/{deal.pipeline.pk}/")
    card = page.locator(f".vt-card[data-deal='{deal.pk}']")
    assert "Anna Petrova" in card.inner_text()
    screenshot("6-board")
    card.locator("select[name=stage]").select_option(label="Qualified")
    card.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    qualified_column = page.locator(".vt-column", has_text="Qualified").first
    assert qualified_column.locator(f".vt-card[data-deal='{deal.pk}']").count() == 1
    deal.refresh_from_db()
    assert deal.stage.name == "Qualified"
    screenshot("7-board-moved")
