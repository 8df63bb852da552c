"""The funnel report against the hand-built history (``tests/analytics/history.py``).

Reading the history for the funnel: a deal counts in a stage it entered and in a stage it
skipped over on a forward move; a move out of a lost stage (reopening) counts only for the stage
it goes to. Stage codes S1…S6, W (won), L (lost) as in the history's docstring.

Deals moving forward over stages: D2 S1→S3 (over S2) and S4→W (over S5, S6); D9 S4→W (over S5,
S6); D10 S4→W on 01-25 (over S5, S6). D9 was lost from S2 on 01-20 and reopened to S2 on 02-01
(that move counts for S2 only), then won on 03-15.
"""

import dataclasses
from decimal import Decimal as D

import pytest

from analytics.base import Kind
from analytics.reports import funnel
from leads.selectors import deals_visible_to
from tests.analytics.history import (
    NOW,
    PERIOD,
    history_once,  # noqa: F401 - the history, built once here
)

CODES = ("S1", "S2", "S3", "S4", "S5", "S6", "W", "L")
OPEN = CODES[:6]


def _scope(history, mode=None, **kwargs):
    scope = history.scope(**kwargs)
    return dataclasses.replace(scope, params={"mode": mode} if mode else {})


def _rows(history, table) -> dict:
    """The table's rows by stage code."""
    code_of = {str(stage.pk): code for code, stage in history.stages.items()}
    return {code_of[row["key"]]: row for row in table.rows}


def _names(deals) -> set[str]:
    return set(deals.values_list("title", flat=True))


def _figures(rows) -> dict:
    return {
        code: (row["reached"], row["skipped"], row["of_first"], row["to_next"], row["lost_at"])
        for code, row in rows.items()
    }


def test_cohort_mode(history):
    """Cohort (default): deals created in Q1, followed to today: D1…D9 (D10, D11, D12 were
    created in 2025).

    S1: D1…D9 = 9.  S2: D1, D2 (skipped), D3, D4, D5, D6, D8, D9 = 8, skipped 1 (D7 never
    left S1).  S3: D1, D2, D4, D5, D8, D9 = 6.  S4: D1, D2, D4, D8, D9 = 5.
    S5: D1, D8 entered + D2, D9 skipped = 4, skipped 2.  S6: the same 4, skipped 2.
    W (won now): D1, D2, D8, D9 = 4.  L (lost now): D3, D4 = 2 (D9 was lost, but is won now).
    4 won + 2 lost + 3 open (D5, D6, D7) = 9.

    Of the first stage (÷ 9): 8/9 = 0.8889, 6/9 = 0.6667, 5/9 = 0.5556, 4/9 = 0.4444 (S5,
    S6, W), 2/9 = 0.2222 (L).
    To the next stage: S1 8/9 = 0.8889, S2 6/8 = 0.75, S3 5/6 = 0.8333, S4 4/5 = 0.8,
    S5 4/4 = 1, S6 → won 4/4 = 1; none for W and L.
    Lost here (last loss of the deals lost now): D3 from S2, D4 from S4; D9's loss from S2 is
    not counted (it is won now).
    """
    report = funnel.build(_scope(history))
    table = report.tables[0]
    assert table.name == "funnel"
    assert _figures(_rows(history, table)) == {
        "S1": (9, 0, D("1"), D("0.8889"), 0),
        "S2": (8, 1, D("0.8889"), D("0.75"), 1),
        "S3": (6, 0, D("0.6667"), D("0.8333"), 0),
        "S4": (5, 0, D("0.5556"), D("0.8"), 1),
        "S5": (4, 2, D("0.4444"), D("1"), 0),
        "S6": (4, 2, D("0.4444"), D("1"), 0),
        "W": (4, None, D("0.4444"), None, None),
        "L": (2, None, D("0.2222"), None, None),
    }
    assert [row["stage"] for row in table.rows][-2:] == ["Paid", "Lost"]
    assert report.notes == [
        "1 open deal has no amount: it counts in the open deals but adds nothing to their amount."
    ]


