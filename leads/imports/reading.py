"""Open an uploaded file as a table of cells, or refuse it with a message a person can act on.

What it offers (the rest of the import codes against it):

- ``open_table(data, *, filename, encoding=None, delimiter=None) -> Table``; ``data`` is the
  file's bytes or a binary file object; raises :class:`ReadError` (a ``ValidationError`` with a
  specific, translatable message and a ``code``) for anything it cannot read.
- ``Table.headers``: the header row as text (empty headers named "Column F"; duplicate headers
  kept, told apart by their index); ``Table.rows()`` yields ``(row_number, cells)`` with the
  spreadsheet's row number (the header is row 1) and exactly ``len(headers)`` cells, each
  ``str`` (stripped, NUL removed), ``int``/``float``/``Decimal``, ``datetime.date``/``datetime``,
  ``bool``, :class:`FormulaWithoutValue`, or ``None``; empty rows are skipped; ``Table.info``
  says what was detected (format, encoding, delimiter, sheet) and ``Table.warnings`` what the
  user should know (merged header cells…).
- ``Table.rows()`` reads the file again on each call. While it runs it may append warnings
  (ragged CSV rows, reading stopped after ``LEADS_IMPORT_MAX_EMPTY_ROWS`` empty rows) and it
  raises :class:`ReadError` (code ``too_many_rows``) on the first row past
  ``LEADS_IMPORT_MAX_ROWS`` or ``damaged`` if the file breaks further down: the dry run (the
  preview) reads every row first, so the user sees these before anything is written.
- A formula cell saved without its computed value (a file written by a program that does not
  calculate) is a :class:`FormulaWithoutValue`, not ``None``: the cleaner reports it as that
  cell's error instead of importing an empty value silently.

Formats are told by their bytes, never by the file name: XLSX, ODS, Bitrix24's "Excel" export
(an HTML table), CSV/TSV text in UTF-8, UTF-16 (with BOM), cp1251, KOI8-R or Mac Cyrillic; an
old binary .xls is refused with "save it as XLSX". The format readers are in ``sheets`` and
``ods``; telling a text file's encoding and delimiter, and its CSV records, in ``csv_reading``.
"""

import contextlib
import dataclasses
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.spreadsheets import spreadsheet_text
from core.untrusted import storable_text

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RAGGED_ROWS_LISTED = 20


class ReadError(ValidationError):
    """The file cannot be read as a table: the message says why and what to do."""


