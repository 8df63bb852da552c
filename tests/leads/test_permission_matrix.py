"""Every admin URL of the Sales menu and of proposals × every role: status, and no leak.

Roles: anonymous, an editor, the Sales owner of the deal, another Sales user, a Sales manager and
a superuser. A deal of one salesperson, with its contact, raw request, task and proposal, must be
reachable by its owner, managers and superusers on every URL — listing, card, edit, delete,
history, usage, inspect, export and each POST action — and by nobody else; a refused POST writes
nothing.
"""

from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.models import Group, User
from django.urls import NoReverseMatch, reverse

import pytest

from cases.factories import CasePageFactory
from experts.factories import ExpertPageFactory
from leads.models import Contact, Deal, LeadSubmission, LostReason, Stage
from leads.services import lead_capture
from proposals.admin_views import preview_snapshot, snapshot_fingerprint
from proposals.factories import ProposalLineFactory
from proposals.models import Proposal
from proposals.services import proposal_create_from_deal
from tests.leads.conftest import VALID

ROLES = ["anonymous", "editor", "owner", "other_sales", "manager", "superuser"]
SECRET = {
    "name": "Zinaida Secretova",
    "email": "zinaida.secret@example.com",
    "phone": "",
    "company": "Hidden Holding",
    "message": "Confidential brief: migrate the warehouse ledger",
}
MARKERS = [SECRET["name"], SECRET["email"], "Confidential brief"]


@pytest.fixture
def world(db, site_tree):
    # One case and one expert for the proposal builder to offer: each page saved costs time,
    # and this fixture is built for every one of the matrix's cases.
    portfolio = SimpleNamespace(
        cases=[CasePageFactory(parent=site_tree.cases)],
        experts=[ExpertPageFactory(parent=site_tree.experts)],
    )
    sales = Group.objects.get(name="Sales")
    users = {}
    for role, group in [
        ("owner", sales),
        ("other_sales", sales),
        ("manager", Group.objects.get(name="Sales managers")),
        ("editor", Group.objects.get(name="Editors")),
    ]:
        users[role] = User.objects.create_user(role, f"{role}@example.com", "pw")
        users[role].groups.add(group)
    users["superuser"] = User.objects.create_superuser("root", "root@example.com", "pw")
    users["anonymous"] = None
    deal = lead_capture(data={**VALID, **SECRET}, notify=False)
    Deal.objects.filter(pk=deal.pk).update(owner=users["owner"])
    deal.refresh_from_db()
    theirs = lead_capture(
        data={**VALID, "email": "own.client@example.com", "phone": ""}, notify=False
    )
    Deal.objects.filter(pk=theirs.pk).update(owner=users["other_sales"])
    proposal = proposal_create_from_deal(deal=deal, user=users["owner"])
    # one priced line (the factory recalculates the totals): a proposal that can be sent
    ProposalLineFactory(proposal=proposal, description="Audit", unit_price=Decimal(1000))
    return {
        "users": users,
        "deal": deal,
        "contact": deal.contact,
        "submission": LeadSubmission.objects.get(deal=deal),
        "task": deal.tasks.first(),
        "proposal": proposal,
        "portfolio": portfolio,
    }


def fingerprint(world) -> tuple:
    """Everything a refused request must leave as it was."""
    deal = Deal.objects.filter(pk=world["deal"].pk).values().first()
    proposals = list(Proposal.objects.filter(deal_id=world["deal"].pk).values().order_by("pk"))
    contact = Contact.objects.filter(pk=world["contact"].pk).values().first()
    return (
        deal,
        proposals,
        contact,
        world["deal"].activities.count(),
        Deal.objects.filter(contact_id=world["contact"].pk).count(),
        sorted(world["deal"].tasks.values_list("pk", "done_at")),
        world["proposal"].chosen_cases.count(),
        world["proposal"].chosen_experts.count(),
    )


