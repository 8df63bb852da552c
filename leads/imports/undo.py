"""Undo an import: delete what it created, restore what it updated.

What it offers:

- ``check(job) -> UndoCheck`` with ``blockers`` (why it cannot be undone: e.g. a proposal or a
  project now hangs off a deal it created, a contact it created has later deals) and
  ``warnings`` (allowed: a deal it created was moved or edited since, an updated record was
  edited since — later edits of other fields are kept);
- ``undo(job, *, user) -> None`` (refuses with ``ValidationError`` while blockers remain).

The dependants of a created deal, contact or company are found through their
``_meta.related_objects`` (leads may not import proposals or projects, which hang off a deal and
would be deleted with it by CASCADE; a relation added later is covered without touching this
module): any row of another app, other than the analytics copies of the deal, blocks the undo,
and so does any row of leads other than the import's own (its timeline entries, its stage
history) and the tasks, notes and moves of a created deal, which go with the deal with a
warning. So a task or a note added to a created contact, or a request from the site attached to
a created deal, blocks the undo instead of being deleted (or cut from its deal) unseen. An
updated field is put back only while it still holds what the import wrote (a later edit is
kept).
"""

import dataclasses
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import ActivityKind, ImportRecordAction, ImportStatus
from ..models import Activity, Company, Contact, Deal, ImportRecord, LostReason, StageChange, Task
from ..signals import deals_bulk_written
from .matching import jsonable

MODELS = {"company": Company, "contact": Contact, "deal": Deal}
#: apps whose rows are copies of a deal, rebuilt from it (deleting them loses nothing)
COPIES = {"analytics"}
CHUNK = 500
NAMED = 5  # records named in a message; the rest are counted


@dataclasses.dataclass
class UndoCheck:
    blockers: list[str]
    warnings: list[str]


def _ids(job, model: str, action: str) -> list[int]:
    return list(
        ImportRecord.objects.filter(job=job, model=model, action=action).values_list(
            "object_id", flat=True
        )
    )


def _names(queryset) -> str:
    names = [str(obj) for obj in queryset[:NAMED]]
    return ", ".join(f"“{name}”" for name in names)


def _foreign_dependants(deal_ids: list[int]) -> list[str]:
    """Rows of other apps (a proposal, a project…) that would go with the created deals."""
    found = []
    for relation in Deal._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label in COPIES | {"leads"} or relation.many_to_many:
            continue
        for start in range(0, len(deal_ids), CHUNK):
            rows = model._default_manager.filter(
                **{f"{relation.field.name}__in": deal_ids[start : start + CHUNK]}
            )
            if rows.exists():
                found.append(
                    _("%(things)s hang off deals this import created (%(names)s).")
                    % {"things": model._meta.verbose_name_plural, "names": _names(rows)}
                )
                break
    return found


#: relations checked with their own message (later deals and contacts) or warned of (what a
#: created deal's own timeline, tasks and moves are: they go with it)
HANDLED = {
    "deal": {StageChange, Task, Activity},
    "contact": {Deal},
    "company": {Deal, Contact},
}


def _created(job, model: str):
    """The ids of the records of ``model`` the job created, as a subquery (no list of 100,000)."""
    return ImportRecord.objects.filter(
        job=job, model=model, action=ImportRecordAction.CREATED
    ).values("object_id")


def _later_work(job) -> list[str]:
    """Rows of leads added since to the records the import created, which the undo would delete
    or cut loose: tasks and notes of a created contact or company, a request attached to a
    created deal. The import's own timeline entries and the rows of a created deal are not."""
    messages = {
        "deal": _("Attached since to deals this import created: %(things)s (%(names)s)."),
        "contact": _("Added since to contacts this import created: %(things)s (%(names)s)."),
        "company": _("Added since to companies this import created: %(things)s (%(names)s)."),
    }
    found = []
    for name, cls in MODELS.items():
        for relation in cls._meta.related_objects:
            model = relation.related_model
            if relation.many_to_many or model._meta.app_label != "leads" or model in HANDLED[name]:
                continue
            rows = model._default_manager.filter(
                **{f"{relation.field.name}__in": _created(job, name)}
            )
            if name != "deal" and any(f.name == "deal" for f in model._meta.get_fields()):
                rows = rows.exclude(deal__in=_created(job, "deal"))  # goes with its deal
            if model is Activity:
                rows = rows.exclude(kind=ActivityKind.IMPORTED, data__import_job=job.pk)
            if rows.exists():
                records = cls._default_manager.filter(
                    pk__in=rows.values(relation.field.attname)
                ).order_by("pk")
                found.append(
                    messages[name]
                    % {
                        "things": model._meta.verbose_name_plural,
                        "names": _names(records),
                    }
                )
    return found