def test_entries_mode(history):
    """Entries: moves made in Q1, whatever the deal's creation date: D1…D9 as in the cohort
    mode, plus D10 (created 2025-12-10): S4 on 01-10, W on 01-25 (over S5, S6); D11 and D12 did
    not move in Q1. Every loss of the period counts, D9's too.

    S1: D1…D9 = 9.  S2: 8 (skipped: D2).  S3: D1, D2, D4, D5, D8, D9 = 6 (D10 entered S3 in
    December).  S4: D1, D2, D4, D8, D9, D10 = 6.  S5: D1, D8 + D2, D9, D10 skipped = 5,
    skipped 3.  S6: the same 5, skipped 3.  W (won in Q1): D1, D2, D8, D9, D10 = 5.
    L (lost in Q1): D3, D4, D9 = 3.

    Of the first stage (÷ 9): 0.8889, 0.6667, 0.6667, 5/9 = 0.5556 (S5, S6, W), 3/9 = 0.3333.
    To the next: S1 8/9 = 0.8889, S2 6/8 = 0.75, S3 6/6 = 1, S4 5/6 = 0.8333, S5 5/5 = 1,
    S6 → won 5/5 = 1.
    Lost here: S2: D3 (01-30), D9 (01-20) = 2; S4: D4 = 1.
    """
    table = funnel.build(_scope(history, funnel.ENTRIES)).tables[0]
    assert _figures(_rows(history, table)) == {
        "S1": (9, 0, D("1"), D("0.8889"), 0),
        "S2": (8, 1, D("0.8889"), D("0.75"), 2),
        "S3": (6, 0, D("0.6667"), D("1"), 0),
        "S4": (6, 0, D("0.6667"), D("0.8333"), 1),
        "S5": (5, 3, D("0.5556"), D("1"), 0),
        "S6": (5, 3, D("0.5556"), D("1"), 0),
        "W": (5, None, D("0.5556"), None, None),
        "L": (3, None, D("0.3333"), None, None),
    }


@pytest.mark.parametrize("mode", [None, funnel.ENTRIES])
def test_open_deals_now(history, mode):
    """Open now (either mode, any period): D7 in S1 (no amount), D6 in S2 (800,000 ₽), D5 in
    S3 ($10,000); 3 open deals, each 1/3 = 0.3333 of them; S4…S6 none (0 of 3 = 0)."""
    table = funnel.build(_scope(history, mode)).tables[1]
    assert table.name == "open_now"
    rows = _rows(history, table)
    assert set(rows) == set(OPEN)
    assert {code: (row["open_now"], row["amount"], row["share"]) for code, row in rows.items()} == {
        "S1": (1, {}, D("0.3333")),
        "S2": (1, {"RUB": D("800000")}, D("0.3333")),
        "S3": (1, {"USD": D("10000")}, D("0.3333")),
        "S4": (0, {}, D("0")),
        "S5": (0, {}, D("0")),
        "S6": (0, {}, D("0")),
    }
    assert table.totals["open_now"] == 3
    assert table.totals["amount"] == {"RUB": D("800000"), "USD": D("10000")}
    assert table.totals["share"] == D("1")


def test_a_sales_user_counts_only_her_deals(history):
    """Olga sees her own deals: D1, D3, D5, D7, D9, D11. Cohort: D1, D3, D5, D7, D9 (5).

    S1 5; S2 D1, D3, D5, D9 = 4; S3 D1, D5, D9 = 3; S4 D1, D9 = 2; S5, S6 D1 + D9 (skipped)
    = 2, skipped 1; W D1, D9 = 2; L D3 = 1, lost from S2.
    Of the first (÷ 5): 0.8, 0.6, 0.4, 0.4, 0.4, 0.4 (W), 0.2 (L).
    To the next: 4/5 = 0.8, 3/4 = 0.75, 2/3 = 0.6667, 2/2 = 1, 1, 1.
    Open now: D7 in S1, D5 in S3 ($10,000): 1/2 = 0.5 each.
    """
    olga = history.users["olga"]
    scope = dataclasses.replace(
        _scope(history, user=olga), deals=deals_visible_to(olga).filter(pipeline=history.pipeline)
    )
    report = funnel.build(scope)
    assert _figures(_rows(history, report.tables[0])) == {
        "S1": (5, 0, D("1"), D("0.8"), 0),
        "S2": (4, 0, D("0.8"), D("0.75"), 1),
        "S3": (3, 0, D("0.6"), D("0.6667"), 0),
        "S4": (2, 0, D("0.4"), D("1"), 0),
        "S5": (2, 1, D("0.4"), D("1"), 0),
        "S6": (2, 1, D("0.4"), D("1"), 0),
        "W": (2, None, D("0.4"), None, None),
        "L": (1, None, D("0.2"), None, None),
    }
    open_now = _rows(history, report.tables[1])
    assert {code: row["open_now"] for code, row in open_now.items() if row["open_now"]} == {
        "S1": 1,
        "S3": 1,
    }
    assert open_now["S3"]["amount"] == {"USD": D("10000")}
    assert open_now["S1"]["share"] == open_now["S3"]["share"] == D("0.5")
    assert _names(funnel.cohort(scope, "reached", history.stages["S2"].pk)) == {
        "D1",
        "D3",
        "D5",
        "D9",
    }