class FormulaWithoutValue:
    """A formula cell the file keeps no computed value for; ``str()`` is the formula."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return self.formula

    def __repr__(self) -> str:
        return f"FormulaWithoutValue({self.formula!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, FormulaWithoutValue) and other.formula == self.formula

    def __hash__(self) -> int:
        return hash(self.formula)


@dataclasses.dataclass
class Table:
    headers: list[str]
    info: dict[str, Any]
    warnings: list[str]
    _rows: Any  # a callable returning the row iterator (the file is read again each time)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows()


def limit(name: str) -> int:
    """A ``LEADS_IMPORT_*`` setting (config/settings/base.py), read when used so tests can
    override it."""
    defaults = {
        "MAX_BYTES": 50 * 1024 * 1024,
        "MAX_UNPACKED_BYTES": 1024 * 1024 * 1024,
        "MAX_ODS_UNPACKED_BYTES": 20 * 1024 * 1024,
        "MAX_ROWS": 200_000,
        "MAX_COLUMNS": 300,
        "MAX_EMPTY_ROWS": 1_000,
    }
    return getattr(settings, f"LEADS_IMPORT_{name}", defaults[name])


def column_letter(index: int) -> str:
    """0 → "A", 26 → "AA": how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def too_large(size: int) -> ReadError:
    megabytes = max(1, limit("MAX_BYTES") // (1024 * 1024))
    return ReadError(
        _("The file is larger than %(megabytes)s MB: split it into smaller files.")
        % {"megabytes": megabytes},
        code="too_large",
    )


def _read_bytes(data) -> bytes:
    """The upload's bytes, refusing an oversized file before reading it."""
    maximum = limit("MAX_BYTES")
    if isinstance(data, bytes | bytearray | memoryview):
        if len(data) > maximum:
            raise too_large(len(data))
        return bytes(data)
    size = getattr(data, "size", None)
    if size is None and hasattr(data, "seek") and hasattr(data, "tell"):
        try:
            data.seek(0, io.SEEK_END)
            size = data.tell()
        except (OSError, ValueError):
            size = None
    if size is not None and size > maximum:
        raise too_large(size)
    if hasattr(data, "seek"):
        with contextlib.suppress(OSError, ValueError):
            data.seek(0)
    raw = data.read(maximum + 1)
    if len(raw) > maximum:
        raise too_large(len(raw))
    return raw


def _zip_format(raw: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
        mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise ReadError(
            _("The file is damaged (a broken ZIP archive): save it again as XLSX or CSV."),
            code="damaged",
        ) from None
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsb" if "xl/workbook.bin" in names else "xlsx"
    raise ReadError(
        _("This archive is not a spreadsheet: upload an XLSX, ODS or CSV file."),
        code="unsupported",
    )


def open_job_table(job, handle) -> Table:
    """An import's file (``handle``, opened from ``job.file``) read with the encoding and
    delimiter chosen on its columns step."""
    return open_table(
        handle,
        filename=job.filename,
        encoding=job.options.get("encoding") or None,
        delimiter=job.options.get("delimiter") or None,
    )


def open_table(
    data, *, filename: str, encoding: str | None = None, delimiter: str | None = None
) -> Table:
    from leads.imports import csv_reading, ods, sheets

    raw = _read_bytes(data)
    if not raw.strip():
        raise ReadError(_("The file is empty."), code="empty")
    info: dict[str, Any] = {"filename": filename}
    if raw.startswith(OLE2_MAGIC):
        raise ReadError(
            _(
                "This is an old Excel file (.xls): open it in Excel or LibreOffice and "
                "save it as XLSX."
            ),
            code="legacy_xls",
        )
    if raw.startswith(b"PK"):
        kind = _zip_format(raw)
        if kind == "xlsb":
            raise ReadError(
                _("This is a binary Excel workbook (.xlsb): save it as XLSX."),
                code="unsupported",
            )
        reader = sheets.XlsxReader(raw) if kind == "xlsx" else ods.OdsReader(raw)
        table = _build(reader.records, info, list(reader.warnings), reader.merged_ranges)
        info.update(reader.info)  # format, sheet name, the workbook's sheets
        return table
    warnings: list[str] = []  # stray NUL bytes removed
    text, found_encoding = csv_reading.decode(raw, encoding, warnings)
    info["encoding"] = found_encoding
    del raw
    if text[:1024].lstrip("\ufeff").lstrip().startswith("<"):
        info["format"] = "html"
        html_rows = sheets.html_rows(text)
        return _build(lambda: iter(html_rows), info, warnings, None)
    info["format"] = "csv"
    info["delimiter"] = delimiter or csv_reading.sniff_delimiter(text)
    records = csv_reading.csv_records(text, info["delimiter"])
    return _build(records, info, warnings, None, text_rows=True)


def _clean_cell(value):
    """A cell as the rows hold it: text without NUL or surrounding spaces (None when empty), and
    without the apostrophe our exports and failed-rows files put before text that a spreadsheet
    would run as a formula (``core.spreadsheets``), so that they read back as they were."""
    if isinstance(value, str):
        value = spreadsheet_text(storable_text(value).strip())
        return value or None
    return value


def _is_empty(record) -> bool:
    return all(_clean_cell(value) is None for value in record)


def _build(records, info, warnings, merged_ranges, *, text_rows=False) -> Table:
    """The header from the first non-empty record, then a row iterator over the rest."""
    header_row, header = _first_record(records)
    cells = [_clean_cell(value) for value in header]
    while cells and cells[-1] is None:  # Bitrix24's trailing ";" and formatted empty columns
        cells.pop()
    ranges = merged_ranges(header_row) if merged_ranges else []
    for _first, last in ranges:  # a merged header at the end still names its columns
        cells.extend([None] * (min(last + 1, limit("MAX_COLUMNS") + 1) - len(cells)))
    if len(cells) > limit("MAX_COLUMNS"):
        raise ReadError(
            _("The file has %(count)s columns; at most %(limit)s can be imported.")
            % {"count": len(cells), "limit": limit("MAX_COLUMNS")},
            code="too_many_columns",
        )
    headers = [
        " ".join(str(value).split())
        if value is not None
        else _("Column %(letter)s") % {"letter": column_letter(index)}
        for index, value in enumerate(cells)
    ]
    for first, last in ranges:
        if first < len(headers):
            warnings.append(
                _(
                    "Columns %(first)s–%(last)s share one merged header «%(header)s»: unmerge "
                    "the cells so that every column has its own header."
                )
                % {
                    "first": column_letter(first),
                    "last": column_letter(last),
                    "header": headers[first],
                }
            )
    info["header_row"] = header_row
    width = len(headers)
    table = Table(headers=headers, info=info, warnings=warnings, _rows=None)
    table._rows = lambda: _rows(records, header_row, width, table.warnings, text_rows)
    return table


def _first_record(records):
    try:
        for number, record in records():
            if not _is_empty(record):
                return number, record
            if number > limit("MAX_EMPTY_ROWS"):
                break
    except ReadError:
        raise
    except Exception:  # noqa: BLE001 - a parser's error deep in a broken file: "damaged"
        raise _damaged(None) from None
    raise ReadError(_("The file has no rows: nothing to import."), code="empty")


def _damaged(row) -> ReadError:
    if row is None:
        return ReadError(
            _("The file is damaged and cannot be read: save it again as XLSX or CSV."),
            code="damaged",
        )
    return ReadError(
        _("The file is damaged after row %(row)s: save it again as XLSX or CSV.") % {"row": row},
        code="damaged",
    )


def _rows(records, header_row, width, warnings, text_rows):
    maximum_rows, maximum_empty = limit("MAX_ROWS"), limit("MAX_EMPTY_ROWS")
    last_filled, count, longer, shorter = header_row, 0, [], []
    formulas_told = False
    iterator = iter(records())
    while True:
        try:
            item = next(iterator, None)
        except ReadError:
            raise
        except Exception:  # noqa: BLE001 - a parser's error deep in a broken file: "damaged"
            raise _damaged(last_filled) from None
        if item is None:
            break
        number, record = item
        if number <= header_row:
            continue
        if number - last_filled - 1 > maximum_empty:
            warnings.append(
                _(
                    "Reading stopped at row %(row)s after %(count)s empty rows: "
                    "anything below them was not read."
                )
                % {"row": number, "count": maximum_empty}
            )
            break
        cells = [_clean_cell(value) for value in record[:width]]
        extra = any(_clean_cell(value) is not None for value in record[width:])
        if all(value is None for value in cells) and not extra:
            continue
        last_filled = number
        count += 1
        if count > maximum_rows:
            raise ReadError(
                _("The file has more than %(limit)s rows: split it into smaller files.")
                % {"limit": maximum_rows},
                code="too_many_rows",
            )
        if not formulas_told and any(isinstance(value, FormulaWithoutValue) for value in cells):
            formulas_told = True
            _warn_once(
                warnings,
                _(
                    "The file was saved without computed values, so formula cells have no "
                    "value: open it in Excel or LibreOffice, save it and upload it again."
                ),
            )
        if extra:
            longer.append(number)
        elif text_rows and len(record) < width:
            shorter.append(number)
        cells.extend([None] * (width - len(cells)))
        yield number, cells
    _ragged_warnings(warnings, longer, shorter)


def _warn_once(warnings, message):
    """Each reading of the rows tells again: a message is listed once."""
    if message not in warnings:
        warnings.append(message)


def _ragged_warnings(warnings, longer, shorter):
    def listed(numbers):
        text = ", ".join(str(number) for number in numbers[:RAGGED_ROWS_LISTED])
        if len(numbers) > RAGGED_ROWS_LISTED:
            text += " " + _("and %(count)s more") % {"count": len(numbers) - RAGGED_ROWS_LISTED}
        return text

    if longer:
        warnings.append(
            _("Rows %(rows)s have more cells than the header: the extra cells were left out.")
            % {"rows": listed(longer)}
        )
    if shorter:
        warnings.append(
            _("Rows %(rows)s have fewer cells than the header: the missing cells are empty.")
            % {"rows": listed(shorter)}
        )
