"""Reading uploaded files (leads.imports.reading): every format and broken file a manager may
upload ends in a table or in a ReadError that says what to do, never in another exception."""

import datetime
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal

from django.core.files.base import ContentFile

import openpyxl
import pytest

from leads.imports.reading import FormulaWithoutValue, ReadError, open_table

HEADER = "Название;Телефон;Сумма\n"
ROWS = "Сделка «Ёлка»;+7 900 000-00-00;1 500 000,50\nВторая;8 (800);\n"


def read(data, **kwargs):
    table = open_table(data, filename=kwargs.pop("filename", "deals.csv"), **kwargs)
    return table, list(table.rows())


def xlsx(rows, *, edit=None, sheet_title=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if sheet_title:
        sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    if edit:
        edit(book, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, member: str, change) -> bytes:
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            archive.writestr(item, change(content) if item.filename == member else content)
    return target.getvalue()


# CSV: encodings and delimiters


@pytest.mark.parametrize(
    ("encoding", "prefix", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("cp1251", b"", "cp1251"),
    ],
)
def test_russian_csv_is_read_in_its_encoding(encoding, prefix, detected):
    table, rows = read(prefix + (HEADER + ROWS).encode(encoding))
    assert table.headers == ["Название", "Телефон", "Сумма"]
    assert table.info["encoding"] == detected
    assert rows == [
        (2, ["Сделка «Ёлка»", "+7 900 000-00-00", "1 500 000,50"]),
        (3, ["Вторая", "8 (800)", None]),
    ]


def test_utf16_with_bom_is_read_as_excel_unicode_text():
    table, rows = read("Имя\tEmail\nИван\tivan@example.com\n".encode("utf-16"))
    assert table.info["delimiter"] == "\t"
    assert rows == [(2, ["Иван", "ivan@example.com"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(delimiter):
    text = delimiter.join(["Name", "Email", "Note"]) + "\n"
    text += delimiter.join(["Ann", "ann@example.com", '"a, b; c"']) + "\n"
    table, rows = read(text.encode())
    assert table.info["delimiter"] == delimiter
    assert rows == [(2, ["Ann", "ann@example.com", "a, b; c"])]


def test_chosen_delimiter_and_encoding_win_over_detection():
    table, rows = read("a;b,c\n1;2,3\n".encode("cp1251"), encoding="cp1251", delimiter=";")
    assert table.headers == ["a", "b,c"]
    assert table.info["encoding"] == "cp1251"
    assert rows == [(2, ["1", "2,3"])]


def test_one_column_file_is_read():
    table, rows = read(b"Email\nann@example.com\nbob@example.com\n")
    assert table.headers == ["Email"]
    assert [cells for _number, cells in rows] == [["ann@example.com"], ["bob@example.com"]]


def test_wrong_chosen_encoding_says_to_choose_another():
    with pytest.raises(ReadError) as error:
        open_table((HEADER + ROWS).encode("cp1251"), filename="a.csv", encoding="utf-8")
    assert error.value.code == "encoding"
    assert "choose another encoding" in error.value.messages[0]


def test_bitrix_trailing_semicolon_column_is_dropped():
    table, rows = read("ID;Название;\n1;Сделка;\n".encode())
    assert table.headers == ["ID", "Название"]
    assert rows == [(2, ["1", "Сделка"])]
    assert table.warnings == []


def test_ragged_rows_are_cut_or_padded_with_a_warning():
    table, rows = read(b"a,b,c\n1,2,3,4\n1\n\n\n5,6,7\n")
    assert rows == [(2, ["1", "2", "3"]), (3, ["1", None, None]), (6, ["5", "6", "7"])]
    assert any("Rows 2 have more cells" in warning for warning in table.warnings)
    assert any("Rows 3 have fewer cells" in warning for warning in table.warnings)


def test_empty_and_duplicate_headers_are_named_and_kept():
    table, _rows = read(b"Phone,,Phone\n1,2,3\n")
    assert table.headers == ["Phone", "Column B", "Phone"]


def test_quoted_newlines_keep_the_row_numbers_of_records():
    table, rows = read(b'Name,Note\nAnn,"line 1\nline 2"\nBob,x\n')
    assert rows == [(2, ["Ann", "line 1\nline 2"]), (3, ["Bob", "x"])]


# Broken text files


def test_unclosed_quote_is_named_with_its_row():
    table = open_table(b'Name,Note\nAnn,ok\nBob,"never closed\n' + b"x" * 200_000, filename="a.csv")
    with pytest.raises(ReadError) as error:
        list(table.rows())
    assert error.value.code == "damaged"
    assert "Row 3 cannot be read: a quote" in error.value.messages[0]


def test_nul_near_the_start_means_not_a_text_file():
    with pytest.raises(ReadError) as error:
        open_table(b"N\x00a\x00m\x00e\x00\n\x00", filename="a.csv")
    assert error.value.code == "not_text"
    assert "CSV UTF-8 or XLSX" in error.value.messages[0]


def test_nul_further_down_is_stripped():
    data = b"Name,Note\n" + b"Ann,x\n" * 2000 + b"Bob,b\x00ad\n"
    _table, rows = read(data)
    assert rows[-1] == (2002, ["Bob", "bad"])


def test_empty_file_is_refused():
    for data in (b"", b"  \n\n", b";;;\n;;\n"):
        with pytest.raises(ReadError):
            read(data)


def test_legacy_xls_says_save_as_xlsx():
    with pytest.raises(ReadError) as error:
        open_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, filename="deals.xls")
    assert error.value.code == "legacy_xls"
    assert "XLSX" in error.value.messages[0]


def test_oversized_bytes_are_refused(settings):
    settings.LEADS_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ReadError) as error:
        open_table(b"a,b\n" + b"1,2\n" * 300, filename="a.csv")
    assert error.value.code == "too_large"


def test_a_50_mb_file_is_refused_quickly_without_reading_it(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: nothing to read
    started = time.monotonic()
    with path.open("rb") as handle, pytest.raises(ReadError) as error:
        open_table(handle, filename="huge.csv")
    assert time.monotonic() - started < 1
    assert error.value.code == "too_large"
    assert "50 MB" in error.value.messages[0]


def test_file_objects_are_read_like_bytes_and_rows_can_be_read_twice():
    table = open_table(ContentFile((HEADER + ROWS).encode(), name="a.csv"), filename="a.csv")
    assert list(table.rows()) == list(table.rows())
    assert len(list(table.rows())) == 2


def test_too_many_columns_is_refused(settings):
    settings.LEADS_IMPORT_MAX_COLUMNS = 5
    with pytest.raises(ReadError) as error:
        read(b",".join(b"c%d" % n for n in range(6)) + b"\n")
    assert error.value.code == "too_many_columns"


def test_too_many_rows_is_refused_while_reading(settings):
    settings.LEADS_IMPORT_MAX_ROWS = 3
    table = open_table(b"a\n1\n2\n3\n", filename="a.csv")
    assert len(list(table.rows())) == 3
    table = open_table(b"a\n1\n2\n3\n4\n", filename="a.csv")
    with pytest.raises(ReadError) as error:
        list(table.rows())
    assert error.value.code == "too_many_rows"


def test_reading_stops_after_the_empty_run(settings):
    settings.LEADS_IMPORT_MAX_EMPTY_ROWS = 5
    table, rows = read(b"a\n1\n" + b"\n" * 5 + b"2\n" + b"\n" * 6 + b"3\n")
    assert rows == [(2, ["1"]), (8, ["2"])]
    assert "Reading stopped at row 15" in table.warnings[0]


# XLSX


def test_xlsx_cells_keep_their_types():
    when = datetime.datetime(2024, 3, 1, 10, 30)
    data = xlsx(
        [
            ["Title", "Amount", "Rate", "Created", None, "Title"],
            ["Deal", 1500000, 0.5, when, None, "dup"],
            [None, None, None, None, None, None],
            ["  spaced  ", None, None, datetime.date(2024, 1, 2), None, None],
        ]
    )
    table, rows = read(data, filename="deals.xlsx")
    assert table.info["format"] == "xlsx"
    assert table.headers == ["Title", "Amount", "Rate", "Created", "Column E", "Title"]
    assert rows[0] == (2, ["Deal", 1500000, 0.5, when, None, "dup"])
    assert rows[1][0] == 4
    assert rows[1][1][0] == "spaced"
    assert rows[1][1][3].date() == datetime.date(2024, 1, 2)


def test_xlsx_formula_without_value_is_a_marker_and_cached_values_are_kept():
    data = xlsx([["Amount", "Total", "Text"], [2, "=A2*2", '=""']])
    table, rows = read(data, filename="a.xlsx")
    assert rows[0][1][1] == FormulaWithoutValue("=A2*2")
    assert str(rows[0][1][1]) == "=A2*2"
    recalculated = rezip(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<f>A2*2</f><v />", b"<f>A2*2</f><v>4</v>").replace(
            b'<c r="C2"><f>""</f><v />', b'<c r="C2" t="str"><f>""</f><v></v>'
        ),
    )
    assert any("saved without computed values" in warning for warning in table.warnings)
    table, rows = read(recalculated, filename="a.xlsx")
    assert rows == [(2, [2, 4, None])]  # computed to "": an empty cell, not a missing value
    assert table.warnings == []


def test_xlsx_formulas_without_values_are_marked_down_the_whole_sheet():
    """A file found uncalculated on its first rows is checked to the end; one whose first
    formula is below row 1,000 reads it empty (the documented limit)."""
    plain = [[f"n{row}", row] for row in range(3, 1500)]
    data = xlsx([["Name", "Total"], ["first", "=2*2"], *plain, ["last", "=1+1"]])
    _table, rows = read(data, filename="a.xlsx")
    assert rows[0] == (2, ["first", FormulaWithoutValue("=2*2")])
    assert rows[-1] == (1500, ["last", FormulaWithoutValue("=1+1")])
    assert rows[-2] == (1499, ["n1499", 1499])
    _table, rows = read(xlsx([["Name", "Total"], *plain, ["last", "=1+1"]]), filename="a.xlsx")
    assert rows[-1] == (1499, ["last", None])


def test_xlsx_rows_past_a_wrong_declared_dimension_are_read():
    data = rezip(
        xlsx([["Name"], ["Ann"], ["Bob"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:A3"', b'<dimension ref="A1:A1"'),
    )
    _table, rows = read(data, filename="a.xlsx")
    assert rows == [(2, ["Ann"]), (3, ["Bob"])]


def test_xlsx_with_a_cell_in_the_last_row_is_fast_and_small():
    """The sheet's rows are streamed: the million empty rows before the last one are not read
    past the empty run (the far cell is left out, and the warning says where reading stopped)."""

    def far_cell(book, sheet):
        sheet.cell(row=1_048_576, column=1, value="far away")

    data = xlsx([["Name"], ["Ann"]], edit=far_cell)
    tracemalloc.start()
    started = time.monotonic()
    table, rows = read(data, filename="a.xlsx")
    elapsed = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rows == [(2, ["Ann"])]
    assert elapsed < 2
    assert peak < 20 * 1024 * 1024
    assert table.warnings == [
        "Reading stopped at row 1004 after 1000 empty rows: anything below them was not read."
    ]


def test_xlsx_formatted_empty_rows_stop_the_reading():
    def formatted(book, sheet):
        for row in range(3, 20_000):
            sheet.row_dimensions[row].height = 20

    data = xlsx([["Name"], ["Ann"]], edit=formatted)
    started = time.monotonic()
    _table, rows = read(data, filename="a.xlsx")
    assert rows == [(2, ["Ann"])]
    assert time.monotonic() - started < 3


def test_xlsx_merged_header_is_named_in_a_warning():
    def merge(book, sheet):
        sheet.merge_cells("B1:D1")

    data = xlsx([["Name", "Contact", None, None], ["Ann", "a@example.com", "+79000000000", "x"]])
    table, rows = read(data, filename="a.xlsx")  # not merged: the cells under no header
    assert table.headers == ["Name", "Contact"]
    assert rows == [(2, ["Ann", "a@example.com"])]
    assert table.warnings == [
        "Rows 2 have more cells than the header: the extra cells were left out."
    ]
    table, rows = read(
        xlsx(
            [["Name", "Contact", None, None], ["Ann", "a@example.com", "+79000000000", "x"]],
            edit=merge,
        ),
        filename="a.xlsx",
    )
    assert table.headers == ["Name", "Contact", "Column C", "Column D"]
    assert table.warnings == [
        "Columns B–D share one merged header «Contact»: unmerge the cells so that every "
        "column has its own header."
    ]
    assert rows == [(2, ["Ann", "a@example.com", "+79000000000", "x"])]


def test_xlsx_merged_header_of_the_active_second_sheet_is_found():
    def second_active(book, sheet):
        other = book.create_sheet("Deals")
        other.append(["Name", "Contact", None])
        other.append(["Ann", "a@example.com", "+79000000000"])
        other.merge_cells("B1:C1")
        book.active = 1

    table, rows = read(xlsx([["Ignored"]], edit=second_active), filename="a.xlsx")
    assert table.info["sheet"] == "Deals"
    assert table.headers == ["Name", "Contact", "Column C"]
    assert any("Columns B–C share one merged header" in warning for warning in table.warnings)
    assert rows == [(2, ["Ann", "a@example.com", "+79000000000"])]


def test_xlsx_other_sheets_are_named_in_a_warning():
    def second(book, sheet):
        book.create_sheet("Notes").append(["ignored"])

    table, rows = read(
        xlsx([["Name"], ["Ann"]], edit=second, sheet_title="Deals"), filename="a.xlsx"
    )
    assert table.info["sheet"] == "Deals"
    assert rows == [(2, ["Ann"])]
    assert "only «Deals» is read" in table.warnings[0]


def test_xlsx_zip_bomb_is_refused_before_parsing(settings):
    settings.LEADS_IMPORT_MAX_UNPACKED_BYTES = 10_000
    data = xlsx([["Name"]] + [["x" * 100] for _ in range(200)])
    with pytest.raises(ReadError) as error:
        read(data, filename="a.xlsx")
    assert error.value.code == "too_large"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        (None, "unsupported"),  # a ZIP that is no spreadsheet
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy_xls"),
    ],
)
def test_broken_archives_are_refused(data, code):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<x/>")
        data = buffer.getvalue()
    with pytest.raises(ReadError) as error:
        read(data, filename="a.xlsx")
    assert error.value.code == code


def test_truncated_xlsx_is_refused_as_damaged():
    data = xlsx([["Name"]] + [[f"row {n}"] for n in range(5000)])
    with pytest.raises(ReadError) as error:
        read(data[: len(data) // 2], filename="a.xlsx")
    assert error.value.code == "damaged"


# ODS


def ods(tables) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in tables:
        table = Table(name=name)
        for row_repeat, cells in rows:
            row = TableRow(numberrowsrepeated=row_repeat) if row_repeat > 1 else TableRow()
            for spec in cells:
                kind, value, extra = spec[0], spec[1], dict(spec[2]) if len(spec) > 2 else {}
                if kind == "covered":
                    row.addElement(CoveredTableCell(**extra))
                    continue
                if kind == "string":
                    cell = TableCell(valuetype="string", **extra)
                    cell.addElement(P(text=value))
                elif kind == "float":
                    cell = TableCell(valuetype="float", value=value, **extra)
                    cell.addElement(P(text=str(value)))
                elif kind == "date":
                    cell = TableCell(valuetype="date", datevalue=value, **extra)
                    cell.addElement(P(text=value))
                else:
                    cell = TableCell(**extra)
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_ods_repeated_cells_and_rows_are_expanded():
    data = ods(
        [
            (
                "Deals",
                [
                    (1, [("string", "Title"), ("string", "Stage"), ("string", "Owner")]),
                    (2, [("string", "Same", {"numbercolumnsrepeated": 3})]),
                    (1, [("empty", None, {"numbercolumnsrepeated": 1000})]),
                    (
                        1,
                        [
                            ("float", "1500000.5"),
                            ("date", "2024-03-01T10:30:00"),
                            ("date", "2024-03-02"),
                            ("empty", None, {"numbercolumnsrepeated": 16000}),
                        ],
                    ),
                    (1_048_000, [("empty", None, {"numbercolumnsrepeated": 1024})]),
                ],
            ),
            ("Other", [(1, [("string", "ignored")])]),
        ]
    )
    table, rows = read(data, filename="deals.ods")
    assert table.info["format"] == "ods"
    assert table.info["sheet"] == "Deals"
    assert table.headers == ["Title", "Stage", "Owner"]
    assert rows == [
        (2, ["Same", "Same", "Same"]),
        (3, ["Same", "Same", "Same"]),
        (
            5,
            [
                Decimal("1500000.5"),
                datetime.datetime(2024, 3, 1, 10, 30),
                datetime.date(2024, 3, 2),
            ],
        ),
    ]


def test_ods_repeated_row_bomb_stops_at_the_row_cap(settings):
    settings.LEADS_IMPORT_MAX_ROWS = 100
    data = ods([("S", [(1, [("string", "Name")]), (10**9, [("string", "x")])])])
    table = open_table(data, filename="a.ods")
    started = time.monotonic()
    with pytest.raises(ReadError) as error:
        list(table.rows())
    assert error.value.code == "too_many_rows"
    assert time.monotonic() - started < 2


def test_ods_merged_header_is_named_in_a_warning():
    data = ods(
        [
            (
                "S",
                [
                    (
                        1,
                        [
                            ("string", "Name"),
                            ("string", "Contact", {"numbercolumnsspanned": 2}),
                            ("covered", None),
                        ],
                    ),
                    (1, [("string", "Ann"), ("string", "a@example.com"), ("string", "+7900")]),
                ],
            )
        ]
    )
    table, rows = read(data, filename="a.ods")
    assert table.headers == ["Name", "Contact", "Column C"]
    assert "Columns B–C share one merged header «Contact»" in table.warnings[0]
    assert rows == [(2, ["Ann", "a@example.com", "+7900"])]


def test_ods_other_sheets_are_named_and_huge_space_runs_are_capped():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P, S

    document = OpenDocumentSpreadsheet()
    for name in ("Deals", "Notes"):
        table, header, row = Table(name=name), TableRow(), TableRow()
        cell = TableCell(valuetype="string")
        cell.addElement(P(text="Name"))
        header.addElement(cell)
        cell, paragraph = TableCell(valuetype="string"), P(text="a")
        paragraph.addElement(S(c=2_000_000_000))
        paragraph.addText("b")
        cell.addElement(paragraph)
        row.addElement(cell)
        table.addElement(header)
        table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    table, rows = read(buffer.getvalue(), filename="a.ods")
    assert "only «Deals» is read" in table.warnings[0]
    assert rows == [(2, ["a" + " " * 100 + "b"])]


def test_ods_unpacking_past_its_lower_cap_is_refused(settings):
    settings.LEADS_IMPORT_MAX_ODS_UNPACKED_BYTES = 20_000
    data = ods([("S", [(1, [("string", "Name")])] + [(1, [("string", "x" * 100)])] * 300)])
    with pytest.raises(ReadError) as error:
        read(data, filename="a.ods")
    assert error.value.code == "too_large"
    assert "save it as XLSX or CSV" in error.value.messages[0]


# Bitrix24's "Excel" export: an HTML table


def test_bitrix_html_xls_is_read_as_a_table():
    html = (
        '<meta http-equiv="Content-type" content="text/html;charset=utf-8" />\n'
        "<table border='1'><tr><th>ID</th><th>Название сделки</th><th>Сумма</th></tr>\n"
        "<tr><td>17</td><td>Сайт &amp; SEO<br>второй этап</td><td>150 000</td></tr>\n"
        "<tr><td></td><td></td><td></td></tr>\n"
        "<tr><td>18</td><td>Аудит</td></tr></table><p>footer</p>"
    )
    for encoding in ("utf-8", "cp1251"):
        table, rows = read(html.encode(encoding), filename="deals.xls")
        assert table.info["format"] == "html"
        assert table.headers == ["ID", "Название сделки", "Сумма"]
        assert rows == [
            (2, ["17", "Сайт & SEO\nвторой этап", "150 000"]),
            (4, ["18", "Аудит", None]),
        ]


def test_html_without_a_table_is_refused():
    with pytest.raises(ReadError) as error:
        read(b"<html><body>Login required</body></html>", filename="deals.xls")
    assert error.value.code == "unsupported"


# Hostile input: only ReadError, never anything else


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 10_000,
        bytes(range(256)) * 40,
        b"PK\x05\x06" + b"\x00" * 18,
        b"%PDF-1.7\n" + bytes(range(128, 256)) * 100,
        b"<" * 5000,
        b"<table><tr><td colspan='99999999'>x</td></tr></table>",
        b'a,"unterminated\n1,2\n',
        "\ud800".encode("utf-8", "surrogatepass") + b",x\n",
        b"\xff\xfe" + b"\x00\xd8" * 10,
    ],
)
def test_hostile_bytes_give_a_table_or_a_read_error(data):
    try:
        table = open_table(data, filename="x.csv")
        rows = list(table.rows())
    except ReadError as error:
        assert error.messages[0]
        return
    for _number, cells in rows:
        assert len(cells) == len(table.headers)
        for cell in cells:
            assert cell is None or "\x00" not in str(cell)
