"""What a cell's value becomes: numbers and amounts with either separator, percentages from
formatted spreadsheet cells, and text files with a huge cell or stray NUL bytes (the outside
tester's findings on leads.imports)."""

import io
from decimal import Decimal

import openpyxl
import pytest

from leads.imports.reading import ReadError, open_table
from leads.imports.widgets import MoneyWidget, NumberWidget, PercentWidget


def read(data, **kwargs):
    table = open_table(data, filename=kwargs.pop("filename", "deals.csv"), **kwargs)
    return table, list(table.rows())


def error_of(widget, value) -> str:
    with pytest.raises(ValueError) as error:
        widget.clean(value)
    return str(error.value)


# A custom field's number


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        (-5, "-5"),
        (-5.5, "-5.5"),
        (Decimal("-3"), "-3"),
        ("-5", "-5"),
        ("5", "5"),
        ("5.00", "5"),
        ("\u22127", "-7"),  # a typographic minus
        (1e13, "10000000000000"),
        ("0.125", "0.125"),
        (0.125, "0.125"),
        ("1500", "1500"),
        (1500.0, "1500"),
        ("1 500", "1500"),
        ("-0", "0"),
    ],
)
def test_number_keeps_its_sign_size_and_decimals_as_plain_text(cell, stored):
    assert NumberWidget().clean(cell) == stored


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (1e16, "the number is too large"),
        ("-2e15", "the number is too large"),
        ("abc", "'abc' is not a number"),
        ("01.02.2024", "'01.02.2024' is not a number"),
    ],
)
def test_number_errors_speak_of_a_number(cell, message):
    assert error_of(NumberWidget(), cell) == message


def test_amount_keeps_its_rules_and_words():
    money = MoneyWidget()
    assert money.clean("1 500 000,50 ₽") == Decimal("1500000.50")
    assert money.clean("0.125") == Decimal("0.12")
    assert error_of(money, -5) == "the amount cannot be negative"
    assert error_of(money, "\u22125") == "the amount cannot be negative"
    assert error_of(money, 1e13) == "the amount is too large"
    assert error_of(money, "abc") == "'abc' is not an amount"


# Separators: the same text is the same number in an amount and in a custom number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.500", "1500"),
        ("1,500", "1500"),
        ("12.345", "12345"),
        ("1.500.000", "1500000"),
        ("1,500,000", "1500000"),
        ("1 500 000", "1500000"),
        ("1.500.000,50", "1500000.5"),
        ("1,500,000.50", "1500000.5"),
        ("0.125", "0.125"),
        ("0,125", "0.125"),
        ("1,5", "1.5"),
        ("1.50", "1.5"),
        ("1234.567", "1234.567"),
    ],
)
def test_thousands_and_decimal_separators_read_alike_in_both_widgets(text, number):
    assert NumberWidget().clean(text) == number
    assert MoneyWidget().clean(text) == Decimal(number).quantize(Decimal("0.01"))


# Percentages: a cell showing 100 % holds 1, one showing 45 % holds 0.45


def xlsx_with_percents() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Probability", "Share", "Plain"])
    for title, fraction in (("Won", 1), ("Even", 0.5), ("Long shot", 0.07), ("Sure", 1.0)):
        sheet.append([title, fraction, fraction, 0.45])
    for row in range(2, 6):
        sheet.cell(row, 2).number_format = "0%"
        sheet.cell(row, 3).number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_percent_cells_read_as_the_percentages_they_show():
    _table, rows = read(xlsx_with_percents(), filename="deals.xlsx")
    assert [cells[1:] for _number, cells in rows] == [
        ["100%", "100%", 0.45],
        ["50%", "50%", 0.45],
        ["7%", "7%", 0.45],
        ["100%", "100%", 0.45],
    ]
    probability = PercentWidget()
    assert [probability.clean(cells[1]) for _number, cells in rows] == [100, 50, 7, 100]
    assert probability.clean(rows[0][1][3]) == 45  # an unformatted fraction stays a fraction


