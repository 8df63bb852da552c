"""One row of the file → the values of its contact, company and deal, or its errors.

What it offers (the pipeline calls it for every row, so it must not query the
database per row: everything it needs is loaded once into a :class:`CleanContext`):

- ``CleanContext.for_job(job) -> CleanContext``: the mapping, the value mapping resolved to
  objects (stages, pipelines, users, lost reasons), the options (update mode, default pipeline,
  currency, time zone, external system prefix), the pipeline's custom fields.
- ``clean_row(cells, *, row: int, context: CleanContext) -> CleanRow``.

``job.options`` keys read here: ``update_mode``, ``pipeline`` (default pipeline id),
``time_zone``, ``preset`` (its external system and date order), ``external_system``,
``currency`` (default code), ``lost_reason`` (id of the reason for lost rows without one).
The deal rules are the services' (``deal_move_to_stage``): a won deal needs an amount above
zero, a lost one a reason.
"""

import dataclasses
from typing import Any

from django.utils.translation import gettext as _

from ..choices import ImportKind
from . import widgets as w
from .context import CleanContext, value_text
from .targets import NOTE

__all__ = ["CellError", "CleanContext", "CleanRow", "clean_row", "value_text"]


@dataclasses.dataclass
class CellError:
    row: int
    column: int | None  # the file's column index; None: the row as a whole
    header: str
    value: str
    message: str

    def __str__(self) -> str:  # "row 214, column Телефон: '8 (800)' is not a phone number"
        if self.column is None:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.header,
            "message": self.message,
        }


@dataclasses.dataclass
class CleanRow:
    row: int
    #: model field → value, only the fields the file fills (email lower-cased, phone E.164)
    contact: dict[str, Any]
    company: dict[str, Any]
    #: Deal field → value: title, amount, currency, owner (User|None), pipeline, stage (Stage),
    #: status, lost_reason (LostReason) or lost_reason_new (a name to create), lost_comment,
    #: created_at, stage_entered_at, closed_at (aware datetimes), expected_close_date,
    #: probability, source, utm (dict), referrer, external_ref, services (list of ServicePage)
    deal: dict[str, Any]
    custom: dict[str, Any]
    notes: list[str]
    errors: list[CellError]
    cells: list[Any]  # as read: the failed-rows file repeats them
    #: what the preview should tell about the row (a contact named after the company…)
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _is_formula_without_value(cell) -> bool:
    return type(cell).__name__ == "FormulaWithoutValue"


class _Row:
    """The cells of one row by target, and the errors found while reading them."""

    def __init__(self, cells, row: int, context: CleanContext):
        self.row, self.context, self.errors, self.notes = row, context, [], []
        self.by_key: dict[str, list[tuple[int, Any]]] = {}
        for column, key in context.mapping.items():
            cell = cells[column] if column < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            if _is_formula_without_value(cell):
                self.error(
                    column,
                    cell,
                    _(
                        "a formula without a computed value: open and save "
                        "the file in Excel or LibreOffice, then upload it again"
                    ),
                )
                continue
            self.by_key.setdefault(key, []).append((column, cell))

    def header(self, column: int | None) -> str:
        headers = self.context.headers
        return headers[column] if column is not None and column < len(headers) else ""

    def error(self, column: int | None, raw, message: str) -> None:
        self.errors.append(
            CellError(self.row, column, self.header(column), w.shown(w.text_of(raw)), message)
        )

    def first(self, key: str) -> tuple[int | None, Any]:
        found = self.by_key.get(key)
        return found[0] if found else (None, None)

    def parse(self, key: str, widget, default=None):
        column, raw = self.first(key)
        if column is None:
            return default
        try:
            return widget.clean(raw)
        except ValueError as error:
            self.error(column, raw, str(error))
            return default

    def parse_all(self, key: str, widget) -> list[tuple[int, Any]]:
        """Every column of a several-column target: the valid values (errors recorded)."""
        values = []
        for column, raw in self.by_key.get(key, ()):
            try:
                value = widget.clean(raw)
            except ValueError as error:
                self.error(column, raw, str(error))
                continue
            if value and value not in [found for _column, found in values]:
                values.append((column, value))
        return values

    def text(self, key: str, default=""):
        target = self.context.targets.get(key)
        return self.parse(key, w.TextWidget(target.max_length if target else None), default)

    def ref(self, key: str) -> str:
        value = self.parse(key, w.TextWidget(100))
        system = self.context.external_system
        if value and system and not value.startswith(system + ":"):
            value = f"{system}:{value}"
        return value or ""


