"""The format readers behind ``reading.open_table``: XLSX and Bitrix24's HTML "xls".

Each reader yields ``(row_number, cells)`` records; ``reading`` stops after the empty run and at
the row cap, so a sheet formatted down to row 1,048,576 or an ODS row repeated a billion times is
never expanded. XLSX and ODS are ZIP archives whose members' declared sizes are checked before a
library opens them (a zip bomb); both libraries parse XML through defusedxml (openpyxl when it is
installed, odfpy always), so no entity expansion.

XLSX: openpyxl's public read-only API (``load_workbook(read_only=True, data_only=True)``,
``iter_rows(values_only=True)``), streamed row by row. ``data_only`` turns a formula saved without
its computed value (a file written by a program that does not calculate) into ``None``: such
files are recognised on the first ``FORMULA_PROBE_ROWS`` rows by a second read-only pass with
``data_only=False`` (formulas with no value and none with one); the whole sheet is then read in
lockstep and those cells become :class:`FormulaWithoutValue`. A workbook whose computed formulas
have values (anything saved by Excel or LibreOffice) is read in one pass, and a formula that
computed to "" stays empty. Limit: a file whose first such formula is below row 1,000 reads it as
an empty cell. ``values_only`` loses number formats, and a cell showing 100 % holds 1: the
columns whose numbers are formatted as percentages on the first rows are found by one more pass
over those rows' cells (only when the workbook's styles have a percent format), and their numbers
are given as the text they show, "45%". Read-only sheets have no merged cells, so the header's merges are found by a byte
search for ``<mergeCell ref=`` in the sheet's XML (the part is named by the workbook's rels).

ODS is read in ``leads.imports.ods``.
"""

import io
import posixpath
import re
import warnings
import zipfile
from decimal import Decimal
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from leads.imports.reading import FormulaWithoutValue, ReadError, limit

FORMULA_PROBE_ROWS = 1_000
PERCENT_PROBE_ROWS = 201  # the header and 200 rows
SMALL_PART_BYTES = 10 * 1024 * 1024  # workbook.xml and its rels: parsed only below this size
MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# a percent format: built-in "0%" (9) and "0.00%" (10), or a custom format with "%"
PERCENT_STYLE_RE = re.compile(rb'numFmtId="(?:9|10)"|formatCode="[^"]*%')


