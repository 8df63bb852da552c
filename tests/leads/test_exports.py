"""Spreadsheets and set-up lists a salesperson can read: deals and proposals exported with people
by full name, both visits' UTM medium, a BOM so Excel reads Cyrillic; yes/no as ticks."""

import csv
import io
import re

from django.urls import reverse

import pytest

from leads.models import Deal, LostReason, Pipeline
from leads.services import lead_capture
from proposals import services as proposal_services

BOM = "\ufeff"


@pytest.fixture
def deal(portfolio, sales_users, valid_data):
    olga = sales_users[0]
    olga.first_name, olga.last_name = "Ольга", "Смирнова"
    olga.save()
    deal = lead_capture(data=valid_data, source_page=portfolio.services[0], notify=False)
    Deal.objects.filter(pk=deal.pk).update(
        owner=olga,
        first_touch={"landing": "/", "utm": {"utm_source": "yandex", "utm_medium": "cpc"}},
    )
    return Deal.objects.get(pk=deal.pk)


def _csv(response) -> tuple[str, list[dict]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))


def test_deals_export_names_the_owner_and_opens_in_excel(client, deal, manager):
    client.force_login(manager)
    text, rows = _csv(client.get(reverse("leads_deals:index"), {"export": "csv"}))
    assert text.startswith(BOM + "Title,")  # Excel reads the file as UTF-8
    [row] = rows
    assert row["Owner"] == "Ольга Смирнова"  # not "olga"
    assert row["First visit: UTM source"] == "yandex"
    assert row["First visit: UTM medium"] == "cpc"
    assert row["Status"] == "Open"  # the label, not the code "open"


def test_proposals_export_has_its_columns(client, deal, manager):
    draft = proposal_services.proposal_create_from_deal(deal=deal, user=deal.owner)
    proposal_services.proposal_send(proposal=draft, user=deal.owner)
    client.force_login(manager)
    text, rows = _csv(client.get(reverse("proposals_admin:index"), {"export": "csv"}))
    assert text.startswith(BOM + "Number,Version,Title,Status,Total,Currency,Sent,Created by")
    [row] = rows
    assert row["Number"] == draft.number and row["Version"] == "1"
    assert row["Title"] == "Proposal for Retail Co" and row["Status"] == "Sent"
    assert row["Total"] == str(draft.total) and row["Currency"] == "RUB"  # raw numbers
    assert row["Sent"] and row["Created by"] == "Ольга Смирнова"


def test_only_managers_export_proposals(client, deal):
    proposal_services.proposal_create_from_deal(deal=deal, user=deal.owner)
    client.force_login(deal.owner)
    listing = client.get(reverse("proposals_admin:index"))
    assert listing.status_code == 200 and "export=csv" not in listing.content.decode()
    refused = client.get(reverse("proposals_admin:index"), {"export": "csv"})
    assert refused.status_code in (302, 403) and "csv" not in refused["Content-Type"]


@pytest.mark.parametrize(
    ("url", "model"),
    [("leads_lost_reasons:index", LostReason), ("leads_pipelines:index", Pipeline)],
)
def test_yes_no_columns_show_ticks_not_true_false(admin_client, url, model):
    assert model.objects.exists()
    html = admin_client.get(reverse(url)).content.decode()
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
    assert cells and not [cell for cell in cells if cell.strip() in ("True", "False")]
    assert "#icon-check" in html or "#icon-cross" in html


def test_csv_export_speaks_the_managers_admin_language(client, deal, manager):
    """The rows stream after the view returned; they stay in the manager's language."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "ru"
    profile.save()
    draft = proposal_services.proposal_create_from_deal(deal=deal, user=deal.owner)
    proposal_services.proposal_send(proposal=draft, user=deal.owner)
    client.force_login(manager)
    text, rows = _csv(client.get(reverse("proposals_admin:index"), {"export": "csv"}))
    assert not text.removeprefix(BOM).startswith("Number,")  # Russian headings
    [row] = rows
    assert "Отправлено" in row.values()  # the status label, in Russian
