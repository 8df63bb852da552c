"""The Analytics screens: who may open them, what they show, the export."""

import csv
import io
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from tests.analytics.history import history_once  # noqa: F401 - the history, built once here
from tests.analytics.screens import FAKE_REPORTS, Q1, editor, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_reports(settings):
    settings.ANALYTICS_REPORTS = FAKE_REPORTS


def urls():
    report = reverse("analytics:report", args=["fake"])
    return [
        reverse("analytics:index"),
        reverse("analytics:index_results"),
        report,
        reverse("analytics:report_results", args=["fake"]),
        report + "?export=csv",
        report + "?export=xlsx&table=second",
    ]


def test_the_menu_lists_analytics_for_sales_only(client, history):
    client.force_login(history.users["olga"])
    assert reverse("analytics:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor())
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("analytics:index") not in response.content.decode()


@pytest.mark.parametrize("url", range(6))
def test_who_may_open_each_screen(client, history, url):
    url = urls()[url]
    exporting = "export=" in url
    client.force_login(editor())
    assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    client.force_login(history.users["olga"])
    assert client.get(url).status_code == (403 if exporting else 200)
    for user in (history.manager, superuser()):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_an_unknown_or_missing_report_is_not_found(client, history):
    client.force_login(history.manager)
    assert client.get(reverse("analytics:report", args=["missing"])).status_code == 404
    assert client.get(reverse("analytics:report", args=["nope"])).status_code == 404
    page = client.get(reverse("analytics:index")).content.decode()
    assert reverse("analytics:report", args=["fake"]) in page
    assert "missing" not in page


def test_the_screen_shows_definitions_cards_chart_beside_table(client, history):
    client.force_login(history.manager)
    response = client.get(reverse("analytics:report", args=["fake"]), Q1)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deals created in the period, per status." in page
    assert 'role="img"' in page and "<caption>By status</caption>" in page
    assert '<th scope="col"' in page and '<th scope="row">' in page
    # Q1: D1–D9 created in it (9); won D1 D2 D8 D9, lost D3 D4, open D5 D6 D7 — money per currency
    assert "Amount, RUB" in page and "Amount, USD" in page
    # won 4/9 = 44.4 %, open 3/9 = 33.3 %, lost 2/9 = 22.2 % (one decimal)
    assert "44.4%" in page and "33.3%" in page and "22.2%" in page
    assert page.count("data-cohort-link") == 4  # three statuses and the total


def test_a_sales_user_counts_only_their_own_deals(client, history):
    client.force_login(history.users["olga"])
    page = client.get(reverse("analytics:report", args=["fake"]), Q1).content.decode()
    # olga's Q1 deals: D1 D3 D5 D7 D9 → won D1 D9, lost D3, open D5 D7: 2/5 = 40 %
    assert "40%" in page and "20%" in page


def test_export_csv_of_the_first_table_with_headings(client, history):
    client.force_login(history.manager)
    url = reverse("analytics:report", args=["fake"])
    response = client.get(url, {**Q1, "export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Status", "Deals", "Amount, RUB", "Amount, USD", "Share", "Days"]
    # won in Q1: D1 1.0M + D2 0.5M + D9 0.7M ₽, D8 20k $
    assert rows[2][:2] == ["Won", "4"]
    assert [Decimal(v) for v in rows[2][2:4]] == [Decimal("2200000"), Decimal("20000")]
    assert rows[-1][:2] == ["Total", "9"]
    response = client.get(url, {**Q1, "export": "xlsx", "table": "second"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in next(sheet.iter_rows())] == ["Status"]
    assert client.get(url, {**Q1, "export": "csv", "table": "nope"}).status_code == 404


def test_text_a_spreadsheet_would_run_stays_text_in_the_export(client, history):
    client.force_login(history.manager)
    url = reverse("analytics:report", args=["fake"])
    response = client.get(url, {**Q1, "export": "csv", "table": "second"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[-1] == ["'=SUM(A1)"]
