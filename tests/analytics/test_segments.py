"""The services-and-owners report against the hand-built history (tests/analytics/history.py).

Services, owners and cycles (test_win_rate's docstring): service A: D1 (olga, won 46 d, 1.0M ₽),
D3 (olga, lost, 0.3M ₽), D5 (olga, open, 10k $), D7 (olga, open), D8 (pavel, won 41 d, 20k $),
D10 (pavel, won 46 d, 0.4M ₽, created in December), D11 (olga, lost in November); service B:
D2 (pavel, won 50 d, 0.5M ₽), D4 (pavel, lost, 2.0M ₽), D6 (pavel, open), D9 (olga, won 66 d,
0.7M ₽), D12 (pavel, won in December). Both services are of the type "Project work"; every deal
is in the pipeline "Project work".

* service A: requests D1, D3, D5, D7, D8 = 5; closed in Q1 D1, D3, D8, D10 = 4, won 3: rate 0.75;
  revenue 1.4M ₽ and 20k $; by amount ₽ 1.4 / 1.7 = 0.8235, $ 1; average 700,000.00 ₽,
  20,000.00 $; days 41, 46, 46: median 46, mean 133 / 3 = 44.3;
* service B: requests D2, D4, D6, D9 = 4; closed D2, D4, D9 = 3, won 2: 0.6667; revenue 1.2M ₽;
  by amount 1.2 / 3.2 = 0.375; average 600,000.00; days 50, 66: median = mean = 58;
* the type and the pipeline: every deal, the whole report (test_win_rate): requests 9, closed 7,
  won 5, rate 0.7143, revenue 2.6M ₽ + 20k $, by amount ₽ 0.5306, $ 1, average 650,000.00 ₽,
  20,000.00 $, median 46, mean 49.8;
* olga: requests D1, D3, D5, D7, D9 = 5; closed D1, D3, D9 = 3, won 2: 0.6667; revenue 1.7M ₽;
  by amount 1.7 / 2.0 = 0.85; average 850,000.00; days 46, 66: median = mean = 56;
* pavel: requests D2, D4, D6, D8 = 4; closed D2, D4, D8, D10 = 4, won 3: 0.75; revenue 0.9M ₽
  and 20k $; by amount ₽ 0.9 / 2.9 = 0.3103, $ 1; average 450,000.00 ₽, 20,000.00 $; days 41,
  46, 50: median 46, mean 137 / 3 = 45.7.
"""

import dataclasses
import datetime
from decimal import Decimal

from analytics.base import Period, Scope
from analytics.reports import segments
from catalog.factories import ServicePageFactory
from leads.selectors import deals_visible_to
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

D = Decimal
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
NOW = datetime.datetime(2026, 4, 15, 12, tzinfo=datetime.UTC)
NAMES = (
    "requests",
    "closed",
    "won",
    "revenue",
    "win_rate",
    "win_rate_amount",
    "average_won",
    "median_days",
    "mean_days",
)
SERVICE_A = (
    5,
    4,
    3,
    {"RUB": D("1400000"), "USD": D("20000")},
    D("0.7500"),
    {"RUB": D("0.8235"), "USD": D("1.0000")},
    {"RUB": D("700000.00"), "USD": D("20000.00")},
    D("46.0"),
    D("44.3"),
)
SERVICE_B = (
    4,
    3,
    2,
    {"RUB": D("1200000")},
    D("0.6667"),
    {"RUB": D("0.3750")},
    {"RUB": D("600000.00")},
    D("58.0"),
    D("58.0"),
)
ALL = (
    9,
    7,
    5,
    {"RUB": D("2600000"), "USD": D("20000")},
    D("0.7143"),
    {"RUB": D("0.5306"), "USD": D("1.0000")},
    {"RUB": D("650000.00"), "USD": D("20000.00")},
    D("46.0"),
    D("49.8"),
)
OLGA = (
    5,
    3,
    2,
    {"RUB": D("1700000")},
    D("0.6667"),
    {"RUB": D("0.8500")},
    {"RUB": D("850000.00")},
    D("56.0"),
    D("56.0"),
)
PAVEL = (
    4,
    4,
    3,
    {"RUB": D("900000"), "USD": D("20000")},
    D("0.7500"),
    {"RUB": D("0.3103"), "USD": D("1.0000")},
    {"RUB": D("450000.00"), "USD": D("20000.00")},
    D("46.0"),
    D("45.7"),
)


def _scope(history, dimension=None, **kwargs):
    scope = history.scope(**kwargs)
    return dataclasses.replace(scope, params={"dimension": dimension} if dimension else {})


def _cells(row):
    """The row's figures, the win rate by amount gathered back into {currency: rate}."""
    rates = {
        name.removeprefix("win_rate_amount_"): value
        for name, value in row.items()
        if name.startswith("win_rate_amount_")
    }
    return {**row, "win_rate_amount": rates}


def _table(report):
    (table,) = report.tables
    return {row["group"]: tuple(_cells(row)[name] for name in NAMES) for row in table.rows}


def _titles(deals):
    return sorted(deals.values_list("title", flat=True))