def get_urls(world) -> list[tuple[str, str, str]]:
    """(name, url, kind): "home", "list", "object", or the manager-only "delete"/"export"."""
    deal, contact, proposal = world["deal"], world["contact"], world["proposal"]
    submission = world["submission"]

    def named(name, *args):
        return reverse(name, args=args)

    return [
        ("admin home", "/admin/", "home"),
        ("board", named("leads_board:index"), "list"),
        ("board of pipeline", named("leads_board:pipeline", deal.pipeline_id), "list"),
        ("deals", named("leads_deals:index"), "list"),
        ("deals results", named("leads_deals:index_results"), "list"),
        ("deals search", named("leads_deals:index") + "?q=Zinaida", "list"),
        ("deal add", named("leads_deals:add"), "list"),
        ("deal", named("leads_deals:detail", deal.pk), "object"),
        ("deal edit", named("leads_deals:edit", deal.pk), "object"),
        ("deal history", named("leads_deals:history", deal.pk), "object"),
        ("deal history results", named("leads_deals:history_results", deal.pk), "object"),
        ("deal usage", named("leads_deals:usage", deal.pk), "object"),
        ("deal delete", named("leads_deals:delete", deal.pk), "delete"),
        ("deals export csv", named("leads_deals:index") + "?export=csv", "export"),
        ("deals export xlsx", named("leads_deals:index") + "?export=xlsx", "export"),
        ("contacts", named("leads_contacts:index"), "list"),
        ("contacts search", named("leads_contacts:index") + "?q=zinaida", "list"),
        ("contact", named("leads_contacts:detail", contact.pk), "object"),
        ("contact edit", named("leads_contacts:edit", contact.pk), "object"),
        ("contact history", named("leads_contacts:history", contact.pk), "object"),
        ("contact usage", named("leads_contacts:usage", contact.pk), "object"),
        ("contact delete", named("leads_contacts:delete", contact.pk), "delete"),
        ("contact export", named("leads_contacts:export", contact.pk), "export"),
        ("companies", named("leads_companies:index"), "list"),
        ("company", named("leads_companies:detail", deal.company_id), "list"),
        ("my tasks", named("leads_tasks:index"), "list"),
        ("requests", named("leads_requests:index"), "list"),
        ("requests results", named("leads_requests:index_results"), "list"),
        ("request", named("leads_requests:inspect", submission.pk), "object"),
        ("proposals", named("proposals_admin:index"), "list"),
        ("proposal", named("proposals_admin:detail", proposal.pk), "object"),
        ("proposal edit", named("proposals_admin:edit", proposal.pk), "object"),
        ("proposal send preview", named("proposals_admin:send", proposal.pk), "object"),
        ("proposal history", named("proposals_admin:history", proposal.pk), "object"),
        ("proposal usage", named("proposals_admin:usage", proposal.pk), "object"),
        ("proposal delete", named("proposals_admin:delete", proposal.pk), "delete"),
    ]


def expected_statuses(role: str, kind: str) -> set[int]:
    if role == "anonymous":
        return {302}
    if kind == "home":
        return {200}
    if role == "editor":
        return {302, 403, 404}
    if role in ("owner", "other_sales") and kind in ("delete", "export"):
        return {302, 403, 404}
    if role == "other_sales" and kind == "object":
        return {404}
    return {200}


