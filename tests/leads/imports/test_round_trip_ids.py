"""An exported file edited in a spreadsheet and imported back updates the same records (our
ids, ``vitrina-<install>:<pk>``); another installation's file, a forged or an old id creates
records instead; matching by our ids runs a fixed number of queries."""

import csv
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from leads.models import Company, Contact, Deal
from leads.refs import install_id, own_ref
from tests.leads.imports.jobs import counts, run
from tests.leads.imports.roundtrip import export_file, import_file
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

# --- export → edit in a spreadsheet → import back into the same installation -------------------


def _edit_csv(content: bytes, key: str, changes: dict[str, str]) -> bytes:
    """The exported CSV with the cells of the row whose first column is ``key`` changed."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header = rows[0]
    row = next(row for row in rows[1:] if row[0] == key)
    for heading, value in changes.items():
        row[header.index(heading)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _snapshot() -> tuple:
    return (
        sorted(Deal.objects.values_list("pk", "title", "amount", "external_ref")),
        sorted(Contact.objects.values_list("pk", "email", "position", "external_ref")),
        sorted(Company.objects.values_list("pk", "name", "external_ref")),
    )


def test_an_edited_export_imported_back_updates_the_same_records(client, crm, manager):
    client.force_login(manager)
    anna = Contact.objects.get(email="anna@romashka.example")
    deals_file = _edit_csv(
        export_file(client, "leads_deals:index", "csv"), "Open with UTM", {"Amount": "175000"}
    )
    contacts_file = _edit_csv(
        export_file(client, "leads_contacts:index", "csv"), anna.name, {"Position": "CEO"}
    )
    assert own_ref(crm[0].pk) in deals_file.decode()
    before = _snapshot()

    job = import_file(deals_file, "deals.csv", "deals", manager, mode="overwrite")
    assert job.counts.get("created", 0) == 0 and job.counts.get("updated") == 1, job.counts
    job = import_file(contacts_file, "contacts.csv", "contacts", manager, mode="overwrite")
    assert job.counts.get("created", 0) == 0 and job.counts.get("updated") == 1, job.counts

    deals, contacts, companies = _snapshot()
    assert [pk for pk, *_rest in deals] == [pk for pk, *_rest in before[0]]
    assert [pk for pk, *_rest in contacts] == [pk for pk, *_rest in before[1]]
    assert companies == before[2]
    crm[0].refresh_from_db()
    anna.refresh_from_db()
    assert crm[0].amount == Decimal("175000") and anna.position == "CEO"
    # our id named the record: it is not copied into the record as an external id
    assert crm[0].external_ref == "" and anna.external_ref == ""
    assert Deal.objects.get(pk=crm[2].pk).external_ref == "amocrm:777"
    # the same file again changes nothing
    again = import_file(contacts_file, "contacts.csv", "contacts", manager, mode="overwrite")
    assert counts(again)["created"] == counts(again)["updated"] == 0
    assert _snapshot() == (deals, contacts, companies)


def test_another_installations_export_creates_records(client, crm, manager, settings):
    """Its ``vitrina-…:<pk>`` ids name records of another database: a pk that happens to exist
    here is not touched, the new record keeps the id, and a second import finds it."""
    ours, key = install_id(), settings.SECRET_KEY
    settings.SECRET_KEY = "another installation's secret key, at least fifty characters long"
    theirs = install_id()  # what that installation's export writes
    assert theirs != ours and len(theirs) == 10 and theirs not in settings.SECRET_KEY
    settings.SECRET_KEY = key
    assert install_id() == ours
    client.force_login(manager)
    content = export_file(client, "leads_deals:index", "csv")
    content = content.replace(f"vitrina-{ours}:".encode(), f"vitrina-{theirs}:".encode())
    content = _edit_csv(content, "Open with UTM", {"Amount": "1"})
    before = _snapshot()

    job = import_file(content, "theirs.csv", "deals", manager, mode="overwrite")

    assert job.counts.get("created") == 2, job.counts  # "Lost" carries amocrm:777: found
    crm[0].refresh_from_db()
    assert crm[0].amount == Decimal("150000.50")
    refs = set(
        Deal.objects.exclude(pk__in=[deal.pk for deal in crm]).values_list(
            "external_ref", flat=True
        )
    )
    assert refs == {f"vitrina-{theirs}:{crm[0].pk}", f"vitrina-{theirs}:{crm[1].pk}"}
    assert before[0] == sorted(
        Deal.objects.filter(pk__in=[d.pk for d in crm]).values_list(
            "pk", "title", "amount", "external_ref"
        )
    )
    again = import_file(content, "theirs.csv", "deals", manager, mode="overwrite")
    assert counts(again)["created"] == 0 and Deal.objects.count() == 5


@pytest.mark.parametrize(
    "ref",
    [
        "own:999999",  # our prefix, a pk that does not exist
        "own:0",
        "own:99999999999999999999",  # beyond any pk
        "own:9223372036854775807",  # the largest pk: no such record
        "old:1",  # the old format ``vitrina:<pk>``: someone else's id, as before
    ],
)
def test_a_forged_or_old_id_creates_a_record(crm, manager, ref):
    """Choice: an id of ours whose record is gone (deleted since the export, or forged) makes a
    new record that keeps the id, as an external id does: the export → delete → import round
    trip gives the records back, and importing the file again finds them."""
    kind, number = ref.split(":")
    ref = f"vitrina-{install_id()}:{number}" if kind == "own" else f"vitrina:{crm[0].pk}"
    rows = [["Title", "Amount", "Deal id", "Name"], ["Forged", "5", ref, "Forger"]]

    job = run(rows, user=manager, options={"update_mode": "overwrite"})

    assert job.status == "done" and counts(job)["created"] == 1, (job.error, job.counts)
    assert Deal.objects.get(title="Forged").external_ref == ref
    crm[0].refresh_from_db()
    assert crm[0].amount == Decimal("150000.50") and crm[0].title == "Open with UTM"
    again = run(rows, user=manager, options={"update_mode": "overwrite"})
    assert counts(again)["created"] == 0 and Deal.objects.filter(title="Forged").count() == 1


def test_matching_by_our_ids_queries_do_not_grow_with_the_rows(crm, manager):
    """Rows naming their records by our id are found with one query a kind per chunk."""
    from leads.imports import pipeline
    from tests.leads.imports.jobs import make_job

    template = crm[0]
    deals = [
        Deal.objects.create(
            title=f"More {n}",
            contact=template.contact,
            pipeline=template.pipeline,
            stage=template.stage,
        )
        for n in range(40)
    ]

    def queries(n: int) -> int:
        rows = [["Title", "Amount", "Deal id"]]
        rows += [[deal.title, str(n), own_ref(deal.pk)] for deal in deals[:n]]
        job = make_job(rows, user=manager, options={"update_mode": "overwrite"})
        with CaptureQueriesContext(connection) as captured:
            pipeline.run(job, dry_run=False)
        job.refresh_from_db()
        assert job.counts.get("updated") == n and not job.counts.get("created"), job.counts
        return len(captured)

    assert queries(40) <= queries(4) + 2
    assert Deal.objects.count() == 43