def test_xlsx_without_percent_formats_keeps_its_numbers():
    book = openpyxl.Workbook()
    book.active.append(["Title", "Probability"])
    book.active.append(["Won", 100])
    buffer = io.BytesIO()
    book.save(buffer)
    _table, rows = read(buffer.getvalue(), filename="deals.xlsx")
    assert rows == [(2, ["Won", 100])]
    assert PercentWidget().clean(rows[0][1][1]) == 100


def test_ods_percentage_cells_read_as_the_percentages_they_show():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Deals")
    for cells in (
        [("string", "Title"), ("string", "Probability")],
        [("string", "Won"), ("percentage", "1")],
        [("string", "Even"), ("percentage", "0.5")],
        [("string", "Long shot"), ("percentage", "0.07")],
    ):
        row = TableRow()
        for kind, value in cells:
            if kind == "string":
                cell = TableCell(valuetype="string")
            else:
                cell = TableCell(valuetype=kind, value=value)
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    _table, rows = read(buffer.getvalue(), filename="deals.ods")
    assert [cells[1] for _number, cells in rows] == ["100%", "50%", "7%"]
    assert [PercentWidget().clean(cells[1]) for _number, cells in rows] == [100, 50, 7]


# A CSV with one very long cell, and one with an unclosed quote


@pytest.mark.parametrize("quoted", ["", '"Ann",'])
def test_csv_long_unquoted_cell_is_named_as_too_long(quoted):
    data = b"Name,Note,Email\nBob,short,bob@example.com\n"
    data += quoted.encode() + b"A" * 5_000_000 + b",huge@example.com\n"
    table = open_table(data, filename="a.csv")
    with pytest.raises(ReadError) as error:
        list(table.rows())
    message = error.value.messages[0]
    assert message.startswith("Row 3: a cell is longer than 131072 characters")
    assert "quote" not in message


def test_csv_unclosed_quote_is_still_named_as_a_quote():
    data = b'Name,Note\nAnn,ok\nBob,"never closed\n' + b"A" * 200_000 + b'\nEve,"x"\n'
    table = open_table(data, filename="a.csv")
    with pytest.raises(ReadError) as error:
        list(table.rows())
    assert error.value.messages[0].startswith('Row 3 cannot be read: a quote (") is probably')


# NUL bytes: a few stray ones are removed wherever they are; UTF-16 without a BOM is refused


@pytest.mark.parametrize("where", [0, 20_000])
def test_stray_nul_bytes_are_removed_wherever_they_are(where):
    rows = [b"Ann,ann@example.com\n"] * 2000
    data = b"Name,Email\n" + b"".join(rows)
    at = data.index(b"\n", where) + 1
    data = data[:at] + b"B\x00ob,b\x00ob@example.com\n" + data[at:]
    table, rows = read(data)
    assert ["Bob", "bob@example.com"] in [cells for _number, cells in rows]
    assert len(rows) == 2001
    assert any("NUL bytes" in warning for warning in table.warnings)


def test_stray_nul_in_a_cp1251_file_is_removed():
    data = "Имя;Телефон\nИван\x00;+7 900 000-00-00\n".encode("cp1251")
    _table, rows = read(data)
    assert rows == [(2, ["Иван", "+7 900 000-00-00"])]


@pytest.mark.parametrize(
    "data",
    [
        "Name,Email\nAnn,ann@example.com\n".encode("utf-16-le"),
        "Name,Email\nAnn,ann@example.com\n".encode("utf-16-be"),
        bytes(range(256)) * 40,
    ],
)
def test_utf16_without_bom_and_binary_are_still_refused(data):
    with pytest.raises(ReadError) as error:
        read(data)
    assert error.value.code == "not_text"
    assert "CSV UTF-8 or XLSX" in error.value.messages[0]
