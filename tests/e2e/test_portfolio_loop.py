"""The portfolio feeds itself, in a real browser: a manager wins a deal and its draft case
appears on the deal page; she makes the client's confirmation link and copies it; the client
(no session) corrects a result, writes a testimonial, scores, allows a named case and consents;
an editor finds the case waiting on the admin home page, sees the client's answer in the draft,
is refused publishing it while its starting notes are unchanged, rewrites them and publishes it;
a visitor reads "Results confirmed by the client" on the public case page.

Set-up data (the deal, its company and accepted proposal with a team and dated phases, the
draft's starting metric an editor would have entered, the editor's rewrite of the starting
notes) is made in Python; every other step a person takes is a click in the browser.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import GroupPagePermission, Page, Site

import pytest
from playwright.sync_api import expect

from cases.models import CaseMetric, CasePage
from leads.choices import ActivityKind
from leads.factories import CompanyFactory, ContactFactory, DealFactory
from leads.services import activity_log
from projects.factories import ProposalExpertFactory, ProposalPhaseFactory, accepted_proposal_for
from projects.models import ClientConfirmation
from proposals.factories import ProposalLineFactory
from tests.builders import build_portfolio, build_site_tree
from tests.e2e.csp import watch_csp

ARTIFACTS = Path(__file__).parent / "artifacts"  # where the screenshot fixture writes
PASSWORD = "secret-pass-1"
QUOTE = "Orders now leave the warehouse the same day."
STORY_TITLE = "Same-day warehouse orders"


def person(username, *groups, **fields):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def editorial_groups():
    """Wagtail's Editors (add, change) and Moderators (also publish) on the page tree, as its
    initial migration makes them: a transactional test's flush may have emptied them."""
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    rights = {
        "Editors": ["add_page", "change_page"],
        "Moderators": ["add_page", "change_page", "publish_page"],
    }
    root = Page.get_first_root_node()
    for name, codenames in rights.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def sold_deal(portfolio):
    """A deal of Retail Co in negotiation, with the client's request and an accepted proposal
    (a service line, two experts with roles, two dated phases)."""
    company = CompanyFactory(name="Retail Co", industry=portfolio.industry)
    contact = ContactFactory(name="Anna Petrova", email="anna@retail.example", company=company)
    deal = DealFactory(
        title="Warehouse portal", contact=contact, amount=Decimal("900000"), currency="EUR"
    )
    deal.services.add(portfolio.services[0])
    activity_log(
        kind=ActivityKind.REQUEST, text="Our orders wait two days in the warehouse.", deal=deal
    )
    proposal = accepted_proposal_for(deal, title="Warehouse portal")
    ProposalLineFactory(
        proposal=proposal, service=portfolio.services[1], description="Order tracking portal"
    )
    ProposalExpertFactory(proposal=proposal, expert=portfolio.experts[0], role="Tech lead")
    ProposalExpertFactory(proposal=proposal, expert=portfolio.experts[1], role="Developer")
    start = timezone.localdate() - datetime.timedelta(days=120)
    for number, (name, days) in enumerate([("Discovery", 30), ("Delivery", 60)]):
        ProposalPhaseFactory(
            proposal=proposal,
            name=name,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=days - 1),
            sort_order=number,
        )
        start += datetime.timedelta(days=days)
    return deal


def rewrite_starting_notes(case):
    """The editor's rewrite of the draft's starting notes into the case's story (a draft
    revision on top of the one holding the client's answer)."""
    draft = case.get_latest_revision_as_object()
    draft.title = draft.draft_title = STORY_TITLE
    draft.summary = "Orders leave the warehouse the same day instead of two days later."
    draft.challenge = "<p>Orders waited two days in the warehouse.</p>"
    draft.solution = "<p>An order tracking portal shared by the shop and the warehouse.</p>"
    draft.save_revision(log_action=True)


def add_starting_metric(case):
    """The result an editor noted in the draft before asking the client (a draft revision)."""
    draft = case.get_latest_revision_as_object()
    draft.metrics = [
        CaseMetric(
            label="Order processing time",
            value_before=Decimal("48"),
            value_after=Decimal("12"),
            unit="hours",
            higher_is_better=False,
        )
    ]
    draft.save_revision(log_action=True)


