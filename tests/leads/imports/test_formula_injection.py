"""Text that would run as a formula in Excel stays text in every spreadsheet we hand out: the
failed-rows file of an import (its cells come from whoever wrote the uploaded file) and the
deals, contacts and companies exports (titles and names typed by people and visitors). CSV
cells get OWASP's leading apostrophe, XLSX cells are text cells; the import drops the
apostrophe, so a fixed failed-rows file or an export reads back as it was."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest
from openpyxl import Workbook, load_workbook

from core.spreadsheets import spreadsheet_safe, spreadsheet_text, xlsx_text_cell
from leads.imports import pipeline
from leads.models import Company, Contact, Deal, ImportJob, Pipeline
from tests.leads.imports.jobs import DEAL_HEADERS, make_job

PAYLOADS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd",
    "\t=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(email="not an email"):
    rows = [["Title", "Name", "Email", '=HYPERLINK("http://evil","header")']]
    rows += [[title, f"Person {n}", email, ""] for n, title in enumerate(PAYLOADS)]
    return rows


def _download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_job(rows, user):
    """An XLSX upload whose cells are text (as Excel saves a cell typed with an apostrophe)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append([xlsx_text_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    headers = [str(cell) for cell in rows[0]]
    job = ImportJob(kind="deals", filename="crm.xlsx", created_by=user, headers=headers)
    job.mapping = {str(i): DEAL_HEADERS[h] for i, h in enumerate(headers) if h in DEAL_HEADERS}
    job.options = {"update_mode": "fill_empty"}
    job.file.save("crm.xlsx", ContentFile(out.getvalue()), save=False)
    job.save()
    return job


def _failed_rows(client, job) -> bytes:
    pipeline.run(job, dry_run=False)
    job.refresh_from_db()
    assert job.status == "done" and job.counts["failed"] == len(PAYLOADS), job.counts
    return _download(client.get(reverse("leads_import:failed_rows", args=[job.pk])))


def test_failed_rows_csv_keeps_formulas_as_text(client, manager):
    client.force_login(manager)
    rows = _failed_rows(client, make_job(_rows(), user=manager))

    cells = _csv_cells(rows)
    # cells are read without their surrounding whitespace: "\t=1+1" comes back as "=1+1"
    assert [row[0] for row in cells[1:]] == ["'" + payload.strip() for payload in PAYLOADS]
    assert cells[0][3] == "'" + _rows()[0][3]  # the file's own header too
    for row in cells:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_a_fixed_failed_rows_csv_imports_the_titles_as_they_were(client, manager):
    client.force_login(manager)
    content = _failed_rows(client, make_job(_rows(), user=manager))
    cells = _csv_cells(content)
    for n, row in enumerate(cells[1:]):
        row[2] = f"person{n}@example.com"
    fixed = make_job([row[:3] for row in cells], user=manager)

    pipeline.run(fixed, dry_run=False)

    fixed.refresh_from_db()
    assert fixed.counts["created"] == len(PAYLOADS), fixed.counts
    titles = set(Deal.objects.values_list("title", flat=True))
    # the tab before "=1+1" goes as every title's surrounding whitespace does
    assert titles == {payload.strip() for payload in PAYLOADS}


def test_failed_rows_xlsx_has_no_formula_cells(client, manager):
    client.force_login(manager)
    content = _failed_rows(client, _xlsx_job(_rows(), manager))

    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    assert all(cell.data_type != "f" for row in rows for cell in row)
    # text cells need no apostrophe
    assert [row[0].value for row in rows[1:]] == [payload.strip() for payload in PAYLOADS]
    assert rows[0][3].value == _rows()[0][3]


@pytest.fixture
def hostile_crm(db, manager):
    pipeline_ = Pipeline.objects.get(is_default=True)
    stage = pipeline_.stages.order_by("sort_order", "pk").first()
    for n, payload in enumerate(PAYLOADS):
        company = Company.objects.create(name=payload)
        contact = Contact.objects.create(
            name=payload, email=f"p{n}@example.com", company=company, position=payload
        )
        Deal.objects.create(
            title=payload,
            contact=contact,
            company=company,
            pipeline=pipeline_,
            stage=stage,
            amount=Decimal("-5"),
            created_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC),
        )


EXPORTS = [
    ("leads_deals:index", "Title"),
    ("leads_contacts:index", "Name"),
    ("leads_companies:index", "Company"),
]


@pytest.mark.parametrize(("url_name", "heading"), EXPORTS)
def test_csv_exports_keep_formulas_as_text(client, manager, hostile_crm, url_name, heading):
    client.force_login(manager)
    cells = _csv_cells(_download(client.get(reverse(url_name), {"export": "csv"})))

    column = cells[0].index(heading)
    assert sorted(row[column] for row in cells[1:]) == sorted("'" + p for p in PAYLOADS)
    for row in cells:
        for cell in row:
            # a number exported as a number is not text: the deals' amount of -5 stays -5
            assert not cell.startswith(FORMULA_STARTS) or cell == "-5.00", cell
    if url_name == "leads_deals:index":
        assert {row[cells[0].index("Amount")] for row in cells[1:]} == {"-5.00"}


@pytest.mark.parametrize(("url_name", "heading"), EXPORTS)
def test_xlsx_exports_have_no_formula_cells(client, manager, hostile_crm, url_name, heading):
    client.force_login(manager)
    content = _download_file(client.get(reverse(url_name), {"export": "xlsx"}))

    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows())
    assert all(cell.data_type != "f" for row in rows for cell in row)
    column = [cell.value for cell in rows[0]].index(heading)
    assert sorted(row[column].value for row in rows[1:]) == sorted(PAYLOADS)


def _download_file(response) -> bytes:
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    "text",
    [*PAYLOADS, "+7 912 345-67-89", "-5% discount", "'=already quoted", "''+two", " =1", "'", ""],
)
def test_the_import_reads_back_exactly_what_was_escaped(text):
    assert spreadsheet_text(spreadsheet_safe(text)) == text


@pytest.mark.parametrize("value", [Decimal("-5"), -5, -0.5, None, "plain", "'quoted", "a=b"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert spreadsheet_safe(value) == value
    assert spreadsheet_text(value) == value
