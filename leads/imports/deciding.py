"""One cleaned row → what it will do: create, update (which fields, from what) or nothing.

The "decide" step of ``pipeline``, with no database access: the chunk's candidates are in
the :class:`~leads.imports.matching.ChunkIndex`. The rules:

- a matched record is changed only in the fields the file fills, never blanked: in
  ``fill_empty`` mode only its empty fields, in ``overwrite`` mode any that differ;
- a contact's email and phone are unique: a value another contact holds is not taken (noted);
- an existing deal keeps its pipeline, stage, status, dates and contact (its history is ours
  now); a new deal gets the history a person would have left (``StageChange`` rows);
- a deal row without contact data gets a contact named after the company or the deal.
"""

import dataclasses
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ActivityKind, DealStatus, ImportKind, ImportUpdateMode, StageKind
from ..refs import own_pk
from .matching import Target, company_keys, contact_keys, deal_keys

EMPTY = (None, "", [], {})
RELATIONS = ("owner", "pipeline", "stage", "lost_reason")
#: a matched deal's fields the file never changes (its history and links are the CRM's now)
DEAL_KEPT = {"pipeline_id", "stage_id", "status", "created_at", "stage_entered_at", "closed_at"}


class _NewReason:
    """A deal's ``lost_reason_id`` when the row names a reason the import creates: it goes
    through the update mode like any value (a matched deal's reason is kept in "fill empty
    fields only"), and the write puts the created reason's id in its place."""

    def __repr__(self):
        return "NEW_REASON"


NEW_REASON = _NewReason()
DICT_FIELDS = {"utm", "custom_values"}


@dataclasses.dataclass(eq=False)
class RowPlan:
    row: int
    kind: str
    cells: list
    title: str = ""
    company: Target | None = None
    contact: Target | None = None
    deal: Target | None = None
    services: list = dataclasses.field(default_factory=list)
    lost_reason_new: str = ""
    #: the deal takes the reason ``lost_reason_new`` names (set when it is written)
    takes_new_reason: bool = False
    notes: list[str] = dataclasses.field(default_factory=list)
    timeline_notes: list[str] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)
    first_stage_id: int | None = None
    new_reasons: list[int] = dataclasses.field(default_factory=list)

    @property
    def primary(self) -> Target | None:
        return {ImportKind.DEALS: self.deal, ImportKind.CONTACTS: self.contact}.get(
            self.kind, self.company
        )

    @property
    def outcome(self) -> str:
        target = self.primary
        if target is None:
            return "skipped"
        if target.new:
            return "created" if target.row == self.row else "updated"
        return "updated" if target.values and target.row == self.row else "skipped"

    @property
    def primary_written(self) -> bool:
        return self.outcome in ("created", "updated")

    def stage_changes(self, deal_id: int) -> list[dict]:
        """A new deal's history (``StageChange`` fields): it entered the first open stage when
        it was created and, when it is elsewhere now, moved there when it entered its stage
        (nobody moved it here)."""
        values = self.deal.values
        first = self.first_stage_id or values["stage_id"]
        changes = [
            {
                "deal_id": deal_id,
                "from_stage_id": None,
                "to_stage_id": first,
                "changed_at": values["created_at"],
            }
        ]
        if values["stage_id"] != first:
            changes.append(
                {
                    "deal_id": deal_id,
                    "from_stage_id": first,
                    "to_stage_id": values["stage_id"],
                    "changed_at": values["stage_entered_at"],
                    "from_stage_since": values["created_at"],
                }
            )
        return changes

    def activity(self, job) -> dict:
        """The timeline's entry "imported from <file>" (``Activity`` fields)."""
        text = _("Imported from %(file)s") % {"file": job.filename}
        if self.timeline_notes:
            text += "\n" + "\n".join(self.timeline_notes)
        deal, contact, company = self.deal, self.contact, self.company
        if self.kind == ImportKind.DEALS:
            contact_id = deal.values.get("contact_id") or getattr(deal.instance, "contact_id", None)
            company_id = deal.current("company_id")
        elif self.kind == ImportKind.CONTACTS:
            deal, contact_id, company_id = None, contact.pk, contact.current("company_id")
        else:
            deal, contact_id, company_id = None, None, company.pk
        return {
            "kind": ActivityKind.IMPORTED,
            "text": text,
            "deal_id": deal.pk if deal else None,
            "contact_id": contact_id,
            "company_id": company_id,
            "data": {"import_job": job.pk, "row": self.row},
        }


