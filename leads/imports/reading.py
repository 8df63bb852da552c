"""Open an uploaded file as a table of cells, or refuse it with a message a person can act on.

PACKAGE A. Contract (the other packages code against it):

- ``open_table(data, *, filename, encoding=None, delimiter=None) -> Table``; ``data`` is the
  file's bytes or a binary file object; raises :class:`ReadError` (a ``ValidationError`` with a
  specific, translatable message and a ``code``) for anything it cannot read.
- ``Table.headers``: the header row as text (empty headers named "Column F"; duplicate headers
  kept, told apart by their index); ``Table.rows()`` yields ``(row_number, cells)`` with the
  spreadsheet's row number (the header is row 1) and exactly ``len(headers)`` cells, each
  ``str`` (stripped, NUL removed), ``int``/``float``/``Decimal``, ``datetime.date``/``datetime``,
  or ``None``; empty rows are skipped; ``Table.info`` says what was detected (format, encoding,
  delimiter, sheet) and ``Table.warnings`` what the user should know (merged header cells…).
"""

import dataclasses
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError


class ReadError(ValidationError):
    """The file cannot be read as a table: the message says why and what to do."""


@dataclasses.dataclass
class Table:
    headers: list[str]
    info: dict[str, Any]
    warnings: list[str]
    _rows: Any  # a callable returning the row iterator (the file is read again each time)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows()


def open_table(data, *, filename: str, encoding: str | None = None, delimiter: str | None = None):
    raise NotImplementedError  # package A
