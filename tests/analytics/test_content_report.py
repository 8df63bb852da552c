"""The content report against the hand-built history (tests/analytics/history.py).

Paths (pages read before asking): D1 case X, service A; D2 case X; D3 expert E, service A;
D8 case Y; D9 case X, case Y; the others none. First-touch landings: D1, D8, D11 /services/a/;
D2, D10, D12 /cases/x/; D3, D4, D9 /experts/e/; D5, D6, D7 none. No page has those landing
addresses: the ``moved`` fixture adds the redirects moving service A, case X and expert E would
have left (/services/a → service A, /cases/x → case X, /experts/e → expert E) and rebuilds the
table, so the landings resolve as moved pages do.

Q1 2026. Requests (created in Q1): D1, D2, D3, D4, D5, D6, D7, D8, D9 = 9.
Won in Q1: D1 1.0M ₽ (02-20), D2 0.5M ₽ (03-01), D8 20k $ (02-25), D9 0.7M ₽ (03-15),
D10 0.4M ₽ (01-25) = 5 (D12 was won in December).

Requests per page: case X D1, D2, D9 = 3; case Y D8, D9 = 2; service A D1, D3 = 2; expert E D3 = 1.
Won per page: case X D1, D2, D9 = 3; case Y D8, D9 = 2; service A D1 = 1; expert E 0.
Revenue split evenly over the distinct content pages of each path:
  D1 1.0M ₽ / 2 → case X 500k, service A 500k; D2 0.5M ₽ / 1 → case X 500k;
  D9 0.7M ₽ / 2 → case X 350k, case Y 350k; D8 20k $ / 1 → case Y 20k $.
  case X 500k + 500k + 350k = 1,350,000 ₽; case Y 350,000 ₽ and 20,000 $; service A 500,000 ₽.
First-touch landing (won in Q1, whole amount): service A D1 1.0M ₽ + D8 20k $ (2 deals);
  case X D2 0.5M + D10 0.4M = 900,000 ₽ (2); expert E D9 700,000 ₽ (1); case Y none.
Totals (deals that read any content page): requests D1, D2, D3, D8, D9 = 5; won D1, D2, D8, D9
  = 4, revenue 1.0M + 0.5M + 0.7M = 2,200,000 ₽ and 20,000 $ (the pages' split revenue adds up
  to it: 1,350,000 + 350,000 + 500,000); landed won D1, D2, D8, D9, D10 = 5, landing revenue
  1.0 + 0.5 + 0.7 + 0.4 = 2,600,000 ₽ and 20,000 $.
Notes: 4 of 9 requests without a path (D4, D5, D6, D7); 1 of 5 won deals (D10).
Rows sorted by won, then requests: case X (3, 3), case Y (2, 2), service A (1, 2), expert E (0, 1).
"""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.redirects.models import Redirect

import pytest

from analytics import page_views
from analytics.models import DealPageView
from analytics.reports import content
from leads.models import Contact, Deal
from leads.services import contact_erase
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here
from tests.builders import migration_executor

RUB, USD = "RUB", "USD"


@pytest.fixture
def moved(history):
    for old_path, page in (
        ("/services/a", history.pages["service_a"]),
        ("/cases/x", history.pages["case_x"]),
        ("/experts/e", history.pages["expert_e"]),
    ):
        Redirect.objects.create(old_path=old_path, redirect_page=page)
    page_views.rebuild()
    return history


def _rows(report) -> dict[str, dict]:
    return {row["page"]: row for row in report.tables[0].rows}


def _row(kind, requests, won, revenue, landed_won, landing_revenue) -> dict:
    return {
        "kind": kind,
        "requests": requests,
        "won": won,
        "revenue": revenue,
        "landed_won": landed_won,
        "landing_revenue": landing_revenue,
    }


def _figures(row) -> dict:
    return {name: row[name] for name in ("kind", *[c.name for c in content.COLUMNS[2:]])}


