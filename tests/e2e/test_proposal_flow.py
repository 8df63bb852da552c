"""Sales build a proposal from a deal and send it; the client opens the link and accepts."""

from django.contrib.auth.models import Group, User

from wagtail.models import Site

import pytest

from leads.services import lead_capture
from proposals.models import Proposal
from tests.builders import build_portfolio, build_site_tree


@pytest.mark.django_db(transaction=True)
def test_build_send_open_accept(live_server, browser, screenshot, page):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    portfolio = build_portfolio(tree, cases=2)
    seller = User.objects.create_user("olga", "olga@example.com", "secret-pass-1")
    seller.groups.add(Group.objects.get(name="Sales"))
    deal = lead_capture(
        data={
            "name": "Anna Petrova",
            "email": "anna@example.com",
            "company": "Retail Co",
            "consent": "on",
        },
        source_page=portfolio.services[0],
        notify=False,
    )

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "olga")
    page.fill("input[name=password]", "secret-pass-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + f"/admin/sales/deals/{deal.pk}/")
    page.get_by_role("button", name="New proposal").click()
    page.wait_for_url("**/admin/sales/proposals/*/")
    assert "Case 0" in page.locator("section", has_text="Chosen cases").inner_text()
    suggested = page.locator("section", has_text="Suggested cases").inner_text()
    assert "Case 0" not in suggested  # a chosen case is not offered again
    screenshot("10-proposal-builder")
    page.get_by_role("link", name="Send", exact=True).click()
    page.wait_for_url("**/admin/sales/proposals/*/send/")
    # the client's page as it will look, before anything is sent
    preview = page.frame_locator("iframe.vt-client-preview")
    preview.get_by_text("Service with Kubernetes — Package 0").wait_for()
    assert "Anna Petrova" in page.locator(".vt-send-summary").inner_text()
    assert Proposal.objects.get(deal=deal).status == "draft"
    screenshot("10b-proposal-send-preview")
    page.get_by_role("button", name="Send to the client").click()
    link = page.locator("a.vt-public-link")
    link.wait_for()
    url = link.get_attribute("href")

    client = browser.new_context().new_page()  # the client: no admin session
    client.goto(url)
    assert "Service with Kubernetes" in client.content()
    client.fill("#accept-name", "Anna Petrova")
    client.fill("#accept-position", "CEO")
    screenshot_path = "tests/e2e/artifacts/11-client-proposal.png"
    client.screenshot(path=screenshot_path, full_page=True)
    client.get_by_role("button", name="Accept").click()
    client.wait_for_load_state()
    assert "Accepted by Anna Petrova" in client.content()

    deal.refresh_from_db()
    accepted = Proposal.objects.get(deal=deal)
    assert accepted.status == "accepted"
    # the project pipeline's "accepted" stage, with the accepted total as the deal's amount
    assert deal.stage.name == "Contract negotiation"
    assert (deal.amount, deal.currency) == (accepted.total, accepted.currency)
    page.goto(live_server.url + f"/admin/sales/deals/{deal.pk}/")
    timeline = page.locator(".vt-timeline").inner_text()
    assert "The client opened proposal" in timeline and "Anna Petrova (CEO) accepted" in timeline
    screenshot("12-deal-after-acceptance")