COHORTS = {
    None: {
        "reached": {
            "S1": {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9"},
            "S2": {"D1", "D2", "D3", "D4", "D5", "D6", "D8", "D9"},
            "S3": {"D1", "D2", "D4", "D5", "D8", "D9"},
            "S4": {"D1", "D2", "D4", "D8", "D9"},
            "S5": {"D1", "D2", "D8", "D9"},
            "S6": {"D1", "D2", "D8", "D9"},
            "W": {"D1", "D2", "D8", "D9"},
            "L": {"D3", "D4"},
        },
        "skipped": {"S2": {"D2"}, "S5": {"D2", "D9"}, "S6": {"D2", "D9"}},
        "lost_at": {"S2": {"D3"}, "S4": {"D4"}},
    },
    funnel.ENTRIES: {
        "reached": {
            "S1": {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9"},
            "S2": {"D1", "D2", "D3", "D4", "D5", "D6", "D8", "D9"},
            "S3": {"D1", "D2", "D4", "D5", "D8", "D9"},
            "S4": {"D1", "D2", "D4", "D8", "D9", "D10"},
            "S5": {"D1", "D2", "D8", "D9", "D10"},
            "S6": {"D1", "D2", "D8", "D9", "D10"},
            "W": {"D1", "D2", "D8", "D9", "D10"},
            "L": {"D3", "D4", "D9"},
        },
        "skipped": {"S2": {"D2"}, "S5": {"D2", "D9", "D10"}, "S6": {"D2", "D9", "D10"}},
        "lost_at": {"S2": {"D3", "D9"}, "S4": {"D4"}},
    },
}


@pytest.mark.parametrize("mode", [None, funnel.ENTRIES])
def test_cohorts_are_the_counted_deals(history, mode):
    """Every figure that links to deals links to exactly the deals it counts (the sets are the
    ones the docstrings of the mode tests list)."""
    scope = _scope(history, mode)
    report = funnel.build(scope)
    expected = {**COHORTS[mode], "open_now": {"S1": {"D7"}, "S2": {"D6"}, "S3": {"D5"}}}
    for table in report.tables:
        for column in table.columns:
            if column.cohort is None:
                continue
            assert column.kind == Kind.COUNT
            for code, row in _rows(history, table).items():
                if row[column.name] is None:
                    continue
                deals = _names(funnel.cohort(scope, column.cohort, row["key"]))
                assert deals == expected[column.cohort].get(code, set()), (column.name, code)
                assert len(deals) == row[column.name], (column.name, code)
    assert funnel.cohort(scope, "reached", "999999") is None
    assert funnel.cohort(scope, "nonsense", history.stages["S1"].pk) is None
    assert funnel.cohort(scope, "lost_at", history.stages["W"].pk) is None


def test_without_a_pipeline_the_default_one_is_shown(history):
    """No pipeline chosen: the default pipeline ("Project work", seeded as the default) and a
    note saying so; the figures are those of the cohort test."""
    scope = dataclasses.replace(_scope(history), pipeline=None)
    report = funnel.build(scope)
    assert report.notes[0].startswith("No pipeline was chosen")
    assert "Project work" in report.notes[0]
    assert _rows(history, report.tables[0])["S2"]["reached"] == 8


def test_the_mode_switch(history):
    """The switch filters nothing: it only tells the report which mode to count in."""
    mode = funnel.extra_filters()["mode"]
    assert [value for value, _label in mode.extra["choices"]] == [funnel.COHORT, funnel.ENTRIES]
    deals = history.scope().deals
    assert mode.method(deals, "mode", funnel.ENTRIES) is deals
    assert funnel.build(_scope(history, "nonsense")).tables[0].rows[1]["lost_at"] == 1


def test_queries_do_not_grow_with_the_deals(history, django_assert_num_queries):
    """The same number of queries for 10 and for 1,000 more generated deals: the stages, the
    moves' counts, the losses, the open deals; the cohort mode also reads where its deals are
    now (the won and lost rows)."""
    from demo.pipeline_history import generate_history

    def count(mode):
        scope = _scope(history, mode)
        with django_assert_num_queries(5 if mode is None else 4):
            funnel.build(scope)

    start, end = PERIOD.since, NOW
    generate_history(10, start=start, end=end, pipelines=[history.pipeline])
    count(None)
    count(funnel.ENTRIES)
    generate_history(990, start=start, end=end, pipelines=[history.pipeline], seed=14)
    count(None)
    count(funnel.ENTRIES)
