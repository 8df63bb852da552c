"""Deal, task and contact services: the rows they write, their timeline entries, their errors."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from leads.models import Activity, Contact, Deal, LostReason, Pipeline, StageChange, Task
from leads.services import (
    contact_erase,
    contact_export,
    contact_merge,
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
    return lead_capture(data=valid_data)


def stage(deal, name):
    return deal.pipeline.stages.get(name=name)


def test_move_to_stage_updates_deal_records_change_creates_tasks_and_logs(deal, sales_users):
    target = stage(deal, "Qualified")
    moved = deal_move_to_stage(deal=deal, stage=target, user=sales_users[0])
    assert moved.stage == target
    change = StageChange.objects.filter(deal=deal).first()
    assert change.to_stage == target and change.changed_by == sales_users[0]
    assert Task.objects.filter(deal=deal, title="Agree the brief").exists()
    entry = Activity.objects.filter(deal=deal, kind="stage_change").get()
    assert entry.text == "New request → Qualified"
    assert entry.contact == deal.contact


def test_stage_of_another_pipeline_is_refused(deal):
    other = Pipeline.objects.exclude(pk=deal.pipeline_id).first().stages.first()
    with pytest.raises(ValidationError) as error:
        deal_move_to_stage(deal=deal, stage=other)
    assert "stage" in error.value.message_dict
    deal.refresh_from_db()
    assert deal.stage.name == "New request"


def test_won_stage_needs_an_amount(deal):
    with pytest.raises(ValidationError) as error:
        deal_close_won(deal=deal)
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError):
        deal_close_won(deal=deal, amount=Decimal("-5"))
    won = deal_close_won(deal=deal, amount=Decimal("1200000"))
    assert won.status == "won" and won.amount == Decimal("1200000") and won.closed_at
    assert Activity.objects.filter(deal=deal, kind="deal_won").exists()


def test_lost_stage_needs_a_reason(deal):
    with pytest.raises(ValidationError) as error:
        deal_close_lost(deal=deal, reason=None)
    assert "lost_reason" in error.value.message_dict
    reason = LostReason.objects.get(name="Price too high")
    lost = deal_close_lost(deal=deal, reason=reason, comment="Went with a freelancer")
    assert lost.status == "lost" and lost.lost_reason == reason
    assert (
        "Price too high: Went with a freelancer"
        in Activity.objects.get(deal=deal, kind="deal_lost").text
    )


def test_reopening_a_closed_deal(deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.first())
    reopened = deal_move_to_stage(deal=deal, stage=stage(deal, "Qualified"))
    assert reopened.status == "open" and reopened.closed_at is None


def test_qualification(deal, valid_data):
    target = lead_qualify(deal=deal, is_target=True)
    assert target.qualification == "target" and target.stage.name == "Qualified"
    other = lead_capture(data={**valid_data, "email": "spam@example.com", "phone": ""})
    rejected = lead_qualify(deal=other, is_target=False)
    assert rejected.status == "lost" and rejected.lost_reason.name == "Not a target request"


def test_tasks(deal, sales_users):
    due = timezone.now() + datetime.timedelta(days=1)
    task = task_create(title="Send the deck", due_at=due, deal=deal, kind="email")
    assert task.assignee == deal.owner and task.contact == deal.contact
    task_complete(task=task, user=sales_users[0])
    assert Task.objects.get(pk=task.pk).done_at is not None
    assert Activity.objects.filter(kind="task_done", text="Send the deck", deal=deal).exists()
    with pytest.raises(ValidationError):
        task_create(title="Orphan", due_at=due)
    with pytest.raises(ValidationError):
        task_create(title="", due_at=due, deal=deal)


def test_merge_moves_deals_tasks_and_timeline(db, valid_data):
    first = lead_capture(data={**valid_data, "phone": ""})
    second = lead_capture(
        data={**valid_data, "email": "anna.work@example.com", "name": "A. Petrova"}
    )
    survivor, duplicate = first.contact, second.contact
    assert survivor != duplicate
    contact_merge(survivor=survivor, duplicate=duplicate)
    assert not Contact.objects.filter(pk=duplicate.pk).exists()
    assert set(survivor.deals.all()) == {first, second}
    assert Task.objects.filter(contact=survivor).count() == 2
    survivor.refresh_from_db()
    assert survivor.phone == "+79161234567"
    assert survivor.activities.filter(kind="merged").exists()
    with pytest.raises(ValidationError):
        contact_merge(survivor=survivor, duplicate=survivor)


def test_export_and_erase(deal):
    contact = deal.contact
    exported = contact_export(contact=contact)
    assert exported["contact"]["email"] == "anna@example.com"
    assert exported["requests"][0]["data"]["name"] == "Anna Petrova"
    assert exported["deals"][0]["title"] == deal.title

    deal_close_won(deal=deal, amount=Decimal("500000"))
    contact_erase(contact=contact)
    contact.refresh_from_db()
    assert contact.email == "" and contact.phone == "" and "Anna" not in contact.name
    assert "Anna" not in str(contact_export(contact=contact))
    kept = Deal.objects.get(pk=deal.pk)
    assert kept.amount == Decimal("500000") and kept.status == "won"
