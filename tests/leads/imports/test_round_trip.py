"""Export → import reproduces the records (issue 14's round trip): a manager exports deals,
contacts and companies as XLSX and CSV from the listings, the records are deleted (users,
pipelines, stages, lost reasons, custom fields and services stay), and importing the file with
the ``vitrina`` preset gives back the same records field by field; importing it again changes
nothing. The deals export runs a fixed number of queries whatever the number of deals."""

import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from leads.models import Company, Contact, Deal
from leads.refs import install_id
from tests.leads.imports.roundtrip import (
    deal_states,
    export_file,
    forget_crm,
    import_file,
    moment,
)
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_deals_export_imports_back_the_same_deals(client, crm, manager, export_format):
    client.force_login(manager)
    before = deal_states()
    content = export_file(client, "leads_deals:index", export_format)
    forget_crm()

    job = import_file(content, f"deals.{export_format}", "deals", manager)

    assert job.counts.get("created") == 3 and not job.counts.get("failed"), job.counts
    after = deal_states()
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

    again = import_file(content, f"deals.{export_format}", "deals", manager)
    assert again.counts.get("created", 0) == 0 and again.counts.get("updated", 0) == 0
    assert deal_states() == after and Deal.objects.count() == 3


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
        created_at=moment(4, 9),
        stage_entered_at=moment(4, 9),
    )
    client.force_login(manager)
    before = deal_states()
    content = export_file(client, "leads_deals:index", export_format)
    if export_format == "csv":
        assert b"'-5% discount" in content and b"'+79123456789" in content
    forget_crm()

    job = import_file(content, f"deals.{export_format}", "deals", manager)

    assert job.counts.get("created") == 4 and not job.counts.get("failed"), job.counts
    after = deal_states()
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
    contacts_file = export_file(client, "leads_contacts:index", export_format)
    companies_file = export_file(client, "leads_companies:index", export_format)
    forget_crm()

    import_file(companies_file, f"companies.{export_format}", "companies", manager)
    import_file(contacts_file, f"contacts.{export_format}", "contacts", manager)

    assert companies() == companies_before
    assert contacts() == contacts_before
    again = import_file(contacts_file, f"contacts.{export_format}", "contacts", manager)
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
    sheet = load_workbook(io.BytesIO(export_file(client, "leads_deals:index", "xlsx"))).active
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
            export_file(client, "leads_deals:index", export_format)
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
