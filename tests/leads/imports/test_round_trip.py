"""Export → import reproduces the records (issue 14's round trip): a manager exports deals,
contacts and companies as XLSX and CSV from the listings, the records are deleted (users,
pipelines, stages, lost reasons, custom fields and services stay), and importing the file with
the ``vitrina`` preset gives back the same records field by field; importing it again changes
nothing. The deals export runs a fixed number of queries whatever the number of deals."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from catalog.factories import ServicePageFactory
from leads.choices import CustomFieldType, StageKind
from leads.models import Company, Contact, CustomField, Deal, LostReason, Pipeline, StageChange
from leads.refs import install_id, own_ref
from leads.services import imports
from tests.leads.imports.jobs import counts, run

MOSCOW = datetime.timezone(datetime.timedelta(hours=3))


def _moment(day, hour, minute=0, second=0):
    return datetime.datetime(2024, 3, day, hour, minute, second, 123456, tzinfo=MOSCOW)


@pytest.fixture
def crm(site_tree, sales_users, manager):
    olga, pavel = sales_users
    pipeline = Pipeline.objects.get(is_default=True)
    stages = list(pipeline.stages.order_by("sort_order", "pk"))
    opened = [stage for stage in stages if stage.kind == StageKind.OPEN]
    won = next(stage for stage in stages if stage.kind == StageKind.WON)
    lost = next(stage for stage in stages if stage.kind == StageKind.LOST)
    for key, name, kind, choices in (
        ("brief", "Brief", CustomFieldType.TEXT, ""),
        ("budget_approved", "Budget approved", CustomFieldType.BOOLEAN, ""),
        ("seats", "Seats", CustomFieldType.NUMBER, ""),
        ("launch", "Launch", CustomFieldType.DATE, ""),
        ("tier", "Tier", CustomFieldType.CHOICE, "Gold\nSilver"),
    ):
        CustomField.objects.create(
            pipeline=pipeline, key=key, name=name, field_type=kind, choices=choices
        )
    reason = LostReason.objects.create(name="Went with a competitor")
    audit = ServicePageFactory(parent=site_tree.services, title="Audit")
    design = ServicePageFactory(parent=site_tree.services, title="Design")
    romashka = Company.objects.create(
        name="ООО Ромашка", tax_number="7707083893", website="https://romashka.example/"
    )
    anna = Contact.objects.create(
        name="Анна Петрова",
        email="anna@romashka.example",
        phone="+79161234567",
        position="CTO",
        company=romashka,
    )
    ivan = Contact.objects.create(name="Ivan Solo", email="ivan@solo.example")
    deals = [
        Deal.objects.create(
            title="Open with UTM",
            contact=anna,
            company=romashka,
            pipeline=pipeline,
            stage=opened[1],
            owner=olga,
            amount=Decimal("150000.50"),
            currency="RUB",
            probability=40,
            expected_close_date=datetime.date(2024, 6, 30),
            source="form",
            utm={
                "utm_source": "yandex",
                "utm_medium": "cpc",
                "utm_campaign": "spring",
                "utm_term": "сайт под ключ",
                "utm_content": "banner-2",
            },
            referrer="https://ya.ru/",
            custom_values={
                "brief": "Новый сайт",
                "budget_approved": True,
                "seats": "12.5",
                "launch": "2024-09-01",
                "tier": "Gold",
            },
            created_at=_moment(1, 10),
            stage_entered_at=_moment(5, 12, 30, 15),
        ),
        Deal.objects.create(
            title="Won",
            contact=anna,
            company=romashka,
            pipeline=pipeline,
            stage=won,
            status=StageKind.WON,
            owner=pavel,
            amount=Decimal("99000"),
            currency="USD",
            source="manual",
            custom_values={"budget_approved": False, "tier": "Silver"},
            created_at=_moment(2, 9),
            stage_entered_at=_moment(20, 18),
            closed_at=_moment(20, 18),
        ),
        Deal.objects.create(
            title="Lost",
            contact=ivan,
            pipeline=pipeline,
            stage=lost,
            status=StageKind.LOST,
            owner=None,
            lost_reason=reason,
            lost_comment="Cheaper elsewhere, they said",
            external_ref="amocrm:777",
            created_at=_moment(3, 8),
            stage_entered_at=_moment(10, 8),
            closed_at=_moment(10, 8),
        ),
    ]
    deals[0].services.set([audit, design])
    deals[1].services.set([design])
    StageChange.objects.create(deal=deals[0], to_stage=opened[0], changed_at=_moment(1, 10))
    StageChange.objects.create(
        deal=deals[0], from_stage=opened[0], to_stage=opened[1], changed_at=_moment(5, 12, 30, 15)
    )
    return deals


def _download(response) -> bytes:
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def _export(client, url_name, export_format) -> bytes:
    return _download(client.get(reverse(url_name), {"export": export_format}))


def _second(moment):
    return moment.replace(microsecond=0) if moment else None


def _deal_state(deal) -> dict:
    return {
        "pipeline": deal.pipeline.name,
        "stage": deal.stage.name,
        "status": deal.status,
        "amount": deal.amount,
        "currency": deal.currency,
        "owner": deal.owner.email if deal.owner else None,
        "contact": (
            deal.contact.name,
            deal.contact.email,
            deal.contact.phone,
            deal.contact.position,
        ),
        "company": (
            (deal.company.name, deal.company.tax_number, deal.company.website)
            if deal.company
            else None
        ),
        "created_at": _second(deal.created_at),
        "stage_entered_at": _second(deal.stage_entered_at),
        "closed_at": _second(deal.closed_at),
        "expected_close_date": deal.expected_close_date,
        "probability": deal.probability,
        "source": deal.source,
        "utm": {key: value for key, value in deal.utm.items() if value},
        "referrer": deal.referrer,
        "lost_reason": deal.lost_reason.name if deal.lost_reason else None,
        "lost_comment": deal.lost_comment,
        "services": sorted(page.title for page in deal.services.all()),
        "custom_values": deal.custom_values,
    }


def _deals() -> dict:
    return {deal.title: _deal_state(deal) for deal in Deal.objects.order_by("pk")}


def _forget_crm():
    """An empty CRM: the deals, their history, contacts and companies go; set-up stays."""
    Deal.objects.all().delete()
    Contact.objects.all().delete()
    Company.objects.all().delete()
    assert not StageChange.objects.exists()


def _import(content: bytes, name: str, kind: str, user, mode=""):
    job = imports.import_job_create(
        upload=SimpleUploadedFile(name, content), kind=kind, user=user, preset="vitrina"
    )
    if mode:
        job = imports.import_job_configure(
            job=job, mapping=job.mapping, options={"update_mode": mode}, user=user
        )
    job = imports.import_preview(job=job, user=user)
    assert job.status == "previewed", (job.error, job.preview)
    job = imports.import_start(job=job, user=user)
    assert job.status == "done", job.error
    return job


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_deals_export_imports_back_the_same_deals(client, crm, manager, export_format):
    client.force_login(manager)
    before = _deals()
    content = _export(client, "leads_deals:index", export_format)
    _forget_crm()

    job = _import(content, f"deals.{export_format}", "deals", manager)

    assert job.counts.get("created") == 3 and not job.counts.get("failed"), job.counts
    after = _deals()
    assert after.keys() == before.keys()
    for title, state in before.items():
        assert after[title] == state, title
    # a deal without an id of its own carries ours, and the old CRM's id survives
    refs = dict(Deal.objects.values_list("title", "external_ref"))
    assert refs["Lost"] == "amocrm:777" and refs["Won"].startswith(f"vitrina-{install_id()}:")
    # the history analytics read: created in the first stage, then the current stage
    moved = Deal.objects.get(title="Open with UTM")
    steps = list(
        moved.stage_changes.order_by("changed_at").values_list("to_stage__name", flat=True)
    )
    assert steps[-1] == moved.stage.name and len(steps) == 2

    again = _import(content, f"deals.{export_format}", "deals", manager)
    assert again.counts.get("created", 0) == 0 and again.counts.get("updated", 0) == 0
    assert _deals() == after and Deal.objects.count() == 3


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_text_that_looks_like_a_formula_imports_back_as_it_was(client, crm, manager, export_format):
    """The CSV export puts an apostrophe before text a spreadsheet would run as a formula
    (``core.spreadsheets``); the import takes it off: a phone "+7 912 345-67-89", a title
    "-5% discount" and a name "=HYPERLINK(…)" read back identical."""
    from leads.forms import normalise_phone

    template = crm[0]
    company = Company.objects.create(name="@Home")
    contact = Contact.objects.create(
        name='=HYPERLINK("http://evil","x")',
        email="evil@example.com",
        phone=normalise_phone("+7 912 345-67-89"),
        position="+cmd|' /C calc'!A0",
        company=company,
    )
    Deal.objects.create(
        title="-5% discount",
        contact=contact,
        company=company,
        pipeline=template.pipeline,
        stage=template.stage,
        amount=Decimal("5"),
        custom_values={"brief": "-1+1"},
        created_at=_moment(4, 9),
        stage_entered_at=_moment(4, 9),
    )
    client.force_login(manager)
    before = _deals()
    content = _export(client, "leads_deals:index", export_format)
    if export_format == "csv":
        assert b"'-5% discount" in content and b"'+79123456789" in content
    _forget_crm()

    job = _import(content, f"deals.{export_format}", "deals", manager)

    assert job.counts.get("created") == 4 and not job.counts.get("failed"), job.counts
    after = _deals()
    for title, state in before.items():
        assert after[title] == state, title
    assert Contact.objects.get(email="evil@example.com").phone == "+79123456789"


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_contacts_and_companies_exports_import_back(client, crm, manager, export_format):
    Company.objects.create(name="Lonely LLC", phone="+74951234567", website="https://lonely.ru/")
    client.force_login(manager)

    def contacts():
        return {
            c.email: (c.name, c.phone, c.position, c.company.name if c.company else None)
            for c in Contact.objects.select_related("company")
        }

    def companies():
        return {c.name: (c.tax_number, c.website, c.phone) for c in Company.objects.all()}

    contacts_before, companies_before = contacts(), companies()
    contacts_file = _export(client, "leads_contacts:index", export_format)
    companies_file = _export(client, "leads_companies:index", export_format)
    _forget_crm()

    _import(companies_file, f"companies.{export_format}", "companies", manager)
    _import(contacts_file, f"contacts.{export_format}", "contacts", manager)

    assert companies() == companies_before
    assert contacts() == contacts_before
    again = _import(contacts_file, f"contacts.{export_format}", "contacts", manager)
    assert again.counts.get("created", 0) == 0 and again.counts.get("updated", 0) == 0


def test_export_headings_follow_the_language_and_map_back(client, crm, manager):
    """A Russian manager's export maps back column for column, custom fields included."""
    from wagtail.users.models import UserProfile

    from openpyxl import load_workbook

    from leads.imports.targets import guess_mapping

    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(manager)
    sheet = load_workbook(io.BytesIO(_export(client, "leads_deals:index", "xlsx"))).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    mapping = guess_mapping(headers, "deals", preset="vitrina")
    mapped = set(mapping.values())
    for key in ("deal.owner", "deal.stage_entered_at", "deal.lost_reason", "deal.utm_term"):
        assert key in mapped
    assert {"custom.brief", "custom.budget_approved", "custom.seats", "custom.launch"} <= mapped
    assert len(mapped) == len(mapping)  # no field taken twice