def _several(row: _Row, key: str, widget, label: str) -> str:
    """The first valid value of a several-column target; the others go to the timeline."""
    values = row.parse_all(key, widget)
    for column, value in values[1:]:
        row.notes.append(f"{row.header(column) or label}: {value}")
    return values[0][1] if values else ""


def _clean_contact(row: _Row) -> dict[str, Any]:
    contact: dict[str, Any] = {}
    name = row.text("contact.name")
    if not name:
        name = " ".join(
            part for part in (row.text("contact.first_name"), row.text("contact.last_name")) if part
        )
    if name:
        contact["name"] = name[:255]
    email = _several(row, "contact.email", w.EmailWidget(), "Email")
    if email:
        contact["email"] = email
    phone = _several(row, "contact.phone", w.PhoneWidget(), _("Phone"))
    if phone:
        contact["phone"] = phone
    for field in ("position", "external_ref"):
        value = (
            row.ref("contact." + field) if field == "external_ref" else row.text("contact." + field)
        )
        if value:
            contact[field] = value
    return contact


def _clean_company(row: _Row) -> dict[str, Any]:
    company: dict[str, Any] = {}
    parsed = {
        "name": row.text("company.name"),
        "tax_number": row.parse("company.tax_number", w.TaxNumberWidget(), ""),
        "website": row.parse("company.website", w.UrlWidget(200), ""),
        "phone": row.parse("company.phone", w.PhoneWidget(), ""),
        "external_ref": row.ref("company.external_ref"),
    }
    company.update({field: value for field, value in parsed.items() if value})
    return company


def clean_row(cells, *, row: int, context: CleanContext) -> CleanRow:
    """Read one row's cells into the values of its contact, company and deal.

    Every cell that cannot be read is an error naming its row and column; the row is then
    not written at all (the pipeline checks ``ok``). No database query: see ``CleanContext``."""
    reader = _Row(cells, row, context)
    contact = _clean_contact(reader) if context.kind != ImportKind.COMPANIES else {}
    company = _clean_company(reader)
    deal: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    warnings: list[str] = []
    if context.kind == ImportKind.DEALS:
        from .deal_cleaning import clean_deal

        deal, custom = clean_deal(reader, context)
        if not deal.get("title") and deal:
            title = company.get("name") or contact.get("name")
            if title:
                deal["title"] = title[:255]
        if not (contact.get("name") or contact.get("email") or contact.get("phone")):
            stand_in = company.get("name") or deal.get("title")
            if stand_in:
                contact["name"] = stand_in
                warnings.append(
                    _("No contact in the row: a contact named “%(name)s” is used.")
                    % {"name": stand_in}
                )
    elif context.kind == ImportKind.COMPANIES and not company.get("name") and not reader.errors:
        reader.error(None, "", _("a company needs a name"))
    if context.kind == ImportKind.CONTACTS and not reader.errors and not contact.get("name"):
        stand_in = contact.get("email") or contact.get("phone")
        if stand_in:
            contact["name"] = stand_in
        else:
            reader.error(None, "", _("a contact needs a name, an email or a phone"))
    if company and not company.get("name") and context.kind != ImportKind.COMPANIES:
        if company.get("tax_number") or company.get("external_ref"):
            pass  # matched by tax number or id; a new one needs a name (the pipeline says so)
        else:
            company = {}
    for column, raw in reader.by_key.get(NOTE, ()):
        text = w.text_of(raw)
        if text:
            reader.notes.append(f"{reader.header(column)}: {text}")
    if context.kind == ImportKind.DEALS and deal and not deal.get("title"):
        reader.error(None, "", _("a deal needs a title, a contact or a company"))
    return CleanRow(
        row=row,
        contact=contact,
        company=company,
        deal=deal,
        custom=custom,
        notes=reader.notes,
        errors=reader.errors,
        cells=list(cells),
        warnings=warnings,
    )
