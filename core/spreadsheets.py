"""Text that leaves us in a spreadsheet stays text (CSV/formula injection, OWASP).

Excel and LibreOffice read a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula:
``=HYPERLINK("http://evil","x")`` becomes a link that sends the reader away, and
``+cmd|' /C calc'!A0`` starts a program (DDE). A cell starting with a tab or a carriage return
is read as one too (the spreadsheet drops the whitespace first). A deal title, a contact's name
or a visitor's search comes from people we do not trust, so every text cell a CSV of ours holds
goes through :func:`spreadsheet_safe`: such a cell gets a leading apostrophe, which spreadsheets
take as "this is text" (OWASP's rule). Numbers written as numbers are not text and stay as they
are; a phone number "+7 912…" is text and gets its apostrophe.

The import reads our files back (issue 14's round trip), so it undoes exactly this with
:func:`spreadsheet_text` on every cell it reads (``leads.imports.reading``): one apostrophe before
a cell that would need one is dropped. ``spreadsheet_text(spreadsheet_safe(x)) == x`` for every
text: a value that itself starts with apostrophes before a formula character gets one more.

In XLSX a cell has a type: a text cell is never run, so XLSX cells keep their text as it is and
only need their type set to text where openpyxl would take a leading ``=`` for a formula
(:func:`xlsx_text_cell`).
"""

#: the characters a spreadsheet reads a formula after (OWASP's CSV injection list)
FORMULA_STARTS = ("=", "+", "-", "@")
#: whitespace that spreadsheets drop before reading a formula
FORMULA_WHITESPACE = ("\t", "\r")


def _looks_like_formula(text: str) -> bool:
    text = text.lstrip("'")
    return text.startswith(FORMULA_WHITESPACE) or text.lstrip().startswith(FORMULA_STARTS)


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would read as a formula, with a leading apostrophe; any
    other value (numbers, dates, None, other text) as it is."""
    if isinstance(value, str) and _looks_like_formula(value):
        return "'" + value
    return value


def spreadsheet_text(value):
    """A cell read from a file, without the apostrophe :func:`spreadsheet_safe` put in front."""
    if isinstance(value, str) and value.startswith("'") and _looks_like_formula(value[1:]):
        return value[1:]
    return value


def xlsx_text_cell(sheet, value):
    """A write-only XLSX cell holding ``value``; text that openpyxl would store as a formula
    (it starts with "=") is stored as text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


class SpreadsheetSafeExportMixin:
    """For a Wagtail listing's spreadsheet export (``SpreadsheetExportMixin``): the CSV's text
    cells and both formats' headings go through :func:`spreadsheet_safe` (Wagtail escapes
    nothing in CSV, and writes XLSX headings without setting their type). Its XLSX cells are
    already text cells (Wagtail sets the type of what openpyxl takes for a formula)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == "csv":
            return spreadsheet_safe(value)
        return value

    def get_heading(self, queryset, field):
        return spreadsheet_safe(super().get_heading(queryset, field))
