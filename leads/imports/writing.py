"""Write a chunk of decided rows: all of it at once, or row by row when that fails.

A chunk is written with :func:`core.bulk.insert` (``bulk_create``'s rows without its
per-value SQL compilation, which was most of the import's time) and ``bulk_update`` in one
transaction (``bulk_create`` cost about 50 µs a record on SQLite against 450 µs for a ``save()``
in a savepoint, research §1.4). When the
chunk's write raises (a request from the site took the same email a moment ago, a value the
cleaning let through and the database refuses…) the chunk is rolled back and written again row
by row, each row in its own savepoint: a failing row leaves nothing behind, the others are kept.
"""

import csv
import io
import logging
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.bulk import insert_rows
from core.spreadsheets import spreadsheet_safe, xlsx_text_cell

from ..choices import ImportRecordAction
from ..models import Activity, Company, Contact, Deal, ImportRecord, LostReason, StageChange
from ..normalise import company_key
from .deciding import NEW_REASON
from .matching import Target, jsonable

logger = logging.getLogger(__name__)
MODELS = {"company": Company, "contact": Contact, "deal": Deal}


def write_chunk(job, plans) -> tuple[list, list[tuple]]:
    """Write the plans of a chunk; returns (the plans written, [(plan, error text)] of the rows
    that failed). Each row is all or nothing."""
    if not plans:
        return [], []
    try:
        with transaction.atomic():
            _write(job, plans)
        return plans, []
    except Exception:  # any database refusal: replay row by row below
        logger.info(
            "import %s: a chunk was refused, written again row by row", job.pk, exc_info=True
        )
        _forget_writes(plans)
    written, failed = [], []
    with transaction.atomic():
        for plan in plans:
            try:
                with transaction.atomic():
                    _write(job, [plan])
            except Exception as error:  # noqa: BLE001 - reported on the row, the others stay
                _forget_writes([plan])
                failed.append(
                    (plan, _("The database refused the row: %(error)s") % {"error": error})
                )
            else:
                written.append(plan)
    return written, failed


def _targets(plans, model: str) -> list[Target]:
    seen, out = set(), []
    for plan in plans:
        target = getattr(plan, model)
        if target is not None and id(target) not in seen:
            seen.add(id(target))
            out.append(target)
    return out


def _forget_writes(plans) -> None:
    """After a rollback the new targets have no row any more: forget the ids they were given."""
    for plan in plans:
        for target in (plan.company, plan.contact, plan.deal):
            if target is not None and target.new:
                target.pk = None
        plan.new_reasons.clear()


def _write(job, plans) -> None:
    _create_lost_reasons(plans)
    for model in ("company", "contact", "deal"):
        targets = _targets(plans, model)
        for target in targets:  # the ids of the company and contact written just before
            for field, other in target.links.items():
                target.values[field] = other.pk
        _create(model, [t for t in targets if t.new and t.pk is None])
        _update(model, [t for t in targets if not t.new and t.values])
    deals = [plan for plan in plans if plan.deal is not None and plan.deal.new]
    _services(deals)
    changes = [change for plan in deals for change in plan.stage_changes(plan.deal.pk)]
    insert_rows(StageChange, changes)
    insert_rows(Activity, [plan.activity(job) for plan in plans if plan.primary_written])
    insert_rows(ImportRecord, _records(job, plans))


def _create_lost_reasons(plans) -> None:
    """Create the lost reasons the rows name where a deal takes one (a matched deal whose
    reason the update mode keeps does not), and give those deals the reason's id."""
    taking = [
        plan
        for plan in plans
        if plan.takes_new_reason
        or (plan.deal is not None and plan.deal.values.get("lost_reason_id") is NEW_REASON)
    ]
    names = {plan.lost_reason_new for plan in taking}
    if not names:
        return
    existing = {reason.name: reason for reason in LostReason.objects.filter(name__in=names)}
    for name in sorted(names - set(existing)):
        existing[name] = LostReason.objects.create(name=name[:120])
        next(plan for plan in taking if plan.lost_reason_new == name).new_reasons.append(
            existing[name].pk
        )
    for plan in taking:  # remembered: a chunk written again after a rollback creates it again
        plan.takes_new_reason = True
        plan.deal.values["lost_reason_id"] = existing[plan.lost_reason_new].pk


def _create(model: str, targets: list[Target]) -> None:
    if not targets:
        return
    rows = [dict(target.values) for target in targets]
    if model == "company":
        for row in rows:  # Company.save is skipped
            row["name_key"] = company_key(row.get("name", ""))
    for target, pk in zip(targets, insert_rows(MODELS[model], rows, returning=True), strict=True):
        target.pk = pk


def _update(model: str, targets: list[Target]) -> None:
    cls = MODELS[model]
    groups = defaultdict(list)
    for target in targets:
        fields = set(target.values)
        obj = cls(pk=target.pk, **target.values)
        if model == "company" and "name" in fields:
            obj.name_key = company_key(obj.name)
            fields.add("name_key")
        groups[frozenset(fields)].append(obj)
    for fields, objects in groups.items():
        cls.objects.bulk_update(objects, sorted(fields), batch_size=500)


def _services(plans) -> None:
    through = Deal.services.through
    links = [
        through(deal_id=plan.deal.pk, servicepage_id=service.pk)
        for plan in plans
        for service in plan.services
    ]
    through.objects.bulk_create(links, ignore_conflicts=True)


def _records(job, plans) -> list[dict]:
    """The import history's rows of this chunk (``ImportRecord`` fields)."""
    records, seen = [], set()
    for plan in plans:
        for model in ("company", "contact", "deal"):
            target = getattr(plan, model)
            if target is None or id(target) in seen or not (target.new or target.values):
                continue
            if target.row != plan.row and not target.new:
                continue  # an earlier row of this chunk records it
            seen.add(id(target))
            records.append(
                {
                    "job_id": job.pk,
                    "row": target.row,
                    "model": model,
                    "object_id": target.pk,
                    "action": ImportRecordAction.CREATED
                    if target.new
                    else ImportRecordAction.UPDATED,
                    "before": jsonable(target.before),
                    "after": {} if target.new else jsonable(target.values),
                    "fingerprint": target.fingerprint,
                }
            )
        for reason_id in plan.new_reasons:
            records.append(
                {
                    "job_id": job.pk,
                    "row": plan.row,
                    "model": "lost_reason",
                    "object_id": reason_id,
                    "action": ImportRecordAction.CREATED,
                }
            )
    return records


# --- the failed rows, as a file to fix and import again --------------------------------------


def failed_rows_file(headers: list[str], failed: list[tuple[list, str]], *, xlsx: bool) -> bytes:
    """The failed rows as they were in the file, with an "Error" column at the end; CSV with a
    UTF-8 BOM (Excel reads it as UTF-8) or XLSX like the upload. The file's cells and headers
    come from whoever wrote the file: text a spreadsheet would run as a formula stays text (an
    apostrophe in front in CSV, a text cell in XLSX: ``core.spreadsheets``; the import drops
    the apostrophe when the file comes back)."""
    header = [*headers, _("Error")]
    if xlsx:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        for values in [header, *([*cells, error] for cells, error in failed)]:
            sheet.append([xlsx_text_cell(sheet, _xlsx_value(value)) for value in values])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(value) for value in header])
    for cells, error in failed:
        writer.writerow(["" if value is None else _csv_value(value) for value in [*cells, error]])
    return ("\ufeff" + out.getvalue()).encode()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return (
        value
        if value is None or isinstance(value, int | float | str) or hasattr(value, "isoformat")
        else str(value)
    )


def _csv_value(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)