def log_in(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_and_leaks_nothing(client, world, role):
    log_in(client, world, role)
    failures = []
    for name, url, kind in get_urls(world):
        response = client.get(url)
        allowed = expected_statuses(role, kind)
        if response.status_code not in allowed:
            failures.append(f"{name} {url}: {response.status_code}, expected {sorted(allowed)}")
        if role in ("anonymous", "editor", "other_sales"):
            leaked = [marker for marker in MARKERS if marker in body(response)]
            if leaked:
                failures.append(f"{name} {url} shows {leaked}")
    assert not failures, "\n".join(failures)


def test_the_owner_and_managers_see_the_deal_in_listings(client, world):
    for role in ("owner", "manager", "superuser"):
        client.force_login(world["users"][role])
        for url in (reverse("leads_deals:index"), reverse("leads_requests:index")):
            assert SECRET["name"] in body(client.get(url)), (role, url)


def test_copy_views_are_gone(client, world):
    """Wagtail's generic copy view saved over the original deal: there is no copy URL now."""
    client.force_login(world["users"]["superuser"])
    for namespace in ("leads_deals", "leads_contacts", "proposals_admin", "leads_pipelines"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{namespace}:copy", args=[1])
    before = fingerprint(world)
    response = client.post(f"/admin/sales/deals/copy/{world['deal'].pk}/", {"title": "Copy"})
    assert response.status_code == 404 and fingerprint(world) == before


def post_actions(world) -> dict[str, tuple[str, dict]]:
    deal, contact, proposal = world["deal"], world["contact"], world["proposal"]
    portfolio = world["portfolio"]
    qualified = Stage.objects.get(pipeline=deal.pipeline, name="Qualified")
    other_contact = Contact.objects.get(email="own.client@example.com")

    def action(name):
        return reverse(f"leads_deals:{name}", args=[deal.pk])

    def proposal_action(name):
        return reverse(f"proposals_admin:{name}", args=[proposal.pk])

    return {
        "deal move": (action("move"), {"stage": qualified.pk}),
        "deal won": (action("won"), {"amount": "1000"}),
        "deal lost": (action("lost"), {"lost_reason": LostReason.objects.first().pk}),
        "deal target": (action("target"), {}),
        "deal not target": (action("not_target"), {}),
        "deal note": (action("activity"), {"kind": "call", "text": "note"}),
        "deal task": (
            action("task"),
            {"title": "Chase", "kind": "call", "due_at": "2031-01-01T10:00"},
        ),
        "deal custom fields": (action("custom"), {}),
        "deal edit (take over)": (
            reverse("leads_deals:edit", args=[deal.pk]),
            {
                "title": "Taken",
                "contact": contact.pk,
                "owner": world["users"]["other_sales"].pk,
                "currency": "RUB",
            },
        ),
        "deal delete": (reverse("leads_deals:delete", args=[deal.pk]), {}),
        "deal add for the contact": (
            reverse("leads_deals:add"),
            {
                "title": "Second deal",
                "contact": contact.pk,
                "pipeline": deal.pipeline_id,
                "owner": "",
                "currency": "RUB",
            },
        ),
        "request accept": (
            reverse("leads_requests:accept", args=[world["submission"].pk]),
            {},
        ),
        "task done": (reverse("leads_tasks:done", args=[world["task"].pk]), {}),
        "contact edit": (
            reverse("leads_contacts:edit", args=[contact.pk]),
            {"name": "Renamed", "email": "x@example.com", "preferred_channel": "email"},
        ),
        "contact merge into other": (
            reverse("leads_contacts:merge", args=[other_contact.pk]),
            {"duplicate": contact.pk},
        ),
        "contact merge other into it": (
            reverse("leads_contacts:merge", args=[contact.pk]),
            {"duplicate": other_contact.pk},
        ),
        "contact erase": (reverse("leads_contacts:erase", args=[contact.pk]), {}),
        "proposal from deal": (reverse("proposals_admin:new_from_deal", args=[deal.pk]), {}),
        "proposal edit": (
            reverse("proposals_admin:edit", args=[proposal.pk]),
            {"title": "Hijacked", "discount_percent": "99", "currency": "RUB"},
        ),
        "proposal add case": (proposal_action("add_case"), {"id": portfolio.cases[0].pk}),
        "proposal add expert": (proposal_action("add_expert"), {"id": portfolio.experts[0].pk}),
        "proposal send": (
            reverse("proposals_admin:send", args=[proposal.pk]),
            {"fingerprint": snapshot_fingerprint(preview_snapshot(proposal))},
        ),
        "proposal revise": (proposal_action("revise"), {}),
        "proposal revoke": (proposal_action("revoke"), {}),
        "proposal delete": (reverse("proposals_admin:delete", args=[proposal.pk]), {}),
    }


ACTIONS = [
    "deal move",
    "deal won",
    "deal lost",
    "deal target",
    "deal not target",
    "deal note",
    "deal task",
    "deal custom fields",
    "deal edit (take over)",
    "deal delete",
    "deal add for the contact",
    "request accept",
    "task done",
    "contact edit",
    "contact merge into other",
    "contact merge other into it",
    "contact erase",
    "proposal from deal",
    "proposal edit",
    "proposal add case",
    "proposal add expert",
    "proposal send",
    "proposal revise",
    "proposal revoke",
    "proposal delete",
]
#: actions that need a Sales manager whoever owns the deal (group permissions)
MANAGER_ONLY = {"deal delete", "contact erase", "proposal delete", "request accept"}
#: merging moves the other salesperson's deal too: only a manager may
NEEDS_BOTH_DEALS = {"contact merge into other", "contact merge other into it"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACTIONS)
def test_every_post_action_is_refused_to_whom_the_deal_does_not_belong(client, world, role, name):
    url, data = post_actions(world)[name]
    log_in(client, world, role)
    before = fingerprint(world)
    response = client.post(url, data)
    assert response.status_code < 500, body(response)
    allowed = role in ("manager", "superuser") or (
        role == "owner" and name not in MANAGER_ONLY | NEEDS_BOTH_DEALS
    )
    if allowed:
        assert response.status_code in (200, 302), (name, response.status_code)
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert fingerprint(world) == before, f"{role} changed the deal's world with {name}"
    assert SECRET["email"] not in body(response)


def test_a_merge_by_the_owner_of_both_deals_goes_through(client, world):
    owner = world["users"]["owner"]
    twin = lead_capture(
        data={**VALID, "email": "zinaida.other@example.com", "phone": "", "name": "Z. S."},
        notify=False,
    )
    Deal.objects.filter(pk=twin.pk).update(owner=owner)
    client.force_login(owner)
    client.post(
        reverse("leads_contacts:merge", args=[world["contact"].pk]), {"duplicate": twin.contact.pk}
    )
    assert not Contact.objects.filter(pk=twin.contact.pk).exists()
    assert Deal.objects.get(pk=twin.pk).contact == world["contact"]


def test_a_deal_without_owner_opens_for_everyone_in_sales(client, world):
    Deal.objects.filter(pk=world["deal"].pk).update(owner=None)
    for role in ("owner", "other_sales", "manager", "superuser"):
        client.force_login(world["users"][role])
        response = client.get(reverse("leads_deals:detail", args=[world["deal"].pk]))
        assert response.status_code == 200 and "Unassigned" in response.content.decode()


def test_a_deal_entered_by_hand_starts_at_the_first_stage(client, world):
    owner = world["users"]["owner"]
    client.force_login(owner)
    pipeline = world["deal"].pipeline
    response = client.post(
        reverse("leads_deals:add"),
        {
            "title": "Phone call from a fair",
            "contact": world["contact"].pk,
            "pipeline": pipeline.pk,
            "owner": owner.pk,
            "currency": "RUB",
        },
    )
    deal = Deal.objects.get(title="Phone call from a fair")
    assert response.status_code == 302
    assert deal.stage == pipeline.stages.order_by("sort_order").first()
    assert deal.tasks.exists() or not deal.stage.task_templates.exists()
    missing = client.post(reverse("leads_deals:add"), {"title": "No pipeline"})
    assert missing.status_code == 200 and not Deal.objects.filter(title="No pipeline").exists()


def test_site_history_shows_each_salesperson_only_their_deals(client, world):
    """Wagtail's site history lists what was edited: another owner's client stays out of it."""
    owner = world["users"]["owner"]
    client.force_login(owner)
    contact = world["contact"]
    response = client.post(
        reverse("leads_contacts:edit", args=[contact.pk]),
        {"name": SECRET["name"], "email": SECRET["email"], "preferred_channel": "email"},
    )
    assert response.status_code == 302
    history = reverse("wagtailadmin_reports:site_history")
    client.get(history)  # shows the "saved" message once
    for role in ("owner", "manager"):
        client.force_login(world["users"][role])
        assert SECRET["name"] in body(client.get(history)), role
    client.force_login(world["users"]["other_sales"])
    for url in (history, history + "?export=csv", history + "?export=xlsx"):
        response = client.get(url)
        assert response.status_code == 200 and SECRET["name"] not in body(response), url


def test_erasing_a_contact_renames_it_in_the_history(client, world):
    manager = world["users"]["manager"]
    client.force_login(manager)
    contact = world["contact"]
    client.post(
        reverse("leads_contacts:edit", args=[contact.pk]),
        {"name": SECRET["name"], "email": SECRET["email"], "preferred_channel": "email"},
    )
    client.post(reverse("leads_contacts:erase", args=[contact.pk]))
    client.get(reverse("leads_contacts:detail", args=[contact.pk]))  # shows the messages once
    history = reverse("wagtailadmin_reports:site_history")
    html = body(client.get(history))
    assert SECRET["name"] not in html and f"Erased contact #{contact.pk}" in html


def test_a_deal_handed_over_takes_its_open_tasks_along(client, world):
    owner, other = world["users"]["owner"], world["users"]["other_sales"]
    deal, task = world["deal"], world["task"]
    assert task.assignee == owner
    client.force_login(owner)
    response = client.post(
        reverse("leads_deals:edit", args=[deal.pk]),
        {
            "title": deal.title,
            "contact": deal.contact.pk,
            "owner": other.pk,
            "currency": "RUB",
        },
        follow=True,  # the "saved" message is shown there, not on the task list
    )
    assert response.status_code == 200 and response.redirect_chain
    task.refresh_from_db()
    assert Deal.objects.get(pk=deal.pk).owner == other and task.assignee == other
    assert deal.title not in body(client.get(reverse("leads_tasks:index")))
    assert client.post(reverse("leads_tasks:done", args=[task.pk])).status_code == 404
    client.force_login(other)
    assert deal.title in body(client.get(reverse("leads_tasks:index")))
    timeline = body(client.get(reverse("leads_deals:detail", args=[deal.pk])))
    assert "Owner: owner → other_sales" in timeline