def decide(job, row, index, context) -> RowPlan:
    mode = job.options.get("update_mode") or ImportUpdateMode.FILL_EMPTY
    plan = RowPlan(row=row.row, kind=job.kind, cells=row.cells)
    plan.timeline_notes = list(row.notes)
    plan.notes.extend(getattr(row, "warnings", ()))
    print_ = row.fingerprint
    primary_print = {"company": print_ if job.kind == ImportKind.COMPANIES else ""}
    if row.company and (
        row.company.get("name") or row.company.get("tax_number") or row.company.get("external_ref")
    ):
        values = dict(row.company)
        plan.company = _target(
            "company", index.company(values, primary_print["company"]), row.row, index
        )
        if plan.company.new and not plan.company.values and not values.get("name"):
            values["name"] = values.get("tax_number") or values.get("external_ref")
        _apply(plan.company, _without_own_ref(plan.company, values), mode, plan)
        index.remember(plan.company, company_keys(values, primary_print["company"]))
    if job.kind == ImportKind.COMPANIES:
        if plan.company is None:
            plan.errors.append(
                _("row %(row)s: no company name, tax number or id.") % {"row": row.row}
            )
        else:
            plan.company.fingerprint = print_
            plan.title = plan.company.current("name") or ""
        return plan

    deal_hit = None
    if job.kind == ImportKind.DEALS:
        deal_hit = index.deal(row.deal, print_)
    contact_values = {key: value for key, value in row.contact.items() if value not in EMPTY}
    identified = any(contact_values.get(key) for key in ("email", "phone", "external_ref"))
    if deal_hit is not None and not identified:
        contact_values = {}  # a stand-in name: the matched deal keeps its contact
    if contact_values or job.kind == ImportKind.CONTACTS:
        contact_print = print_ if job.kind == ImportKind.CONTACTS else ""
        hit, match_notes = index.contact(contact_values, contact_print)
        for _code, fields in match_notes:
            plan.notes.append(
                _("Matches two contacts (by %(fields)s): the oldest one is used.")
                % {"fields": ", ".join(fields)}
            )
        if hit is None and not contact_values:
            plan.errors.append(
                _("row %(row)s: no contact name, email or phone.") % {"row": row.row}
            )
            return plan
        plan.contact = _target("contact", hit, row.row, index)
        stand_ins = {row.company.get("name"), row.deal.get("title")}
        stand_ins |= {contact_values.get("email"), contact_values.get("phone")}
        if not plan.contact.new and contact_values.get("name") in stand_ins - {None, ""}:
            contact_values.pop("name")  # the cleaning's stand-in never replaces a real name
        if plan.contact.new and not plan.contact.values and not contact_values.get("name"):
            contact_values["name"] = (
                contact_values.get("email") or contact_values.get("phone") or ""
            )
        _apply(
            plan.contact, _without_own_ref(plan.contact, contact_values), mode, plan, index=index
        )
        if plan.company is not None and plan.contact.current("company_id") is None:
            _link(plan.contact, "company_id", plan.company)
        index.remember(plan.contact, contact_keys(contact_values, contact_print))
    if job.kind == ImportKind.CONTACTS:
        plan.contact.fingerprint = print_
        plan.title = plan.contact.current("name") or ""
        return plan
    _decide_deal(plan, row, deal_hit, index, context, mode)
    return plan


