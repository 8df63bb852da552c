"""The ODS reader behind ``reading.open_table``, on odfpy's public API.

ODS: odfpy (``odf.opendocument.load``) builds the whole document in memory, about 22 times the
unpacked XML, and keeps it while the table is used, so an ODS is refused above
``LEADS_IMPORT_MAX_ODS_UNPACKED_BYTES`` unpacked (20 MB, lower than for XLSX); repeated rows and
cells (``number-rows-repeated``/``number-columns-repeated``) are expanded lazily, up to the caps.
Only the first sheet is read (the others are named in a warning); a cell's value comes from
``office:value-type`` and ``office:value``/``office:date-value``/``office:boolean-value``, else
from its paragraphs' text; a percentage's fraction is given as the text it shows ("45%").
"""

import datetime
import io
import warnings
import zipfile
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from leads.imports.reading import ReadError, limit
from leads.imports.sheets import check_unpacked, other_sheets_warning, percent_text

ODS_SPACES_CAP = 100  # a <text:s text:c="2000000000"/> is not a 2 GB string


def _ods_number(text: str | None):
    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() and abs(number) < 10**15 else number


def _ods_text(node) -> str:
    """A paragraph's text with ``text:s`` spaces, tabs and line breaks: odfpy's
    ``teletype.extractText`` would repeat a space ``text:c`` times with no bound."""
    from odf.element import Node
    from odf.namespaces import TEXTNS

    parts = []
    for child in node.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            parts.append(child.data)
        elif child.nodeType == Node.ELEMENT_NODE:
            if child.qname == (TEXTNS, "s"):
                count = child.getAttrNS(TEXTNS, "c") or "1"
                count = int(count) if count.isdigit() else 1
                parts.append(" " * min(count, ODS_SPACES_CAP))
            elif child.qname == (TEXTNS, "tab"):
                parts.append("\t")
            elif child.qname == (TEXTNS, "line-break"):
                parts.append("\n")
            else:
                parts.append(_ods_text(child))
    return "".join(parts)


def _ods_value(cell):
    """The cell's typed value from ``office:value-type`` and its value attribute, else its
    paragraphs' text, else ``None``."""
    from odf.namespaces import OFFICENS, TEXTNS

    kind = cell.getAttrNS(OFFICENS, "value-type")
    if kind == "percentage":  # 45 % holds 0.45, 100 % holds 1: given as the text it shows
        number = _ods_number(cell.getAttrNS(OFFICENS, "value"))
        if number is not None:
            return percent_text(number)
    elif kind in ("float", "currency"):
        number = _ods_number(cell.getAttrNS(OFFICENS, "value"))
        if number is not None:
            return number
    elif kind == "date":
        text = cell.getAttrNS(OFFICENS, "date-value") or ""
        try:
            if "T" in text:
                return datetime.datetime.fromisoformat(text.rstrip("Z"))
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    elif kind == "boolean":
        return cell.getAttrNS(OFFICENS, "boolean-value") == "true"
    paragraphs = [(TEXTNS, "p"), (TEXTNS, "h")]
    lines = [_ods_text(node) for node in cell.childNodes if node.qname in paragraphs]
    return "\n".join(lines) or None


def _count(element, name: str) -> int:
    from odf.namespaces import TABLENS

    text = element.getAttrNS(TABLENS, name) or "1"
    return max(1, int(text)) if text.isdigit() else 1


def _ods_rows(node):
    """The table's rows in order, also those inside row groups and header rows."""
    from odf.namespaces import TABLENS

    for child in node.childNodes:
        if child.qname == (TABLENS, "table-row"):
            yield child
        elif child.qname in (
            (TABLENS, "table-row-group"),
            (TABLENS, "table-header-rows"),
            (TABLENS, "table-rows"),
        ):
            yield from _ods_rows(child)


class OdsReader:
    def __init__(self, raw: bytes):
        from odf.namespaces import TABLENS
        from odf.opendocument import load

        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            if "content.xml" not in archive.namelist():
                raise zipfile.BadZipFile
            # odfpy keeps the whole document (and every member it reads) in memory
            check_unpacked(
                archive,
                limit("MAX_ODS_UNPACKED_BYTES"),
                _(
                    "The ODS file unpacks to more than %(megabytes)s MB, too much to read at "
                    "once: save it as XLSX or CSV, or split it into smaller files."
                ),
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                document = load(io.BytesIO(raw))
            tables = [
                node for node in document.spreadsheet.childNodes if node.qname == (TABLENS, "table")
            ]
        except ReadError:
            raise
        except Exception:  # noqa: BLE001 - odfpy raises anything on a broken document
            raise ReadError(
                _("The ODS file is damaged: open it in LibreOffice and save it again."),
                code="damaged",
            ) from None
        if not tables:
            raise ReadError(_("The workbook has no sheet with cells."), code="empty")
        self.table, self.warnings, self.spans = tables[0], [], {}
        title = self.table.getAttrNS(TABLENS, "name") or ""
        self.info = {"format": "ods", "sheet": title}
        if len(tables) > 1:
            self.warnings.append(other_sheets_warning(len(tables), title))

    def records(self):
        """The first sheet's rows; repeated rows and cells expanded lazily up to the caps."""
        from odf.namespaces import TABLENS

        cell_names = ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell"))
        width_cap = limit("MAX_COLUMNS") + 1
        rows_cap = limit("MAX_ROWS") + limit("MAX_EMPTY_ROWS") + 2
        number = 0
        for element in _ods_rows(self.table):
            row = []
            for cell in element.childNodes:
                if cell.qname not in cell_names:
                    continue
                if len(row) >= width_cap:
                    break
                value = _ods_value(cell)
                span = _count(cell, "number-columns-spanned")
                if span > 1 and len(self.spans) < 50:
                    self.spans.setdefault(number + 1, []).append((len(row), span))
                repeat = _count(cell, "number-columns-repeated")
                row.extend([value] * min(repeat, width_cap - len(row)))
            while row and row[-1] is None:
                row.pop()
            repeat = _count(element, "number-rows-repeated")
            if not row:
                number += repeat
            else:
                for _copy in range(min(repeat, rows_cap)):
                    number += 1
                    yield number, row
                number += max(0, repeat - rows_cap)
            if number > rows_cap:
                return

    def merged_ranges(self, header_row: int) -> list[tuple[int, int]]:
        return [(start, start + span - 1) for start, span in self.spans.get(header_row, [])]
