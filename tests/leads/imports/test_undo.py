"""Undo: what the import created goes, what it updated comes back, later work is respected."""

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from leads.choices import ActivityKind
from leads.imports import undo
from leads.models import (
    Activity,
    Company,
    Contact,
    Deal,
    ImportRecord,
    LeadSubmission,
    LostReason,
    StageChange,
    Task,
)
from proposals.factories import ProposalFactory
from tests.leads.imports.jobs import run

pytestmark = pytest.mark.django_db

ROWS = [
    ["Title", "Amount", "Name", "Email", "Position", "Company"],
    ["Shop", "100", "Anna", "anna@example.com", "CEO", "Ромашка"],
    ["Site", "200", "Boris", "boris@example.com", "", "Лютик"],
]


@pytest.fixture
def boris():
    return Contact.objects.create(name="Boris", email="boris@example.com")


def test_undo_deletes_what_it_created_and_restores_what_it_updated(boris, manager):
    job = run(ROWS)
    boris.refresh_from_db()
    assert boris.company.name == "Лютик"  # filled by the import
    assert undo.check(job).blockers == []
    undo.undo(job, user=manager)
    assert not Deal.objects.exists() and not Company.objects.exists()
    assert list(Contact.objects.all()) == [boris]
    boris.refresh_from_db()
    assert boris.company_id is None
    entry = Activity.objects.get(contact=boris)
    assert (
        entry.kind == ActivityKind.IMPORTED and "undone" in entry.text and entry.author == manager
    )
    job.refresh_from_db()
    assert (job.status, job.undone_by) == ("undone", manager)
    assert undo.check(job).blockers  # not twice


def test_later_edit_of_an_updated_field_is_kept(boris, manager):
    job = run(
        [["Name", "Email", "Position"], ["Boris", "boris@example.com", "CTO"]], kind="contacts"
    )
    Contact.objects.filter(pk=boris.pk).update(position="Founder")
    check = undo.check(job)
    assert check.blockers == [] and any("edited since" in text for text in check.warnings)
    undo.undo(job, user=manager)
    boris.refresh_from_db()
    assert boris.position == "Founder"


def test_a_later_deal_of_a_created_contact_blocks_the_undo(manager):
    job = run(ROWS)
    anna = Contact.objects.get(email="anna@example.com")
    shop = Deal.objects.get(title="Shop")
    Deal.objects.create(title="Later", contact=anna, pipeline=shop.pipeline, stage=shop.stage)
    blockers = undo.check(job).blockers
    assert blockers and "Later" in blockers[0]
    with pytest.raises(Exception, match="Later"):
        undo.undo(job, user=manager)
    assert Deal.objects.filter(title="Shop").exists()


def test_a_proposal_on_a_created_deal_blocks_the_undo(manager):
    job = run(ROWS)
    proposal = ProposalFactory(deal=Deal.objects.get(title="Shop"))
    blockers = undo.check(job).blockers
    assert blockers and proposal.title in blockers[0]


def test_a_moved_deal_is_undone_with_a_warning(manager):
    job = run(ROWS)
    shop = Deal.objects.get(title="Shop")
    StageChange.objects.create(
        deal=shop, from_stage=shop.stage, to_stage=shop.stage, changed_by=manager
    )
    check = undo.check(job)
    assert check.blockers == [] and any("moved" in text for text in check.warnings)
    undo.undo(job, user=manager)
    assert not Deal.objects.exists()


def test_a_lost_reason_the_import_created_goes_with_it(manager):
    stage = (
        Deal._meta.get_field("stage")
        .related_model.objects.filter(kind="lost", pipeline__is_default=True)
        .first()
    )
    job = run(
        [["Title", "Name", "Stage", "Lost reason"], ["Gone", "Anna", stage.name, "Too far away"]],
        value_mapping={
            "deal.stage": {stage.name: str(stage.pk)},
            "deal.lost_reason": {"Too far away": "new"},
        },
    )
    assert job.status == "done", job.error
    deal = Deal.objects.get()
    assert (deal.status, deal.lost_reason.name) == ("lost", "Too far away")
    assert ImportRecord.objects.filter(job=job, model="lost_reason").exists()
    undo.undo(job, user=manager)
    assert not LostReason.objects.filter(name="Too far away").exists()


CONTACTS = [["Name", "Email"], ["Anna", "anna@example.com"]]


def test_a_task_and_a_note_on_a_created_contact_block_the_undo(manager):
    job = run(CONTACTS, kind="contacts")
    anna = Contact.objects.get(email="anna@example.com")
    Task.objects.create(title="Call Anna back", contact=anna, due_at=timezone.now())
    Activity.objects.create(kind=ActivityKind.NOTE, text="Likes mornings", contact=anna)
    blockers = undo.check(job).blockers
    assert "Added since to contacts this import created: tasks (“Anna”)." in blockers
    assert "Added since to contacts this import created: timeline (“Anna”)." in blockers
    with pytest.raises(ValidationError):
        undo.undo(job, user=manager)
    assert Task.objects.filter(contact=anna).exists()
    assert Activity.objects.filter(kind=ActivityKind.NOTE, contact=anna).exists()


def test_the_import_own_timeline_entry_does_not_block_its_undo(manager):
    job = run(CONTACTS, kind="contacts")
    anna = Contact.objects.get(email="anna@example.com")
    assert Activity.objects.filter(contact=anna, kind=ActivityKind.IMPORTED).exists()
    assert undo.check(job).blockers == []
    undo.undo(job, user=manager)
    assert not Contact.objects.exists()


def test_a_note_on_a_created_deal_is_a_warning_not_a_blocker(manager):
    job = run(ROWS)
    shop = Deal.objects.get(title="Shop")
    Activity.objects.create(
        kind=ActivityKind.NOTE, text="Sent the brief", deal=shop, contact=shop.contact
    )
    check = undo.check(job)
    assert check.blockers == [] and any("tasks or notes" in text for text in check.warnings)


def test_a_request_attached_to_a_created_deal_blocks_the_undo(manager):
    job = run(ROWS)
    shop = Deal.objects.get(title="Shop")
    request = LeadSubmission.objects.create(data={"name": "Anna"}, dedupe_key="k1", deal=shop)
    blockers = undo.check(job).blockers
    assert blockers == ["Attached since to deals this import created: requests (“Shop”)."]
    with pytest.raises(ValidationError):
        undo.undo(job, user=manager)
    request.refresh_from_db()
    assert request.deal == shop