def test_only_managers_export_contacts_and_companies(client, crm, sales_users):
    client.force_login(sales_users[0])
    for url_name in ("leads_contacts:index", "leads_companies:index"):
        assert client.get(reverse(url_name)).status_code == 200
        refused = client.get(reverse(url_name), {"export": "csv"})
        assert refused.status_code in (302, 403) and "csv" not in refused.get("Content-Type", "")


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_deals_export_queries_do_not_grow_with_deals(client, crm, manager, export_format):
    client.force_login(manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _export(client, "leads_deals:index", export_format)
        return len(captured)

    def add(count):
        template = crm[0]
        for n in range(count):
            deal = Deal.objects.create(
                title=f"More {n}",
                contact=template.contact,
                company=template.company,
                pipeline=template.pipeline,
                stage=template.stage,
                owner=template.owner,
                created_at=timezone.now(),
            )
            deal.services.set(template.services.all())

    add(2)  # 5 deals
    queries()  # the first request of a session also reads its profile and site once
    five = queries()
    add(45)  # 50 deals
    assert queries() == five


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
        _export(client, "leads_deals:index", "csv"), "Open with UTM", {"Amount": "175000"}
    )
    contacts_file = _edit_csv(
        _export(client, "leads_contacts:index", "csv"), anna.name, {"Position": "CEO"}
    )
    assert own_ref(crm[0].pk) in deals_file.decode()
    before = _snapshot()

    job = _import(deals_file, "deals.csv", "deals", manager, mode="overwrite")
    assert job.counts.get("created", 0) == 0 and job.counts.get("updated") == 1, job.counts
    job = _import(contacts_file, "contacts.csv", "contacts", manager, mode="overwrite")
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
    again = _import(contacts_file, "contacts.csv", "contacts", manager, mode="overwrite")
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
    content = _export(client, "leads_deals:index", "csv")
    content = content.replace(f"vitrina-{ours}:".encode(), f"vitrina-{theirs}:".encode())
    content = _edit_csv(content, "Open with UTM", {"Amount": "1"})
    before = _snapshot()

    job = _import(content, "theirs.csv", "deals", manager, mode="overwrite")

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
    again = _import(content, "theirs.csv", "deals", manager, mode="overwrite")
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
