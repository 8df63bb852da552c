"""The lost-reasons report against the hand-built history (tests/analytics/history.py).

Deals lost in Q1 (status lost, closed in Q1): D3 (Price too high, 0.3M ₽, moved to Lost from
S2 Qualified on 01-30) and D4 (Chose a competitor, 2.0M ₽, moved to Lost from S4 Proposal sent on
03-10). Not counted: D9, lost on 01-20 (Price too high) but reopened and won on 03-15; D11, lost
in November (the previous period).
"""

import datetime
from decimal import Decimal

from analytics.base import Period, Scope
from analytics.reports import lost_reasons
from leads.models import Deal, LostReason
from leads.selectors import deals_visible_to
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

D = Decimal
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
NOW = datetime.datetime(2026, 4, 15, 12, tzinfo=datetime.UTC)


def _rows(table, *names):
    return [tuple(row[name] for name in names) for row in table.rows]


def _titles(deals):
    return sorted(deals.values_list("title", flat=True))


def test_every_figure(history, django_assert_num_queries):
    """2 lost deals. By reason (most first, then by name): Chose a competitor 1 deal, 2.0M ₽,
    share 1 / 2 = 0.5; Price too high 1, 0.3M ₽, 0.5; total 2, 2.3M ₽, 1. By stage (pipeline
    order): Qualified 1 (D3), 0.3M ₽, 0.5; Proposal sent 1 (D4), 2.0M ₽, 0.5. Reason × stage:
    Chose a competitor × Proposal sent 1, 2.0M ₽; Price too high × Qualified 1, 0.3M ₽."""
    with django_assert_num_queries(2):
        report = lost_reasons.build(history.scope())
    reasons, stages, pairs = report.tables
    assert _rows(reasons, "reason", "lost", "amount", "share") == [
        ("Chose a competitor", 1, {"RUB": D("2000000")}, D("0.5000")),
        ("Price too high", 1, {"RUB": D("300000")}, D("0.5000")),
    ]
    assert reasons.totals == {
        "reason": "Total",
        "lost": 2,
        "amount": {"RUB": D("2300000")},
        "share": D("1.0000"),
    }
    assert _rows(stages, "stage", "lost", "amount", "share") == [
        ("Qualified", 1, {"RUB": D("300000")}, D("0.5000")),
        ("Proposal sent", 1, {"RUB": D("2000000")}, D("0.5000")),
    ]
    assert stages.totals["lost"] == 2
    assert _rows(pairs, "reason", "stage", "lost", "amount") == [
        ("Chose a competitor", "Proposal sent", 1, {"RUB": D("2000000")}),
        ("Price too high", "Qualified", 1, {"RUB": D("300000")}),
    ]


def test_cohorts_are_the_counted_deals(history):
    scope = history.scope()
    report = lost_reasons.build(scope)
    reasons, stages, pairs = report.tables
    found = {
        (table.name, row["key"]): _titles(lost_reasons.cohort(scope, cohort, row["key"]))
        for table, cohort in ((reasons, "reason"), (stages, "stage"), (pairs, "reason_stage"))
        for row in table.rows
    }
    price = LostReason.objects.get(name="Price too high").pk
    competitor = LostReason.objects.get(name="Chose a competitor").pk
    s2, s4 = history.stages["S2"].pk, history.stages["S4"].pk
    assert found == {
        ("reasons", str(competitor)): ["D4"],
        ("reasons", str(price)): ["D3"],
        ("stages", str(s2)): ["D3"],
        ("stages", str(s4)): ["D4"],
        ("reasons_stages", f"{competitor}/{s4}"): ["D4"],
        ("reasons_stages", f"{price}/{s2}"): ["D3"],
    }
    for row in reasons.rows:
        assert len(lost_reasons.cohort(scope, "reason", row["key"])) == row["lost"]
    assert lost_reasons.cohort(scope, "reason", "~none").count() == 0
    assert lost_reasons.cohort(scope, "reason", "x") is None
    assert lost_reasons.cohort(scope, "reason_stage", "1") is None
    assert lost_reasons.cohort(scope, "won", "1") is None


def test_no_reason_and_no_recorded_move(history):
    """A lost deal without a reason and without a move to the Lost stage (set by hand) is under
    "(no reason)" and "(unknown)". D3 loses its reason and D6 (0.8M ₽) is marked lost on 03-20
    with no move recorded: no reason 2 deals, 0.3 + 0.8 = 1.1M ₽ (before Chose a competitor's
    1); stages Qualified 1 (D3), Proposal sent 1 (D4), unknown 1 (D6), last."""
    deals = history.deals
    Deal.objects.filter(pk=deals["D3"].pk).update(lost_reason=None)
    Deal.objects.filter(pk=deals["D6"].pk).update(
        status="lost", closed_at=datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC)
    )
    scope = history.scope()
    reasons, stages, _pairs = lost_reasons.build(scope).tables
    assert _rows(reasons, "key", "reason", "lost", "amount") == [
        ("~none", "(no reason)", 2, {"RUB": D("1100000")}),
        (str(deals["D4"].lost_reason_id), "Chose a competitor", 1, {"RUB": D("2000000")}),
    ]
    assert _rows(stages, "stage", "lost") == [
        ("Qualified", 1),
        ("Proposal sent", 1),
        ("(unknown)", 1),
    ]
    assert _titles(lost_reasons.cohort(scope, "stage", "~none")) == ["D6"]
    assert _titles(lost_reasons.cohort(scope, "reason", "~none")) == ["D3", "D6"]


def test_a_salesperson_sees_their_own(history):
    """Pavel's lost deal in Q1 is D4 only: Chose a competitor, 2.0M ₽, share 1."""
    pavel = history.users["pavel"]
    scope = Scope(
        deals=deals_visible_to(pavel).filter(pipeline=history.pipeline),
        period=PERIOD,
        user=pavel,
        now=NOW,
    )
    reasons, stages, _pairs = lost_reasons.build(scope).tables
    assert _rows(reasons, "reason", "lost", "amount", "share") == [
        ("Chose a competitor", 1, {"RUB": D("2000000")}, D("1.0000")),
    ]
    assert _rows(stages, "stage", "lost") == [("Proposal sent", 1)]
