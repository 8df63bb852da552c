"""Every admin URL of the Sales menu and of proposals × every role: status, and no leak.

Roles: anonymous, an editor, the Sales owner of the deal, another Sales user, a Sales manager and
a superuser. A deal of one salesperson, with its contact, raw request, task and proposal, must be
reachable by its owner, managers and superusers on every URL — listing, card, edit, delete,
history, usage, inspect and export — and by nobody else. Its POST actions are in
``test_permission_actions.py``; the hand-over, merge and history cases in
``test_deal_ownership.py``.
"""

from django.urls import NoReverseMatch, reverse

import pytest

from tests.leads.access import ROLES, SECRET, body, fingerprint, matrix_failures


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


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_and_leaks_nothing(client, world, role):
    failures = matrix_failures(client, world, role, get_urls(world), expected_statuses)
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
