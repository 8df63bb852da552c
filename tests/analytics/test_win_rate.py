"""The win-rate and sales-cycle report against the hand-built history (tests/analytics/history.py).

Cycles, days from creation to closing (every change at 10:00, so whole days):
D1 01-05→02-20 = 46 (won, 1.0M ₽); D2 01-10→03-01 = 50 (won, 0.5M ₽); D8 01-15→02-25 = 41 (won,
20k $); D9 01-08→03-15 = 66 (won, 0.7M ₽; its loss on 01-20 was undone by the reopening);
D10 2025-12-10→01-25 = 46 (won, 0.4M ₽, created before Q1); D3 01-20→01-30 = 10 (lost, 0.3M ₽);
D4 02-03→03-10 = 35 (lost, 2.0M ₽). Previous period (2025-10-03 – 2025-12-31): D12 11-01→12-15
= 44 (won, 0.6M ₽), D11 10-15→11-10 = 26 (lost, 0.2M ₽).
"""

import datetime
from decimal import Decimal

from analytics.base import Period, Scope
from analytics.reports import win_rate
from leads.selectors import deals_visible_to
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

D = Decimal
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
NOW = datetime.datetime(2026, 4, 15, 12, tzinfo=datetime.UTC)


def _headline(report):
    return {column.name: (now, before) for column, now, before in report.headline}


def _titles(deals):
    return sorted(deals.values_list("title", flat=True))


def test_every_figure_and_the_previous_period(history, django_assert_num_queries):
    """Q1: requests = created in Q1 = D1–D9 = 9; won = D1, D2, D8, D9, D10 = 5 (D10 was created in
    December: it adds to the revenue, not to the requests); lost = D3, D4 = 2;
    win rate 5 / 7 = 0.7143; by amount ₽ (1.0 + 0.5 + 0.7 + 0.4) / (2.6 + 0.3 + 2.0)
    = 2.6 / 4.9 = 0.5306, $ 20k / 20k = 1; revenue 2.6M ₽ and 20k $ (never summed);
    average won deal ₽ 2.6M / 4 = 650,000.00, $ 20,000.00;
    days to won sorted 41, 46, 46, 50, 66: median 46, mean 249 / 5 = 49.8;
    days to lost 10, 35: median (10 + 35) / 2 = 22.5 (the mean of the two middle values), mean 22.5.
    Previous period: requests D10, D11, D12 = 3; won D12, lost D11: win rate 0.5;
    by amount ₽ 0.6 / 0.8 = 0.75; revenue 0.6M ₽; average 600,000.00; to won 44; to lost 26.
    The win rate by amount is one column per currency (RUB, USD). Six queries: three per
    period."""
    scope = history.scope()
    with django_assert_num_queries(6):
        report = win_rate.build(scope)
    assert _headline(report) == {
        "requests": (9, 3),
        "won": (5, 1),
        "lost": (2, 1),
        "win_rate": (D("0.7143"), D("0.5000")),
        "win_rate_amount_RUB": (D("0.5306"), D("0.7500")),
        "win_rate_amount_USD": (D("1.0000"), None),
        "revenue": ({"RUB": D("2600000"), "USD": D("20000")}, {"RUB": D("600000")}),
        "average_won": ({"RUB": D("650000.00"), "USD": D("20000.00")}, {"RUB": D("600000.00")}),
        "median_won_days": (D("46.0"), D("44.0")),
        "mean_won_days": (D("49.8"), D("44.0")),
        "median_lost_days": (D("22.5"), D("26.0")),
        "mean_lost_days": (D("22.5"), D("26.0")),
    }
    table = report.tables[0]
    assert [row["key"] for row in table.rows] == ["current", "previous"]
    assert [row["period"] for row in table.rows] == [
        "1 Jan 2026 – 31 Mar 2026",
        "3 Oct 2025 – 31 Dec 2025",
    ]
    for row in table.rows:
        index = 0 if row["key"] == "current" else 1
        assert {name: row.get(name) for name in _headline(report)} == {
            name: values[index] for name, values in _headline(report).items()
        }


def test_cohorts_are_the_counted_deals(history):
    """Each count links to exactly the deals it counts, in this period and the previous one."""
    scope = history.scope()
    assert _titles(win_rate.cohort(scope, "requests", "")) == [f"D{n}" for n in range(1, 10)]
    assert _titles(win_rate.cohort(scope, "won", "current")) == ["D1", "D10", "D2", "D8", "D9"]
    assert _titles(win_rate.cohort(scope, "lost", "current")) == ["D3", "D4"]
    assert _titles(win_rate.cohort(scope, "closed", "current")) == [
        "D1",
        "D10",
        "D2",
        "D3",
        "D4",
        "D8",
        "D9",
    ]
    assert _titles(win_rate.cohort(scope, "requests", "previous")) == ["D10", "D11", "D12"]
    assert _titles(win_rate.cohort(scope, "won", "previous")) == ["D12"]
    assert _titles(win_rate.cohort(scope, "lost", "previous")) == ["D11"]
    assert win_rate.cohort(scope, "won", "next") is None
    assert win_rate.cohort(scope, "nothing", "current") is None


def test_a_salesperson_sees_their_own(history):
    """Olga's deals: D1, D3, D5, D7, D9, D11. Q1: requests D1, D3, D5, D7, D9 = 5; won D1, D9,
    lost D3: win rate 2 / 3 = 0.6667; by amount ₽ 1.7 / 2.0 = 0.85; revenue 1.7M ₽; average
    850,000.00; to won 46, 66: median 56, mean 56; to lost 10. Previous: requests D11 = 1; lost
    D11: win rate 0, by amount ₽ 0 / 0.2 = 0; no revenue; to lost 26."""
    olga = history.users["olga"]
    scope = Scope(
        deals=deals_visible_to(olga).filter(pipeline=history.pipeline),
        period=PERIOD,
        pipeline=history.pipeline,
        user=olga,
        now=NOW,
    )
    assert _headline(win_rate.build(scope)) == {
        "requests": (5, 1),
        "won": (2, 0),
        "lost": (1, 1),
        "win_rate": (D("0.6667"), D("0")),
        "win_rate_amount_RUB": (D("0.8500"), D("0")),
        "revenue": ({"RUB": D("1700000")}, {}),
        "average_won": ({"RUB": D("850000.00")}, {}),
        "median_won_days": (D("56.0"), None),
        "mean_won_days": (D("56.0"), None),
        "median_lost_days": (D("10.0"), D("26.0")),
        "mean_lost_days": (D("10.0"), D("26.0")),
    }
    assert _titles(win_rate.cohort(scope, "won", "")) == ["D1", "D9"]


def test_summary_for_the_home_panel(history, django_assert_num_queries):
    """Q1: 9 requests, win rate 5 / 7, revenue 2.6M ₽ and 20k $ (as in the report); two queries
    (no medians)."""
    with django_assert_num_queries(2):
        summary = win_rate.summary(history.scope())
    assert summary == {
        "requests": 9,
        "win_rate": D("0.7143"),
        "revenue": {"RUB": D("2600000"), "USD": D("20000")},
    }


def test_nothing_closed(history):
    """A period with no deal: no rate, no days, no money (None and {}), zero counts."""
    empty = Period(datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    figures = _headline(win_rate.build(history.scope(period=empty)))
    assert figures["requests"] == (0, 0)
    assert figures["win_rate"] == (None, None)
    assert figures["revenue"] == ({}, {})
    assert figures["median_won_days"] == (None, None)