def _decide_deal(plan, row, hit, index, context, mode) -> None:
    values = {}
    for key, value in row.deal.items():
        if key in RELATIONS:
            values[f"{key}_id"] = value.pk if value is not None else None
        elif key == "lost_reason_new":
            values["lost_reason_id"] = NEW_REASON
        elif key != "services":
            values[key] = value
    if row.custom:
        values["custom_values"] = dict(row.custom)
    plan.services = list(row.deal.get("services") or [])
    plan.lost_reason_new = row.deal.get("lost_reason_new") or ""
    plan.deal = _target("deal", hit, row.row, index)
    plan.deal.fingerprint = row.fingerprint
    if not plan.deal.new or plan.deal.values:
        kept = {key: value for key, value in values.items() if key not in DEAL_KEPT}
        _apply(plan.deal, _without_own_ref(plan.deal, kept), mode, plan)
        plan.title = plan.deal.current("title") or ""
        index.remember(plan.deal, deal_keys(values, row.fingerprint))
        return
    stage = row.deal.get("stage")
    pipeline = row.deal.get("pipeline") or (stage.pipeline if stage else None)
    first = _first_stage(context, pipeline)
    if pipeline is None or (stage is None and first is None):
        plan.errors.append(
            _("row %(row)s: the deal has no pipeline with an open stage.") % {"row": row.row}
        )
        return
    stage = stage or first
    now = timezone.now()
    created = values.get("created_at") or now
    closed = stage.kind != StageKind.OPEN
    closed_at = values.get("closed_at") or (
        values.get("stage_entered_at") or created if closed else None
    )
    values.update(
        pipeline_id=pipeline.pk,
        stage_id=stage.pk,
        status={StageKind.WON: DealStatus.WON, StageKind.LOST: DealStatus.LOST}.get(
            stage.kind, DealStatus.OPEN
        ),
        created_at=created,
        stage_entered_at=values.get("stage_entered_at") or (closed_at if closed else created),
        closed_at=closed_at if closed else None,
    )
    plan.first_stage_id = first.pk if first else stage.pk
    if plan.contact is None:
        company_name = plan.company.current("name") if plan.company else ""
        name = company_name or values.get("title") or _("Client")
        plan.contact = Target(
            model="contact", row=row.row, new=True, values={"name": str(name)[:255]}
        )
        if plan.company is not None:
            _link(plan.contact, "company_id", plan.company)
        plan.notes.append(
            _("No contact in the row: a contact named “%(name)s” is created.") % {"name": name}
        )
    if not values.get("title"):
        values["title"] = (
            plan.company.current("name") if plan.company else ""
        ) or plan.contact.current("name")
    values["title"] = str(values["title"])[:255]
    plan.deal.values = {
        key: value for key, value in values.items() if value is not None or key == "closed_at"
    }
    plan.deal.links["contact_id"] = plan.contact
    if plan.company is not None:
        plan.deal.links["company_id"] = plan.company
    elif plan.contact.instance is not None and plan.contact.instance.company_id:
        plan.deal.values["company_id"] = plan.contact.instance.company_id
    plan.title = values["title"]
    index.remember(plan.deal, deal_keys(values, row.fingerprint))


def _first_stage(context, pipeline):
    return context.first_stage(pipeline) if pipeline is not None else None


def _target(model: str, hit, row: int, index) -> Target:
    """The row's target for a match: the same :class:`Target` for every row about one record."""
    if isinstance(hit, Target):
        return hit
    if hit is None:
        return Target(model=model, row=row, new=True)
    key = (model, "pk", hit.pk)
    target = index.seen.get(key)
    if target is None:
        target = Target(model=model, row=row, new=False, pk=hit.pk, instance=hit)
        index.seen[key] = target
    return target


def _without_own_ref(target: Target, values: dict[str, Any]) -> dict[str, Any]:
    """An existing record keeps its external id when the row names it by this installation's
    id: that id is our pk, not data to copy (nor to put over an ``amocrm:…`` id). A new record
    keeps it, so that the same file imported again finds it."""
    if target.new or own_pk(values.get("external_ref", "")) is None:
        return values
    return {key: value for key, value in values.items() if key != "external_ref"}


def _link(target: Target, field: str, other: Target) -> None:
    if target.new:
        target.links[field] = other
        return
    target.before.setdefault(field, None)
    target.links[field] = other
    target.values[field] = other.pk


def _apply(
    target: Target, incoming: dict[str, Any], mode: str, plan: RowPlan, *, index=None
) -> None:
    """Fill (or overwrite) the target's fields the row fills; never blank one."""
    first = target.new and not target.values
    changed = False
    for field, value in incoming.items():
        if value in EMPTY:
            continue
        current = target.current(field)
        if field in DICT_FIELDS:
            merged = dict(current or {})
            for key, item in value.items():
                if item not in EMPTY and (
                    mode == ImportUpdateMode.OVERWRITE or merged.get(key) in EMPTY
                ):
                    merged[key] = item
            new = merged if merged != (current or {}) else None
        elif current in EMPTY or (mode == ImportUpdateMode.OVERWRITE and current != value):
            new = value if current != value else None
        else:
            new = None
        if new is None:
            continue
        if index is not None and field in ("email", "phone"):
            holder = index.holder(field, value.lower() if field == "email" else value)
            if (
                holder is not None
                and holder is not target
                and getattr(holder, "pk", -1) != target.pk
            ):
                plan.notes.append(
                    _("%(value)s belongs to another contact: not copied to this one.")
                    % {"value": value}
                )
                continue
        if not target.new and field not in target.before:
            target.before[field] = current
        target.values[field] = new
        changed = True
    if changed and target.new and not first and target.row != plan.row:
        plan.notes.append(_("Completes the record created by row %(row)s.") % {"row": target.row})