def test_every_dimension(history, django_assert_num_queries):
    """Service is the default; four queries: three for the figures, one naming the groups."""
    with django_assert_num_queries(4):
        report = segments.build(_scope(history))
    assert report.tables[0].name == "service"
    assert _table(report) == {"Service A": SERVICE_A, "Service B": SERVICE_B}
    with django_assert_num_queries(4):
        by_type = segments.build(_scope(history, "service_type"))
    assert _table(by_type) == {"Project work": ALL}
    assert _table(segments.build(_scope(history, "pipeline"))) == {"Project work": ALL}
    assert _table(segments.build(_scope(history, "owner"))) == {"olga": OLGA, "pavel": PAVEL}


def test_a_deal_with_two_services_counts_in_both(history):
    """D2 gets service A too: A's requests 6 (D1, D2, D3, D5, D7, D8), closed 5, won 4 (D1, D2,
    D8, D10): rate 0.8; revenue 1.9M ₽ + 20k $; by amount ₽ 1.9 / 2.2 = 0.8636; average ₽ 1.9M /
    3 = 633,333.33; days 41, 46, 46, 50: median (46 + 46) / 2 = 46, mean 183 / 4 = 45.75 → 45.8.
    B is unchanged, and so is the type: D2's two services are both "Project work", one deal.
    D7 loses its service: "(no service)" 1 request and no type either. D5 gets also service C,
    of no type: it stays in "Project work" only; D7 gets only C: "(no service type)" 1 request,
    "Project work" 8."""
    deals = history.deals
    deals["D2"].services.add(history.services["A"])
    report = segments.build(_scope(history))
    assert _table(report) == {
        "Service A": (
            6,
            5,
            4,
            {"RUB": D("1900000"), "USD": D("20000")},
            D("0.8000"),
            {"RUB": D("0.8636"), "USD": D("1.0000")},
            {"RUB": D("633333.33"), "USD": D("20000.00")},
            D("46.0"),
            D("45.8"),
        ),
        "Service B": SERVICE_B,
    }
    assert _table(segments.build(_scope(history, "service_type"))) == {"Project work": ALL}

    deals["D7"].services.clear()
    assert _table(segments.build(_scope(history)))["(no service)"] == (
        (1, 0, 0, {}, None, {}, {}, None, None)
    )
    assert _titles(segments.cohort(_scope(history), "requests", "~none")) == ["D7"]

    # the services index of the site tree the history was built on
    services_index = history.services["A"].get_parent().specific
    untyped = ServicePageFactory(parent=services_index, title="Service C")
    untyped.service_types.clear()
    untyped.save()
    deals["D5"].services.add(untyped)
    deals["D7"].services.add(untyped)
    scope = _scope(history, "service_type")
    by_type = _table(segments.build(scope))
    assert by_type["(no service type)"] == (1, 0, 0, {}, None, {}, {}, None, None)
    assert by_type["Project work"] == (8, *ALL[1:])
    assert _titles(segments.cohort(scope, "requests", "~none")) == ["D7"]
    (project,) = [
        row["key"] for row in segments.build(scope).tables[0].rows if row["key"] != "~none"
    ]
    assert _titles(segments.cohort(scope, "requests", project)) == [
        f"D{n}" for n in (1, 2, 3, 4, 5, 6, 8, 9)
    ]


def test_cohorts_are_the_counted_deals(history):
    """Every count of every dimension links to as many deals as it says (each deal once)."""
    for dimension in segments.DIMENSIONS:
        scope = _scope(history, dimension.slug)
        (table,) = segments.build(scope).tables
        for row in table.rows:
            for name in ("requests", "closed", "won"):
                assert segments.cohort(scope, name, row["key"]).count() == row[name]
    scope = _scope(history, "owner")
    pavel = str(history.users["pavel"].pk)
    assert _titles(segments.cohort(scope, "won", pavel)) == ["D10", "D2", "D8"]
    assert _titles(segments.cohort(scope, "lost", pavel)) == ["D4"]
    service_b = str(history.services["B"].pk)
    assert _titles(segments.cohort(_scope(history), "requests", service_b)) == [
        "D2",
        "D4",
        "D6",
        "D9",
    ]
    assert segments.cohort(scope, "won", "abc") is None
    assert segments.cohort(scope, "won", "9" * 30) is None


def test_a_salesperson_sees_their_own(history):
    """Olga: service A has D1 (won 46 d), D3 (lost), D5, D7: requests 4, closed 2, won 1: 0.5;
    revenue 1.0M ₽; by amount 1.0 / 1.3 = 0.7692; service B: D9: requests 1, won 1 (66 d, 0.7M
    ₽). By owner: olga only."""
    olga = history.users["olga"]
    scope = Scope(
        deals=deals_visible_to(olga).filter(pipeline=history.pipeline),
        period=PERIOD,
        user=olga,
        now=NOW,
    )
    assert _table(segments.build(scope)) == {
        "Service A": (
            4,
            2,
            1,
            {"RUB": D("1000000")},
            D("0.5000"),
            {"RUB": D("0.7692")},
            {"RUB": D("1000000.00")},
            D("46.0"),
            D("46.0"),
        ),
        "Service B": (
            1,
            1,
            1,
            {"RUB": D("700000")},
            D("1.0000"),
            {"RUB": D("1.0000")},
            {"RUB": D("700000.00")},
            D("66.0"),
            D("66.0"),
        ),
    }
    owner = dataclasses.replace(scope, params={"dimension": "owner"})
    assert _table(segments.build(owner)) == {"olga": OLGA}