@pytest.mark.django_db(transaction=True)
def test_won_deal_becomes_a_published_case_confirmed_by_the_client(
    live_server, browser, screenshot, page
):
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    portfolio = build_portfolio(tree, cases=1)
    editorial_groups()
    person("maria", "Sales managers")
    person("edna", "Editors", "Moderators")
    deal = sold_deal(portfolio)

    # 1. The manager wins the deal on its page; the draft case is made from it.
    log_in(page, live_server, "maria")
    page.goto(live_server.url + f"/admin/sales/deals/{deal.pk}/")
    case_panel = page.locator("section.vt-case-panel")
    expect(case_panel).to_contain_text("Case: none")
    page.get_by_role("button", name="Close as won").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("The deal is won.")
    expect(case_panel).to_contain_text("Case: draft")
    case = CasePage.objects.get(project__deal=deal)
    # a neutral working title: neither the deal's title nor the client's name
    working_title = "Retail: Service with Kubernetes"
    assert (case.title, case.slug) == (working_title, "retail-service-with-kubernetes")
    expect(page.locator(".vt-timeline")).to_contain_text(f"Draft case created: {working_title}")
    screenshot("30-deal-won-draft-case")
    assert (case.live, case.visibility, case.client_name) == (False, "internal", "Retail Co")
    add_starting_metric(case)

    # 2. She makes the client's confirmation link from the deal's panel and copies it.
    page.get_by_role("link", name="Send, copy or revoke the link").click()
    page.wait_for_url("**/admin/projects/confirmations/*/")
    page.get_by_role("button", name="Make a confirmation link").click()
    page.wait_for_load_state()
    link_field = page.locator("#confirmation-link")
    expect(link_field).to_be_visible()
    url = link_field.input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/c/[\w-]{{40,64}}/", url), url
    screenshot("31-confirmation-link")

    # 3. The client, without a session, corrects the result and answers.
    client_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    client_violations = watch_csp(client_context)
    client = client_context.new_page()
    response = client.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert "no-cache" in response.headers["cache-control"]
    expect(client.locator("h1")).to_have_text(working_title)
    expect(client.locator("#id_metrics-0-label")).to_have_value("Order processing time")
    # a row's checkboxes sit beside their labels (not stretched over the row's width)
    flag = client.locator("#id_metrics-0-higher_is_better").bounding_box()
    label = client.get_by_text("Higher is better").first.bounding_box()
    assert flag["width"] < 40 and label["height"] < 2 * flag["height"] + 8, (flag, label)
    client.fill("#id_metrics-0-value_after", "4")
    client.fill("#id_quote", QUOTE)
    client.fill("#id_name", "Anna Petrova")
    client.fill("#id_position", "COO")
    client.get_by_label("9", exact=True).check()
    client.get_by_label("Yes, with our company's name").check()
    client.locator("input[name=consent]").check()
    client.screenshot(path=str(ARTIFACTS / "32-client-confirmation.png"), full_page=True)
    client.get_by_role("button", name="Send my answer").click()
    client.wait_for_load_state()
    expect(client.locator("h1")).to_have_text("Thank you!")
    assert ClientConfirmation.objects.get(project__deal=deal).answered_at is not None
    client.reload()  # the link takes one answer: it stays a thank-you
    expect(client.locator("h1")).to_have_text("Thank you!")
    client_context.close()
    assert client_violations == [], client_violations
    case.refresh_from_db()
    assert case.live is False  # nothing published by the client's answer

    # 4. The editor finds the case waiting, sees the answer in the draft and publishes it.
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    editor_violations = watch_csp(editor_context)
    editor = editor_context.new_page()
    log_in(editor, live_server, "edna")
    waiting = editor.locator("section", has_text="Cases waiting for an editor")
    expect(waiting).to_contain_text(working_title)
    editor.screenshot(path=str(ARTIFACTS / "33-editor-home-cases-waiting.png"), full_page=True)
    waiting.get_by_role("link", name=working_title).click()
    editor.wait_for_url(f"**/admin/pages/{case.pk}/edit/")
    expect(editor.locator("input[name='metrics-0-value_after']")).to_have_value(
        re.compile(r"^4(\.0+)?$")
    )
    expect(editor.locator("textarea[name='testimonial_quote']")).to_have_value(QUOTE)
    expect(editor.locator("select[name='visibility']")).to_have_value("public")  # as allowed
    # the notes stand under their own heading in the challenge and the solution editors
    notes = editor.get_by_role("heading", name="Starting notes: rewrite before publishing")
    expect(notes).to_have_count(2)
    expect(notes.first).to_be_visible()
    editor.screenshot(path=str(ARTIFACTS / "34-editor-reviews-draft.png"))
    # publishing the untouched draft is refused: the starting notes would go public
    editor.locator("footer").get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_load_state()
    refused = editor.locator(".messages")
    for field in ("summary", "challenge", "solution"):
        expect(refused).to_contain_text(
            f"Rewrite the starting notes in the {field} before publishing"
        )
    editor.screenshot(path=str(ARTIFACTS / "37-editor-starting-notes-refused.png"))
    case.refresh_from_db()
    assert case.live is False
    rewrite_starting_notes(case)
    editor.goto(live_server.url + f"/admin/pages/{case.pk}/edit/")
    expect(editor.locator("textarea[name='testimonial_quote']")).to_have_value(QUOTE)
    editor.locator("footer").get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_load_state()
    expect(editor.locator(".messages")).to_contain_text(STORY_TITLE)
    expect(editor.locator(".messages")).to_contain_text("published")
    editor_context.close()
    assert editor_violations == [], editor_violations
    case.refresh_from_db()
    assert case.live and case.visibility == "public"

    # The deal page closes the loop for the manager: the answer on the timeline, the case live.
    page.goto(live_server.url + f"/admin/sales/deals/{deal.pk}/")
    expect(case_panel).to_contain_text("Case: published")
    expect(page.locator(".vt-timeline")).to_contain_text(
        f"The client confirmed the results of case “{working_title}” (score 9)"
    )
    screenshot("36-deal-case-published")

    # 5. A visitor reads the public case with the client's confirmation.
    visitor = browser.new_context(locale="en-US").new_page()
    case_url = case.get_url()
    response = visitor.goto(case_url if case_url.startswith("http") else live_server.url + case_url)
    assert response.status == 200
    confirmed = visitor.locator(".results-confirmed")
    expect(confirmed).to_contain_text("Results confirmed by the client")
    expect(confirmed.locator("time")).to_have_text(date_format(timezone.localdate(), "DATE_FORMAT"))
    expect(visitor.locator("#results")).to_contain_text("Order processing time")
    expect(visitor.locator("#results .after")).to_have_text("4 hours")  # the unit on each figure
    expect(visitor.locator(".testimonial")).to_contain_text(QUOTE)
    expect(visitor.locator(".client")).to_contain_text("Retail Co")
    expect(visitor.locator("h1")).to_have_text(STORY_TITLE)
    expect(visitor.locator("body")).not_to_contain_text("Starting notes")
    expect(visitor.locator("body")).not_to_contain_text("Our orders wait")  # the request
    visitor.screenshot(path=str(ARTIFACTS / "35-public-case-confirmed.png"), full_page=True)
    visitor.context.close()
