"""The format readers behind ``reading.open_table``: XLSX, ODS and Bitrix24's HTML "xls".

Each reader yields ``(row_number, cells)`` records straight from the file, streaming, so that a
sheet formatted down to row 1,048,576 or an ODS row repeated a billion times costs no memory:
``reading`` stops after the empty run and at the row cap. Both XLSX and ODS are ZIP archives
whose parts are checked against ``LEADS_IMPORT_MAX_UNPACKED_BYTES`` before anything is parsed
(a zip bomb), and their XML goes through defusedxml (no entity expansion).

XLSX uses openpyxl's read-only sheet parser directly (openpyxl 3.1.5 internals, pinned):
``ReadOnlyWorksheet.iter_rows`` would yield an empty tuple for every missing row up to the
sheet's declared dimension, and ``data_only`` alone would turn a formula without a computed
value into an empty cell. ODS is read in ``leads.imports.ods`` (odfpy).
"""

import contextlib
import io
import re
import warnings
import zipfile
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from defusedxml.ElementTree import iterparse

from leads.imports.reading import FormulaWithoutValue, ReadError, limit

MAX_SHEET_COLUMNS = 16_384  # XLSX's last column, XFD
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DATA_TAG, ROW_TAG = f"{{{SHEET_NS}}}sheetData", f"{{{SHEET_NS}}}row"
VALUE_TAG, FORMULA_TAG = f"{{{SHEET_NS}}}v", f"{{{SHEET_NS}}}f"
INLINE_TAG, TEXT_TAG = f"{{{SHEET_NS}}}is", f"{{{SHEET_NS}}}t"
MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _check_unpacked(archive: zipfile.ZipFile, members=None) -> None:
    total = sum(
        item.file_size for item in archive.infolist() if members is None or item.filename in members
    )
    if total > limit("MAX_UNPACKED_BYTES"):
        megabytes = max(1, limit("MAX_UNPACKED_BYTES") // (1024 * 1024))
        raise ReadError(
            _("The file unpacks to more than %(megabytes)s MB: split it into smaller files.")
            % {"megabytes": megabytes},
            code="too_large",
        )


def _megabytes(size: int) -> int:
    return max(1, size // (1024 * 1024))


def check_unpacked(archive: zipfile.ZipFile, maximum: int, message: str) -> None:
    if sum(item.file_size for item in archive.infolist()) > maximum:
        raise ReadError(message % {"megabytes": _megabytes(maximum)}, code="too_large")


def other_sheets_warning(count: int, title: str) -> str:
    return _("The workbook has %(count)s sheets: only «%(sheet)s» is read.") % {
        "count": count,
        "sheet": title,
    }


def _letters_index(letters: bytes) -> int:
    index = 0
    for letter in letters.decode():
        index = index * 26 + ord(letter) - 64
    return index - 1


class XlsxReader:
    def __init__(self, raw: bytes):
        from openpyxl import load_workbook
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet

        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            _check_unpacked(archive)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except ReadError:
            raise
        except Exception:  # noqa: BLE001 - openpyxl raises anything on a broken workbook
            raise ReadError(
                _("The XLSX file is damaged: open it in Excel or LibreOffice and save it again."),
                code="damaged",
            ) from None
        sheet = book.active
        if not isinstance(sheet, ReadOnlyWorksheet):
            sheets = [each for each in book.worksheets if isinstance(each, ReadOnlyWorksheet)]
            if not sheets:
                raise ReadError(_("The workbook has no sheet with cells."), code="empty")
            sheet = sheets[0]
        self.book, self.sheet, self.warnings = book, sheet, []
        self.info = {"format": "xlsx", "sheet": sheet.title, "sheets": book.sheetnames}
        if len(book.sheetnames) > 1:
            self.warnings.append(
                _("The workbook has %(count)s sheets: only «%(sheet)s» is read.")
                % {"count": len(book.sheetnames), "sheet": sheet.title}
            )

    def records(self):
        """The sheet's rows as ``(row_number, values)``, parsed here rather than by openpyxl's
        sheet parser (ten times slower per cell, and with ``data_only`` a formula without a
        computed value would read as an empty cell); defusedxml's ``iterparse`` as for ODS."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        book, shared = self.book, self.sheet._shared_strings
        dates, durations = book._date_formats, book._timedelta_formats
        with book._archive.open(self.sheet._worksheet_path) as source:
            sheet_data, number = None, 0
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    if element.tag == DATA_TAG:
                        sheet_data = element
                    continue
                if element.tag != ROW_TAG:
                    continue
                reference = element.get("r")
                number = int(reference) if reference and reference.isdigit() else number + 1
                values, column = {}, 0
                for cell in element:
                    reference = cell.get("r")
                    column = _column_number(reference) if reference else column + 1
                    if column > MAX_SHEET_COLUMNS:
                        break
                    value = _xlsx_value(cell, shared)
                    if value is not None and cell.get("t", "n") == "n" and cell.get("s"):
                        style = int(cell.get("s"))
                        if style in dates:
                            # out of range: left a number, the cleaner says it is no date
                            with contextlib.suppress(OverflowError, ValueError, TypeError):
                                value = from_excel(value, book.epoch, timedelta=style in durations)
                    elif value is not None and cell.get("t") == "d":
                        value = from_ISO8601(value)
                    if value is not None:
                        values[column] = value
                if sheet_data is not None:
                    sheet_data.remove(element)  # keeps memory flat on any number of rows
                else:
                    element.clear()
                row = [None] * max(values, default=0)
                for column, value in values.items():
                    row[column - 1] = value
                yield number, row

    def merged_ranges(self, header_row: int) -> list[tuple[int, int]]:
        """0-based column ranges merged across the header row. They are listed after the cells,
        so the sheet's XML is scanned as bytes (no parsing): fast even for a large sheet."""
        ranges, tail = [], b""
        with self.book._archive.open(self.sheet._worksheet_path) as source:
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


def _column_number(reference: str) -> int:
    """ "AB12" → 28."""
    number = 0
    for letter in reference:
        if not "A" <= letter <= "Z":
            break
        number = number * 26 + ord(letter) - 64
    return number


def _xlsx_value(cell, shared):
    """A cell's cached value (text, number, bool), a :class:`FormulaWithoutValue` when a
    formula has none (never calculated: no ``<v>``, or an empty one unless it is the formula's
    empty text), or ``None``."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(INLINE_TAG)
        return None if inline is None else "".join(t.text or "" for t in inline.iter(TEXT_TAG))
    value = cell.find(VALUE_TAG)
    text = value.text if value is not None else None
    if not text:
        formula = cell.find(FORMULA_TAG)
        if formula is not None and not (kind == "str" and value is not None):
            return FormulaWithoutValue("=" + (formula.text or ""))
        return None
    if kind == "s":
        return shared[int(text)]
    if kind == "n":
        number = float(text)
        return (
            int(number) if number.is_integer() and "." not in text and "E" not in text else number
        )
    if kind == "b":
        return text == "1"
    return text  # "str", "e" (#VALUE!…), "d" (converted by the caller)


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
