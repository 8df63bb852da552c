"""One row of the file → the values of its contact, company and deal, or its errors.

PACKAGE B. Contract (package C's pipeline calls it for every row, so it must not query the
database per row: everything it needs is loaded once into a :class:`CleanContext`):

- ``CleanContext.for_job(job) -> CleanContext``: the mapping, the value mapping resolved to
  objects (stages, pipelines, users, lost reasons), the options (update mode, default pipeline,
  currency, time zone, external system prefix), the pipeline's custom fields.
- ``clean_row(cells, *, row: int, context: CleanContext) -> CleanRow``.
"""

import dataclasses
from typing import Any


@dataclasses.dataclass
class CellError:
    row: int
    column: int | None  # the file's column index; None: the row as a whole
    header: str
    value: str
    message: str

    def __str__(self) -> str:  # "row 214, column Телефон: '8 (800)' is not a phone number"
        raise NotImplementedError  # package B (translatable)


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

    @property
    def ok(self) -> bool:
        return not self.errors
