"""Who owns a deal decides who sees it: merges, unassigned and hand-entered deals, site history,
erasure and hand-over, checked on the deal world of the permission matrix.
"""

from django.urls import reverse

from leads.models import Contact, Deal
from leads.services import lead_capture
from tests.leads.access import SECRET, body
from tests.leads.conftest import VALID


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