def test_every_figure(moved):
    report = content.build(moved.scope())
    table = report.tables[0]
    assert [row["page"] for row in table.rows] == ["Case X", "Case Y", "Service A", "Expert E"]
    rows = _rows(report)
    assert _figures(rows["Case X"]) == _row(
        "Case", 3, 3, {RUB: Decimal("1350000")}, 2, {RUB: Decimal("900000")}
    )
    assert _figures(rows["Case Y"]) == _row(
        "Case", 2, 2, {RUB: Decimal("350000"), USD: Decimal("20000")}, 0, {}
    )
    assert _figures(rows["Service A"]) == _row(
        "Service",
        2,
        1,
        {RUB: Decimal("500000")},
        2,
        {RUB: Decimal("1000000"), USD: Decimal("20000")},
    )
    assert _figures(rows["Expert E"]) == _row("Expert", 1, 0, {}, 1, {RUB: Decimal("700000")})
    assert rows["Case X"]["key"] == str(moved.pages["case_x"].pk)
    assert table.totals["key"] == content.ALL
    assert _figures({**table.totals, "kind": ""}) == _row(
        "",
        5,
        4,
        {RUB: Decimal("2200000"), USD: Decimal("20000")},
        5,
        {RUB: Decimal("2600000"), USD: Decimal("20000")},
    )
    assert report.notes == [
        "4 of 9 requests have no pages read on record (storage off in the browser, requests by "
        "API or entered by hand).",
        "1 of 5 won deals have no pages read on record.",
    ]


def test_landings_no_page_has_now_are_counted_as_not_found(history):
    """Without the redirects the landings /services/a/, /cases/x/ and /experts/e/ match no page:
    3 addresses (of the requests D1, D2, D3, D4, D8, D9 and the won D10), no landing revenue."""
    report = content.build(history.scope())
    assert all(row["landed_won"] == 0 for row in report.tables[0].rows)
    assert report.tables[0].totals["landing_revenue"] == {}
    assert _rows(report)["Case X"]["revenue"] == {RUB: Decimal("1350000")}
    assert report.notes[-1].startswith("Pages no longer found: 3 ")


def test_sales_see_their_own_deals(moved):
    """Olga's deals: D1, D3, D5, D7, D9 (created in Q1), D11. Requests: case X D1, D9 = 2;
    service A D1, D3 = 2; case Y D9 = 1; expert E D3 = 1. Won in Q1: D1, D9. Split: case X
    500k + 350k = 850,000 ₽; service A 500,000 ₽; case Y 350,000 ₽. Landings: service A D1
    1.0M ₽; expert E D9 0.7M ₽. Totals: requests D1, D3, D9 = 3; won 2, 1.7M ₽; landed 2,
    1.7M ₽. Notes: 2 of 5 requests without a path (D5, D7), 0 of 2 won deals."""
    olga = moved.users["olga"]
    report = content.build(moved.scope(user=olga, owner=olga))
    rows = _rows(report)
    assert list(rows) == ["Case X", "Service A", "Case Y", "Expert E"]
    assert _figures(rows["Case X"]) == _row("Case", 2, 2, {RUB: Decimal("850000")}, 0, {})
    assert _figures(rows["Service A"]) == _row(
        "Service", 2, 1, {RUB: Decimal("500000")}, 1, {RUB: Decimal("1000000")}
    )
    assert _figures(rows["Case Y"]) == _row("Case", 1, 1, {RUB: Decimal("350000")}, 0, {})
    assert _figures(rows["Expert E"]) == _row("Expert", 1, 0, {}, 1, {RUB: Decimal("700000")})
    totals = report.tables[0].totals
    assert (totals["requests"], totals["won"], totals["landed_won"]) == (3, 2, 2)
    assert totals["revenue"] == totals["landing_revenue"] == {RUB: Decimal("1700000")}
    assert report.notes[1] == "0 of 2 won deals have no pages read on record."
    assert report.notes[0].startswith("2 of 5 requests ")


