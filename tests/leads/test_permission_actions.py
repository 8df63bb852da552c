"""Every POST action of the Sales menu and of proposals × every role: a refused POST writes nothing.

A deal of one salesperson (see ``test_permission_matrix.py``) is acted on by its owner, managers
and superusers — moves, closings, notes, tasks, edits, merges, erasure and every proposal step —
and by nobody else; managers alone delete, erase, accept requests and merge two owners' contacts.
"""

from django.urls import reverse

import pytest

from leads.models import Contact, LostReason, Stage
from proposals.admin_views import preview_snapshot, snapshot_fingerprint
from tests.leads.access import ROLES, SECRET, body, fingerprint, log_in


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
