"""The import run end to end on a small CSV: what a manager sees in the preview and after."""

from decimal import Decimal

import pytest

from leads.choices import ActivityKind, DealStatus
from leads.models import Activity, Company, Contact, Deal, ImportRecord, StageChange
from tests.leads.imports.jobs import counts, run

pytestmark = pytest.mark.django_db

HEAD = ["Title", "Amount", "Stage", "Created", "Name", "Email", "Phone", "Company", "Note"]


def rows():
    return [
        HEAD,
        [
            "Shop",
            "1 500 000,50",
            "",
            "01.02.2024",
            "Anna",
            "Anna@Example.com",
            "+7 916 123-45-67",
            "ООО «Ромашка»",
            "VIP",
        ],
        ["Site", "200", "", "02.02.2024", "Boris", "boris@example.com", "", "Ромашка", ""],
        ["Bad", "lots", "", "", "Vera", "vera@example.com", "8 (800)", "", ""],
    ]


def test_dry_run_writes_nothing_and_previews_every_row():
    job = run(rows(), dry_run=True)
    assert job.status == "previewed"
    assert counts(job) == {"created": 2, "updated": 0, "skipped": 0, "failed": 1}
    assert [r["outcome"] for r in job.preview["rows"]] == ["created", "created", "failed"]
    assert any("row 4" in error and "lots" in error for error in job.preview["errors"])
    assert not Deal.objects.exists() and not Contact.objects.exists()


def test_run_creates_deals_with_history_timeline_and_records():
    job = run(rows())
    assert job.status == "done", job.error
    assert counts(job) == {"created": 2, "updated": 0, "skipped": 0, "failed": 1}
    shop = Deal.objects.get(title="Shop")
    assert shop.amount == Decimal("1500000.50")
    assert shop.created_at.date().isoformat() == "2024-02-01"
    assert shop.contact.email == "anna@example.com" and shop.contact.phone == "+79161234567"
    assert shop.status == DealStatus.OPEN
    # one company for «Ромашка» and "Ромашка": the normalised name matches
    assert Company.objects.count() == 1
    assert Deal.objects.get(title="Site").company_id == shop.company_id
    change = StageChange.objects.get(deal=shop)
    assert change.from_stage is None and change.to_stage_id == shop.stage_id
    assert change.changed_at == shop.created_at and change.changed_by is None
    entry = Activity.objects.get(deal=shop, kind=ActivityKind.IMPORTED)
    assert "crm.csv" in entry.text and "VIP" in entry.text
    assert entry.data == {"import_job": job.pk, "row": 2}
    assert ImportRecord.objects.filter(job=job, model="deal", action="created").count() == 2
    assert job.failed_rows_file
    text = job.failed_rows_file.open("rb").read().decode("utf-8-sig")
    assert "Vera" in text and "lots" in text and "Shop" not in text


def _queries(n: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from leads.imports import pipeline
    from tests.leads.imports.jobs import make_job

    job = make_job(
        [["Title", "Name", "Email", "Company"]]
        + [[f"Deal {i}", f"Person {i}", f"p{n}-{i}@example.com", f"Firm {n}-{i}"] for i in range(n)]
    )
    with CaptureQueriesContext(connection) as captured:
        pipeline.run(job, dry_run=False)
    job.refresh_from_db()
    assert job.counts["created"] == n
    return len(captured)


def test_queries_do_not_grow_with_the_rows_of_a_chunk():
    # per chunk of 500 rows: a fixed number of queries; only SQLite's split of a bulk insert
    # (999 variables a statement: about 30 deals) adds one
    assert _queries(40) <= _queries(4) + 2