def percent_text(value) -> str:
    """A percent cell's fraction as the text it shows: 0.45 → "45%", 1 → "100%" (through the
    number's text, so no float noise: 0.07 → "7%", not "7.000000000000001%")."""
    number = Decimal(str(value)) * 100
    return format(number.normalize() if number else Decimal(0), "f") + "%"


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _megabytes(size: int) -> int:
    return max(1, size // (1024 * 1024))


def check_unpacked(archive: zipfile.ZipFile, maximum: int, message: str) -> None:
    if sum(item.file_size for item in archive.infolist()) > maximum:
        raise ReadError(message % {"megabytes": _megabytes(maximum)}, code="too_large")


def _letters_index(letters: bytes) -> int:
    index = 0
    for letter in letters.decode():
        index = index * 26 + ord(letter) - 64
    return index - 1


def other_sheets_warning(count: int, title: str) -> str:
    return _("The workbook has %(count)s sheets: only «%(sheet)s» is read.") % {
        "count": count,
        "sheet": title,
    }


def _xlsx_damaged() -> ReadError:
    return ReadError(
        _("The XLSX file is damaged: open it in Excel or LibreOffice and save it again."),
        code="damaged",
    )


class XlsxReader:
    def __init__(self, raw: bytes):
        self.raw, self.warnings = raw, []
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
            check_unpacked(
                self.archive,
                limit("MAX_UNPACKED_BYTES"),
                _("The file unpacks to more than %(megabytes)s MB: split it into smaller files."),
            )
            self.book = self._open(data_only=True)
        except ReadError:
            raise
        except Exception:  # noqa: BLE001 - openpyxl raises anything on a broken workbook
            raise _xlsx_damaged() from None
        sheets = self.book.worksheets  # read-only worksheets; chartsheets are not in it
        if not sheets:
            raise ReadError(_("The workbook has no sheet with cells."), code="empty")
        active = self.book.active
        self.sheet = active if active in sheets else sheets[0]
        self.title = self.sheet.title
        names = self.book.sheetnames
        self.info = {"format": "xlsx", "sheet": self.title, "sheets": names}
        if len(names) > 1:
            self.warnings.append(other_sheets_warning(len(names), self.title))
        self._uncalculated = None  # known after the first read: see _probe_formulas
        self._percent_columns = None  # likewise: see _probe_percents

    def _open(self, *, data_only: bool):
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unknown extension", "no default style"…
            return load_workbook(io.BytesIO(self.raw), read_only=True, data_only=data_only)

    def _sheet_of(self, book):
        sheet = book[self.title]
        sheet.reset_dimensions()  # the declared dimension may be wrong: rows are read to the end
        return sheet

    def _values(self):
        return self._sheet_of(self.book).iter_rows(values_only=True)

    def _formula_cells(self, book):
        return self._sheet_of(book).iter_rows()

    def _probe_formulas(self) -> bool:
        """Whether the file was saved without computed values: on the first rows some formula
        reads as ``None`` with ``data_only`` and no formula has a value."""
        book = self._open(data_only=False)
        missing = False
        try:
            pairs = zip(self._values(), self._formula_cells(book), strict=False)
            for number, (values, cells) in enumerate(pairs, start=1):
                if number > FORMULA_PROBE_ROWS:
                    break
                for index, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) != "f":
                        continue
                    if index < len(values) and values[index] is not None:
                        return False  # computed by Excel/LibreOffice: an empty value is ""
                    missing = True
        finally:
            book.close()
        return missing

    def _probe_percents(self) -> frozenset[int]:
        """The columns whose numbers are formatted as percentages on the first rows (most of
        their numbers). ``values_only`` loses formats, and a 100 % cell holds 1, which the
        probability's widget cannot tell from 1 %: these columns are given as text "45%". A
        second pass over the first rows' cells, only when the workbook has a percent format."""
        try:
            styles = [
                item for item in self.archive.infolist() if item.filename.endswith("styles.xml")
            ]
            if not any(
                item.file_size <= SMALL_PART_BYTES
                and PERCENT_STYLE_RE.search(self.archive.read(item))
                for item in styles
            ):
                return frozenset()
            votes: dict[int, int] = {}
            rows = self._sheet_of(self.book).iter_rows(max_row=PERCENT_PROBE_ROWS)
            for cells in rows:
                for index, cell in enumerate(cells):
                    if _is_number(getattr(cell, "value", None)):
                        percent = "%" in (getattr(cell, "number_format", "") or "")
                        votes[index] = votes.get(index, 0) + (1 if percent else -1)
        except Exception:  # noqa: BLE001 - no percent columns rather than no import
            return frozenset()
        return frozenset(index for index, vote in votes.items() if vote > 0)

    def records(self):
        """The sheet's rows as ``(row_number, values)``; missing rows come as empty tuples;
        numbers of percent columns as text "45%"."""
        if self._percent_columns is None:
            self._percent_columns = self._probe_percents()
        percents = self._percent_columns
        if not percents:
            yield from self._records()
            return
        for number, values in self._records():
            row = list(values)
            for index in percents:
                if index < len(row) and _is_number(row[index]):
                    row[index] = percent_text(row[index])
            yield number, row

    def _records(self):
        if self._uncalculated is None:
            self._uncalculated = self._probe_formulas()
        if not self._uncalculated:
            yield from enumerate(self._values(), start=1)
            return
        book = self._open(data_only=False)
        try:
            pairs = zip(self._values(), self._formula_cells(book), strict=False)
            for number, (values, cells) in enumerate(pairs, start=1):
                row = list(values)
                for index, cell in enumerate(cells[: len(row)]):
                    if row[index] is None and getattr(cell, "data_type", None) == "f":
                        formula = getattr(cell.value, "text", cell.value)  # array formulas
                        row[index] = FormulaWithoutValue(str(formula or "="))
                yield number, row
        finally:
            book.close()

    def merged_ranges(self, header_row: int) -> list[tuple[int, int]]:
        """0-based column ranges merged across the header row. They are listed after the cells,
        so the sheet's XML is searched as bytes (no parsing): fast even for a large sheet."""
        part = self._sheet_part()
        if part is None:
            return []
        ranges, tail = [], b""
        with self.archive.open(part) as source:
            while chunk := source.read(1024 * 1024):
                data = tail + chunk
                for match in MERGE_RE.finditer(data):
                    first_col, first_row, last_col, last_row = match.groups()
                    if last_col and int(first_row) <= header_row <= int(last_row):
                        first, last = _letters_index(first_col), _letters_index(last_col)
                        if first != last:
                            ranges.append((first, last))
                tail = data[-200:]
        return list(dict.fromkeys(ranges))[:50]

    def _sheet_part(self) -> str | None:
        """The ZIP member of the sheet read: its ``r:id`` in xl/workbook.xml, resolved through
        xl/_rels/workbook.xml.rels (both small; parsed with defusedxml)."""
        from defusedxml.ElementTree import fromstring

        try:
            sizes = {item.filename: item.file_size for item in self.archive.infolist()}
            rels_name = "xl/_rels/workbook.xml.rels"
            if max(sizes.get("xl/workbook.xml", 0), sizes.get(rels_name, 0)) > SMALL_PART_BYTES:
                return None
            workbook = fromstring(self.archive.read("xl/workbook.xml"))
            relation = None
            for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
                if sheet.get("name") == self.title:
                    relation = sheet.get(f"{{{REL_NS}}}id")
            for item in fromstring(self.archive.read(rels_name)).iter(
                f"{{{PACKAGE_REL_NS}}}Relationship"
            ):
                if item.get("Id") == relation:
                    target = item.get("Target", "")
                    if target.startswith("/"):
                        return target.lstrip("/")
                    return posixpath.normpath(posixpath.join("xl", target))
        except Exception:  # noqa: BLE001 - no merge warning rather than no import
            return None
        return None