def check(job) -> UndoCheck:
    blockers, warnings = [], []
    if job.status == ImportStatus.UNDONE:
        return UndoCheck([_("This import has already been undone.")], [])
    if job.status not in (ImportStatus.DONE, ImportStatus.FAILED):
        return UndoCheck([_("Only a finished import can be undone.")], [])
    deals = _ids(job, "deal", ImportRecordAction.CREATED)
    contacts = _ids(job, "contact", ImportRecordAction.CREATED)
    companies = _ids(job, "company", ImportRecordAction.CREATED)
    blockers += _foreign_dependants(deals)
    for start in range(0, max(len(contacts), len(companies)), CHUNK):
        part_contacts = contacts[start : start + CHUNK]
        part_companies = companies[start : start + CHUNK]
        later = Deal.objects.filter(
            Q(contact_id__in=part_contacts) | Q(company_id__in=part_companies)
        ).exclude(
            pk__in=ImportRecord.objects.filter(job=job, model="deal", action="created").values(
                "object_id"
            )
        )
        if later.exists():
            blockers.append(
                _(
                    "Deals added since then belong to contacts or companies this import created (%(names)s)."
                )
                % {"names": _names(later)}
            )
            break
        others = Contact.objects.filter(company_id__in=part_companies).exclude(
            pk__in=ImportRecord.objects.filter(job=job, model="contact").values("object_id")
        )
        if others.exists():
            blockers.append(
                _("Contacts added since then belong to companies this import created (%(names)s).")
                % {"names": _names(others)}
            )
            break
    blockers += _later_work(job)
    moved = edited = 0
    for start in range(0, len(deals), CHUNK):
        part = deals[start : start + CHUNK]
        moved += (
            StageChange.objects.filter(deal_id__in=part, changed_by__isnull=False)
            .values("deal")
            .distinct()
            .count()
        )
        edited += (
            Task.objects.filter(deal_id__in=part).values("deal").distinct().count()
            + Activity.objects.filter(deal_id__in=part)
            .exclude(kind=ActivityKind.IMPORTED)
            .values("deal")
            .distinct()
            .count()
        )
    if moved:
        warnings.append(
            ngettext(
                "%(count)s deal this import created was moved since; it is deleted all the same.",
                "%(count)s deals this import created were moved since; they are deleted all the same.",
                moved,
            )
            % {"count": moved}
        )
    if edited:
        warnings.append(
            _("Deals this import created have tasks or notes added since; they go with the deals.")
        )
    changed = sum(len(fields) for _record, fields, _obj in _later_edits(job))
    if changed:
        warnings.append(
            _(
                "%(count)s field(s) the import updated were edited since: those keep their new "
                "values, the others are put back."
            )
            % {"count": changed}
        )
    return UndoCheck(blockers, warnings)


def _later_edits(job):
    """(record, [fields edited since the import]) for each updated record still there."""
    records = ImportRecord.objects.filter(job=job, action=ImportRecordAction.UPDATED).order_by("pk")
    by_model = defaultdict(list)
    for record in records.iterator(chunk_size=CHUNK):
        by_model[record.model].append(record)
    for model, items in by_model.items():
        cls = MODELS.get(model)
        if cls is None:
            continue
        for start in range(0, len(items), CHUNK):
            part = items[start : start + CHUNK]
            objects = cls.objects.in_bulk([record.object_id for record in part])
            for record in part:
                obj = objects.get(record.object_id)
                if obj is None:
                    continue
                fields = [
                    f
                    for f, value in record.after.items()
                    if jsonable(getattr(obj, f, None)) != value
                ]
                yield record, fields, obj


def undo(job, *, user) -> None:
    result = check(job)
    if result.blockers:
        raise ValidationError(result.blockers)
    restored_deals = []
    for model in ("deal", "contact"):  # deals first: a deal's contact is protected
        ids = _ids(job, model, ImportRecordAction.CREATED)
        for start in range(0, len(ids), CHUNK):
            with transaction.atomic():
                MODELS[model].objects.filter(pk__in=ids[start : start + CHUNK]).delete()
    with transaction.atomic():
        Activity.objects.filter(kind=ActivityKind.IMPORTED, data__import_job=job.pk).delete()
        entries = []
        for record, edited, obj in list(_later_edits(job)):
            fields = []
            for name, value in record.before.items():
                if name in edited or name not in record.after:
                    continue
                field = obj._meta.get_field(name[:-3] if name.endswith("_id") else name)
                setattr(obj, field.attname, None if value is None else field.to_python(value))
                fields.append(field.attname)
            if fields:
                if record.model == "company" and "name" in fields:
                    fields.append("name_key")
                obj.save(update_fields=fields)
            if record.model == "deal":
                restored_deals.append(obj.pk)
            entries.append(
                Activity(
                    kind=ActivityKind.IMPORTED,
                    text=_("Import of %(file)s undone") % {"file": job.filename},
                    deal_id=obj.pk if record.model == "deal" else None,
                    contact_id=obj.pk
                    if record.model == "contact"
                    else getattr(obj, "contact_id", None),
                    company_id=obj.pk
                    if record.model == "company"
                    else getattr(obj, "company_id", None),
                    author=user,
                    data={"import_job": job.pk, "undone": True},
                )
            )
        Activity.objects.bulk_create(entries)
        # companies last: the contacts it updated have their company put back first
        Company.objects.filter(pk__in=_ids(job, "company", ImportRecordAction.CREATED)).delete()
        reasons = _ids(job, "lost_reason", ImportRecordAction.CREATED)
        LostReason.objects.filter(pk__in=reasons, deals__isnull=True).delete()
        job.status = ImportStatus.UNDONE
        job.undone_at = timezone.now()
        job.undone_by = user
        job.save(update_fields=["status", "undone_at", "undone_by"])
    if restored_deals:
        deals_bulk_written.send(sender=type(job), deal_ids=restored_deals)
