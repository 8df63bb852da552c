"""The repeat-business report against the hand-built history (tests/analytics/history.py).

Companies and their deals (created, status): Acme D12 (2025-11-01, won 12-15, 0.6M ₽), D1
(2026-01-05, won 02-20, 1.0M ₽), D9 (2026-01-08, won 03-15, 0.7M ₽); Beta D10 (2025-12-10, won
2026-01-25, 0.4M ₽), D2 (2026-01-10, won 03-01, 0.5M ₽); Gamma D3 (lost); Delta D4 (lost);
Epsilon D5 (open, 10k $); Zeta D6 (open); Eta D8 (won 02-25, 20k $); Theta D11 (2025-10-15,
lost 2025-11-10); D7 has no company.

First deals (earliest created, ever): Acme D12, Beta D10, and each other company's only deal;
repeat deals: Acme D9, D1; Beta D2.

Companies listed (a deal created or won in Q1): Acme, Beta, Gamma, Delta, Epsilon, Zeta, Eta;
not Theta (its only deal came and was lost in 2025).
  Acme: deals 3, first 1, repeat 2, won 3, lifetime 0.6 + 1.0 + 0.7 = 2,300,000 ₽,
        repeat 1.0 + 0.7 = 1,700,000 ₽, first deal 2025-11-01;
  Beta: deals 2, first 1, repeat 1, won 2, lifetime 0.4 + 0.5 = 900,000 ₽, repeat 500,000 ₽,
        first deal 2025-12-10;
  Eta: 1, 1, 0, won 1, lifetime 20,000 $, repeat none, 2026-01-15;
  Delta, Epsilon, Gamma, Zeta: 1 deal each, first, nothing won.
  Order: won, then deals, then name: Acme, Beta, Eta, Delta, Epsilon, Gamma, Zeta.

Revenue won in Q1: ₽ D1 1.0M + D2 0.5M + D9 0.7M + D10 0.4M = 2,600,000 (4 deals), of it from
returning clients (repeat deals) D1 + D2 + D9 = 2,200,000 (3 deals): 2.2 / 2.6 = 0.84615… →
0.8462; $ D8 20,000 (1 deal, Eta's first): 0 from returning clients, share 0.
"""

import datetime
from decimal import Decimal

from analytics.reports import repeat
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

RUB, USD = "RUB", "USD"
FIGURES = ("first_deal_at", "deals", "first", "repeat", "won", "revenue", "repeat_revenue")


def _companies(report) -> dict[str, tuple]:
    table = next(table for table in report.tables if table.name == "companies")
    return {row["company"]: tuple(row[name] for name in FIGURES) for row in table.rows}


def _shares(report) -> list[dict]:
    table = next(table for table in report.tables if table.name == "returning")
    return [{key: value for key, value in row.items() if key != "key"} for row in table.rows]


def _day(text):
    return datetime.date.fromisoformat(text)


def test_every_figure(history):
    report = repeat.build(history.scope())
    companies = _companies(report)
    assert list(companies) == ["Acme", "Beta", "Eta", "Delta", "Epsilon", "Gamma", "Zeta"]
    assert companies["Acme"] == (
        _day("2025-11-01"),
        3,
        1,
        2,
        3,
        {RUB: Decimal("2300000")},
        {RUB: Decimal("1700000")},
    )
    assert companies["Beta"] == (
        _day("2025-12-10"),
        2,
        1,
        1,
        2,
        {RUB: Decimal("900000")},
        {RUB: Decimal("500000")},
    )
    assert companies["Eta"] == (_day("2026-01-15"), 1, 1, 0, 1, {USD: Decimal("20000")}, {})
    assert companies["Gamma"] == (_day("2026-01-20"), 1, 1, 0, 0, {}, {})
    assert companies["Delta"] == (_day("2026-02-03"), 1, 1, 0, 0, {}, {})
    assert companies["Epsilon"] == (_day("2026-02-14"), 1, 1, 0, 0, {}, {})
    assert companies["Zeta"] == (_day("2026-03-02"), 1, 1, 0, 0, {}, {})
    assert _shares(report) == [
        {
            "currency": RUB,
            "won": 4,
            "revenue": {RUB: Decimal("2600000")},
            "returning_won": 3,
            "returning_revenue": {RUB: Decimal("2200000")},
            "share": Decimal("0.8462"),
        },
        {
            "currency": USD,
            "won": 1,
            "revenue": {USD: Decimal("20000")},
            "returning_won": 0,
            "returning_revenue": {},
            "share": Decimal("0"),
        },
    ]


def test_sales_see_their_own_deals_but_first_is_the_companys_first(history):
    """Olga's deals: D1, D9 (Acme), D3 (Gamma), D5 (Epsilon), D7, D11 (Theta, not in Q1).
    Acme: deals D1, D9 = 2, neither is Acme's first (Pavel's D12 is), repeat 2, won 2,
    1.0 + 0.7 = 1,700,000 ₽ lifetime and repeat; first deal 2025-11-01 (D12's day).
    Gamma, Epsilon: their first and only deal. Won in Q1: D1 + D9 = 1,700,000 ₽, all from a
    returning client: share 1."""
    olga = history.users["olga"]
    report = repeat.build(history.scope(user=olga, owner=olga))
    assert _companies(report) == {
        "Acme": (
            _day("2025-11-01"),
            2,
            0,
            2,
            2,
            {RUB: Decimal("1700000")},
            {RUB: Decimal("1700000")},
        ),
        "Epsilon": (_day("2026-02-14"), 1, 1, 0, 0, {}, {}),
        "Gamma": (_day("2026-01-20"), 1, 1, 0, 0, {}, {}),
    }
    assert _shares(report) == [
        {
            "currency": RUB,
            "won": 2,
            "revenue": {RUB: Decimal("1700000")},
            "returning_won": 2,
            "returning_revenue": {RUB: Decimal("1700000")},
            "share": Decimal("1"),
        }
    ]


def test_cohorts_are_the_deals_counted(history):
    scope = history.scope()
    report = repeat.build(scope)
    for table in report.tables:
        for row in table.rows:
            for column in table.columns:
                if column.cohort:
                    deals = repeat.cohort(scope, column.cohort, row["key"])
                    assert deals.count() == row[column.name], (table.name, row, column.name)

    def titles(name, key):
        return set(repeat.cohort(scope, name, key).values_list("title", flat=True))

    acme = str(history.companies["Acme"].pk)
    assert titles("repeat", acme) == {"D1", "D9"}
    assert titles("first", acme) == {"D12"}
    assert titles("deals", str(history.companies["Beta"].pk)) == {"D10", "D2"}
    assert titles("returning_won", RUB) == {"D1", "D2", "D9"}
    assert titles("period_won", USD) == {"D8"}
    assert repeat.cohort(scope, "repeat", "acme") is None
    assert repeat.cohort(scope, "lost", acme) is None
