"""The Content-Security-Policy breaks nothing a visitor, a client or a sales manager uses: no
violation on public pages (cached too) with the request form and search suggestions, on the
proposal page, on the Sales screens and on a public page with Wagtail's user bar.

The ``page`` fixture fails a test on any violation; these tests also check that the policy was
really sent, so a missing header cannot pass for a clean page.
"""

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.urls import reverse

from wagtail.models import Site

import pytest

from leads.services import lead_capture
from proposals import services as proposal_services
from tests.builders import build_portfolio, build_site_tree
from tests.e2e.forms import send_request_form


@pytest.fixture
def live_site(live_server, settings):
    settings.LEADS_MIN_FILL_SECONDS = 1
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    yield build_portfolio(tree, cases=2)
    cache.clear()


def open_page(page, url: str) -> str:
    """Open ``url``; return its Content-Security-Policy (it must have one)."""
    response = page.goto(url)
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy, url
    assert "camera=()" in response.headers.get("permissions-policy", ""), url
    return policy


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.django_db(transaction=True)
def test_public_pages_form_and_suggestions_keep_the_policy(live_server, live_site, page):
    service = live_site.services[0]
    open_page(page, live_server.url + "/")
    policy = open_page(page, live_server.url + service.url)
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    cached = page.goto(live_server.url + service.url)
    assert cached.headers.get("x-page-cache") == "hit"
    assert cached.headers.get("content-security-policy") == policy

    page.locator("#header-q").press_sequentially("Serv", delay=40)
    page.locator(".vt-suggestions li").first.wait_for(timeout=5000)

    # An empty form comes back with its errors on the request page, then goes through.
    page.locator("form.vt-request-form").get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/requests/")
    assert page.locator(".alert-danger").count() == 1
    send_request_form(
        page,
        name="Vera",
        phone="+7 916 555-44-22",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    open_page(page, live_server.url + live_site.tree.cases.url)
    open_page(page, live_server.url + live_site.cases[0].url)
    open_page(page, live_server.url + live_site.experts[0].url)


@pytest.mark.django_db(transaction=True)
def test_proposal_page_keeps_the_policy(live_server, live_site, page):
    seller = User.objects.create_user("olga", "olga@example.com", "secret-pass-1")
    seller.groups.add(Group.objects.get(name="Sales"))
    deal = lead_capture(
        data={"name": "Anna Petrova", "phone": "+7 916 123-45-67", "consent": "on"},
        source_page=live_site.services[0],
        notify=False,
    )
    proposal = proposal_services.proposal_create_from_deal(deal=deal, user=deal.owner)
    proposal = proposal_services.proposal_send(proposal=proposal, user=deal.owner)

    policy = open_page(page, live_server.url + reverse("proposals:page", args=[proposal.token]))
    assert "'unsafe-inline'" not in policy
    # The page's own stylesheet is allowed by its nonce: the sheet is styled.
    sheet = page.locator("main.p-sheet")
    assert sheet.evaluate("element => getComputedStyle(element).maxWidth") == "860px"
    page.fill("#accept-name", "Anna Petrova")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Accepted by Anna Petrova" in page.content()
    open_page(page, live_server.url + "/p/no-such-token-at-all/")


@pytest.mark.django_db(transaction=True)
def test_sales_screens_and_the_user_bar_keep_their_policies(live_server, live_site, page):
    manager = User.objects.create_user("maria", "maria@example.com", "secret-pass-1")
    manager.groups.add(Group.objects.get(name="Sales managers"))
    deal = lead_capture(
        data={"name": "Anna Petrova", "phone": "+7 916 123-45-67", "consent": "on"},
        source_page=live_site.services[0],
        notify=False,
    )
    proposal = proposal_services.proposal_create_from_deal(deal=deal, user=manager)

    sign_in(page, live_server.url, "maria", "secret-pass-1")
    admin_policy = open_page(page, live_server.url + "/admin/")
    page.goto(live_server.url + reverse("leads_board:pipeline", args=[deal.pipeline.pk]))
    page.locator(f".vt-card[data-deal='{deal.pk}']").wait_for()
    assert page.goto(live_server.url + reverse("leads_deals:detail", args=[deal.pk])).ok
    page.locator("h1", has_text=deal.title).wait_for()
    for url in (
        reverse("leads_deals:index"),
        reverse("leads_contacts:detail", args=[deal.contact.pk]),
        reverse("leads_tasks:index"),
        reverse("proposals_admin:detail", args=[proposal.pk]),
    ):
        assert open_page(page, live_server.url + url) == admin_policy, url

    # A signed-in manager on the public site: Wagtail's user bar under the public policy.
    public_policy = open_page(page, live_server.url + live_site.services[0].url)
    assert public_policy != admin_policy
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_timeout(500)  # the user bar's accessibility check runs after load
