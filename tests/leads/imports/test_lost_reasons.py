"""A lost reason the file names and the import creates follows the update mode like any value:
a matched deal's reason is kept in "fill empty fields only", the preview says what the import
does, undo puts the old reason back, and the same file imported twice changes nothing."""

import pytest

from leads.imports import undo
from leads.models import Deal, ImportRecord, LostReason, Stage
from tests.leads.imports.jobs import counts, email_taken_after_the_match, run

pytestmark = pytest.mark.django_db

HEADER = ["Title", "Name", "Email", "Stage", "Lost reason", "Deal id"]


@pytest.fixture
def lost():
    return Stage.objects.filter(kind="lost", pipeline__is_default=True).first()


def _rows(stage, reason):
    return [HEADER, ["Gone", "Anna", "anna@example.com", stage.name, reason, "EXT-1"]]


def _import(stage, reason, *, dry_run=False, **options):
    return run(
        _rows(stage, reason),
        dry_run=dry_run,
        value_mapping={
            "deal.stage": {stage.name: str(stage.pk)},
            "deal.lost_reason": {reason: "new"},
        },
        options=options,
    )


def test_a_matched_deals_reason_is_kept_when_filling_empty_fields(lost, manager):
    budget, _ = LostReason.objects.get_or_create(name="No budget")
    first = run(
        _rows(lost, "No budget"),
        value_mapping={
            "deal.stage": {lost.name: str(lost.pk)},
            "deal.lost_reason": {"No budget": str(budget.pk)},
        },
    )
    assert counts(first)["created"] == 1
    preview = _import(lost, "Brand new reason", dry_run=True)
    again = _import(lost, "Brand new reason")
    assert (
        counts(preview) == counts(again) == {"created": 0, "updated": 0, "skipped": 1, "failed": 0}
    )
    assert Deal.objects.get().lost_reason == budget
    assert not LostReason.objects.filter(name="Brand new reason").exists()


def test_overwriting_gives_the_new_reason_and_undo_gives_the_old_one_back(lost, manager):
    budget, _ = LostReason.objects.get_or_create(name="No budget")
    run(
        _rows(lost, "No budget"),
        value_mapping={
            "deal.stage": {lost.name: str(lost.pk)},
            "deal.lost_reason": {"No budget": str(budget.pk)},
        },
    )
    preview = _import(lost, "Chose a rival", dry_run=True, update_mode="overwrite")
    job = _import(lost, "Chose a rival", update_mode="overwrite")
    assert counts(preview)["updated"] == counts(job)["updated"] == 1
    assert Deal.objects.get().lost_reason.name == "Chose a rival"
    record = ImportRecord.objects.get(job=job, model="deal")
    assert record.before == {"lost_reason_id": budget.pk}
    undo.undo(job, user=manager)
    assert Deal.objects.get().lost_reason == budget
    assert not LostReason.objects.filter(name="Chose a rival").exists()


def test_the_same_file_with_a_created_reason_imported_twice_changes_nothing(lost, manager):
    first = _import(lost, "Too far away")
    assert counts(first)["created"] == 1
    preview = _import(lost, "Too far away", dry_run=True)
    second = _import(lost, "Too far away")
    assert (
        counts(preview) == counts(second) == {"created": 0, "updated": 0, "skipped": 1, "failed": 0}
    )
    assert LostReason.objects.filter(name="Too far away").count() == 1
    assert Deal.objects.get().lost_reason.name == "Too far away"


def test_a_chunk_written_again_row_by_row_still_creates_the_reason(lost, monkeypatch):
    """The chunk is refused (a request took Boris's email meanwhile) and replayed row by row:
    the reason created in the rolled-back write is created again for Anna's deal."""
    from leads.models import Contact

    taken = email_taken_after_the_match(monkeypatch, "boris@example.com")
    job = run(
        [
            HEADER,
            ["Gone", "Anna", "anna@example.com", lost.name, "Too far away", "EXT-1"],
            ["Lost too", "Boris", "boris@example.com", lost.name, "Too far away", "EXT-2"],
        ],
        value_mapping={
            "deal.stage": {lost.name: str(lost.pk)},
            "deal.lost_reason": {"Too far away": "new"},
        },
    )
    assert counts(job) == {"created": 1, "updated": 0, "skipped": 0, "failed": 1}
    assert Deal.objects.get().lost_reason.name == "Too far away"
    assert list(Contact.objects.filter(email="boris@example.com")) == [taken]