def test_cohorts_are_the_deals_counted(moved):
    scope = moved.scope()
    report = content.build(scope)
    table = report.tables[0]
    for row in [*table.rows, table.totals]:
        for column in table.columns:
            if column.cohort:
                assert content.cohort(scope, column.cohort, row["key"]).count() == row[column.name]

    def titles(name, page):
        key = content.ALL if page is None else str(moved.pages[page].pk)
        return set(content.cohort(scope, name, key).values_list("title", flat=True))

    assert titles("requests", "case_x") == {"D1", "D2", "D9"}
    assert titles("won", "case_y") == {"D8", "D9"}
    assert titles("landed_won", "service_a") == {"D1", "D8"}
    assert titles("landed_won", "case_x") == {"D2", "D10"}
    assert titles("requests", None) == {"D1", "D2", "D3", "D8", "D9"}
    assert content.cohort(scope, "won", "x") is None
    assert content.cohort(scope, "lost", "1") is None


def _views(deal) -> list[tuple]:
    return list(
        DealPageView.objects.filter(deal=deal)
        .order_by("role", "position")
        .values_list("role", "page__title", "position", "content", "split")
    )


def test_the_table_follows_each_deal(history):
    """Created with a path, its rows; the path changed, new rows; saved unchanged (a stage
    move), no query of the table; deleted or its contact erased, no rows."""
    case_x, service_a = history.pages["case_x"], history.pages["service_a"]
    deal = Deal.objects.create(
        title="New",
        contact=Contact.objects.create(name="New", email="new@example.com"),
        pipeline=history.pipeline,
        stage=history.stages["S1"],
        amount=Decimal("100"),
        visitor_path=[
            {"url": "/", "title": "Home", "at": ""},
            {"url": f"https://testserver{case_x.url}?utm_source=x", "title": "X", "at": ""},
            {"url": case_x.url, "title": "X again", "at": ""},
            {"url": "/gone/", "title": "Gone", "at": ""},
        ],
        first_touch={"landing": f"https://testserver{service_a.url}"},
    )
    assert _views(deal) == [
        ("landing", "Service A", 0, True, 1),
        ("read", "Home", 0, False, 0),
        ("read", "Case X", 1, True, 1),
        ("read", None, 3, False, 0),
    ]
    deal.visitor_path = [
        {"url": case_x.url, "title": "X", "at": ""},
        {"url": service_a.url, "title": "A", "at": ""},
    ]
    deal.save()
    assert [row[1:] for row in _views(deal) if row[0] == "read"] == [
        ("Case X", 0, True, 2),
        ("Service A", 1, True, 2),
    ]
    deal = Deal.objects.get(pk=deal.pk)
    deal.stage = history.stages["S2"]
    with CaptureQueriesContext(connection) as queries:
        deal.save()
    assert queries.captured_queries
    assert not [query for query in queries if "analytics_dealpageview" in query["sql"]]
    contact_erase(contact=deal.contact)
    assert _views(deal) == []
    d3 = history.deals["D3"]
    pk = d3.pk
    assert DealPageView.objects.filter(deal_id=pk).count() == 3  # expert E, service A, landing
    d3.delete()
    assert not DealPageView.objects.filter(deal_id=pk).exists()


def test_the_migration_fills_the_table_from_the_deals(moved):
    """The migration's fill runs on the historical models and writes what the receivers and
    the rebuild wrote."""
    expected = sorted(
        DealPageView.objects.values_list("deal_id", "page_id", "path", "role", "position", "split")
    )
    DealPageView.objects.all().delete()
    executor = migration_executor()
    state = executor.loader.project_state(("analytics", "0001_initial"))
    migration = executor.loader.get_migration("analytics", "0001_initial")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    assert expected and (
        sorted(
            DealPageView.objects.values_list(
                "deal_id", "page_id", "path", "role", "position", "split"
            )
        )
        == expected
    )
