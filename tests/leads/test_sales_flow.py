"""Closing a deal closes its work.

Each test is something a salesperson would check in a week of use: a closed deal leaves no
tasks in "My tasks", a reopened deal says what was cancelled, a closed deal takes no new task.
The board's figures are in ``test_board_totals.py``, the set-up screen in
``test_pipeline_setup.py``.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from leads.models import Activity, Deal, LostReason, Task
from leads.services import (
    deal_close_lost,
    deal_close_won,
    deal_move_to_stage,
    lead_capture,
    lead_qualify,
    task_complete,
    task_create,
)


@pytest.fixture
def deal(db, sales_users, valid_data):
    """A project-work request in "Qualified": "Call the client back" and "Agree the brief" open."""
    captured = lead_capture(data=valid_data, notify=False)
    return deal_move_to_stage(deal=captured, stage=stage(captured, "Qualified"))


def stage(deal, name):
    return deal.pipeline.stages.get(name=name)


def titles(tasks) -> set[str]:
    return {task.title for task in tasks}


def my_tasks_html(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("leads_tasks:index")).content.decode()


def test_closing_a_deal_cancels_its_tasks_and_my_tasks_no_longer_lists_them(client, deal):
    owner = deal.owner
    task_create(
        title="Chase the signed NDA",
        due_at=timezone.now() - datetime.timedelta(hours=2),
        deal=deal,
    )
    html = my_tasks_html(client, owner)
    assert "Agree the brief" in html and "Chase the signed NDA" in html
    assert "1 overdue" in client.get("/admin/").content.decode()

    client.post(
        reverse("leads_deals:lost", args=[deal.pk]),
        {"lost_reason": LostReason.objects.get(name="Price too high").pk},
    )

    tasks = list(Task.objects.filter(deal=deal))
    assert titles(tasks) == {"Call the client back", "Agree the brief", "Chase the signed NDA"}
    assert all(task.cancelled_at and task.done_at is None for task in tasks)
    html = my_tasks_html(client, owner)
    assert not any(task.title in html for task in tasks)
    assert "1 overdue" not in client.get("/admin/").content.decode()
    entry = Activity.objects.get(deal=deal, kind="tasks_cancelled")
    assert all(task.title in entry.text for task in tasks)
    assert sorted(entry.data["task_ids"]) == sorted(task.pk for task in tasks)

    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    assert "<s>Agree the brief</s>" in page and "cancelled" in page
    assert not any(reverse("leads_tasks:done", args=[task.pk]) in page for task in tasks)


def test_a_won_deal_keeps_no_open_tasks_and_done_tasks_stay_done(deal):
    brief = Task.objects.get(deal=deal, title="Agree the brief")
    task_complete(task=brief)
    deal_close_won(deal=deal, amount=Decimal("900000"))
    brief.refresh_from_db()
    assert brief.done_at and brief.cancelled_at is None
    assert not Task.objects.filter(deal=deal).open().exists()
    entry = Activity.objects.get(deal=deal, kind="tasks_cancelled")
    assert "Call the client back" in entry.text and "Agree the brief" not in entry.text


def test_a_not_target_request_takes_its_call_back_task_with_it(db, sales_users, valid_data):
    request = lead_capture(data=valid_data, notify=False)
    lead_qualify(deal=request, is_target=False)
    call = Task.objects.get(deal=request, title="Call the client back")
    assert call.cancelled_at is not None
    assert not Task.objects.actionable().filter(deal=request).exists()


def test_a_cancelled_task_cannot_be_done(client, deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    task = Task.objects.get(deal=deal, title="Agree the brief")
    with pytest.raises(ValidationError):
        task_complete(task=task)
    client.force_login(deal.owner)
    response = client.post(reverse("leads_tasks:done", args=[task.pk]), follow=True)
    assert response.status_code == 200
    assert "cancelled when its deal closed" in response.content.decode()
    task.refresh_from_db()
    assert task.done_at is None
    assert not Activity.objects.filter(deal=deal, kind="task_done").exists()


def test_reopening_says_what_was_cancelled_and_restores_nothing(deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))

    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()  # newest first
    assert note.data["event"] == "reopened"
    assert "Call the client back" in note.text and "Agree the brief" in note.text
    assert Task.objects.get(deal=deal, title="Agree the brief").cancelled_at is not None
    assert titles(Task.objects.filter(deal=deal).open()) == {"Hold the diagnostic meeting"}

    # closed and reopened again: only what this closing cancelled is named
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))
    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()
    assert "Hold the diagnostic meeting" in note.text and "Agree the brief" not in note.text


def test_a_handed_over_deal_takes_only_its_open_tasks(deal, sales_users):
    from leads.services import deal_reassign

    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    previous = deal.owner
    other = next(user for user in sales_users if user != previous)
    deal_reassign(deal=Deal.objects.get(pk=deal.pk), owner=other)
    assert set(Task.objects.filter(deal=deal).values_list("assignee", flat=True)) == {previous.pk}


def test_a_closed_deal_takes_no_new_task(client, deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    deal = Deal.objects.get(pk=deal.pk)
    with pytest.raises(ValidationError, match="reopen it"):
        task_create(title="Call in spring", due_at=timezone.now(), deal=deal)

    client.force_login(deal.owner)
    detail = reverse("leads_deals:detail", args=[deal.pk])
    page = client.get(detail).content.decode()
    assert "The deal is closed: reopen it to plan work on it." in page
    assert reverse("leads_deals:task", args=[deal.pk]) not in page
    response = client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call in spring", "kind": "call", "due_at": "2030-03-01T10:00"},
        follow=True,
    )
    html = response.content.decode()
    assert "The deal is closed: reopen it to plan work on it." in html
    assert "Task added." not in html
    assert not Task.objects.filter(deal=deal, title="Call in spring").exists()

    # reopened, it takes tasks again and they show in My tasks
    deal_move_to_stage(deal=deal, stage=stage(deal, "Qualified"))
    client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call in spring", "kind": "call", "due_at": "2030-03-01T10:00"},
    )
    assert "Call in spring" in my_tasks_html(client, deal.owner)


def test_a_reopened_deal_no_longer_shows_why_it_was_lost(client, deal):
    reason = LostReason.objects.get(name="Price too high")
    deal_close_lost(deal=deal, reason=reason, comment="Went with a freelancer")
    reopened = deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))
    assert reopened.lost_reason is None and reopened.lost_comment == ""
    deal = Deal.objects.get(pk=deal.pk)
    assert deal.status == "open" and deal.lost_reason is None and deal.lost_comment == ""

    client.force_login(deal.owner)
    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    assert "<dt>Lost reason</dt>" not in page
    assert "Price too high: Went with a freelancer</dd>" not in page
    # the timeline still tells the story
    assert Activity.objects.filter(
        deal=deal, kind="deal_lost", text__contains="Went with a freelancer"
    ).exists()
    assert "Went with a freelancer" in page


def test_a_deal_won_then_lost_then_reopened_names_what_winning_cancelled(deal):
    deal_close_won(deal=deal, amount=Decimal("100000"))
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))  # nothing open
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))

    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()  # newest first
    assert note.data["event"] == "reopened"
    assert "Call the client back" in note.text and "Agree the brief" in note.text