class _HtmlTable(HTMLParser):
    """The rows of the first ``<table>`` (Bitrix24's "Excel" export); ``colspan`` expanded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.row, self.cell, self.depth, self.done = [], None, None, 0, False
        self.width_cap = limit("MAX_COLUMNS") + 1

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth == 1:
            self._end_row()
            self.row = []
        elif tag in ("td", "th") and self.depth == 1:
            self._end_cell()
            if self.row is None:
                self.row = []
            span = dict(attrs).get("colspan") or "1"
            self.cell, self.span = [], min(int(span) if span.isdigit() else 1, self.width_cap)
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self.depth:
            self.depth -= 1
            if not self.depth:
                self._end_row()
                self.done = True

    def handle_data(self, data):
        if self.cell is not None and not self.done:
            self.cell.append(data)

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            text = "".join(self.cell).strip()
            room = max(0, self.width_cap - len(self.row))
            self.row.extend(([text] + [None] * (self.span - 1))[:room])
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None:
            self.rows.append((len(self.rows) + 1, self.row))
        self.row = None


def html_rows(text: str) -> list:
    parser = _HtmlTable()
    parser.feed(text)
    parser.close()
    parser._end_row()
    if not parser.rows:
        raise ReadError(
            _("This HTML file holds no table: export the list again as CSV or XLSX."),
            code="unsupported",
        )
    return parser.rows
