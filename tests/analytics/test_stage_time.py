"""The time-in-stage report against the hand-built history (``tests/analytics/history.py``).

Every change is at 10:00, so the stays are whole days. The stays that ended in Q1 (the change
out of the stage in 2026-01-01 – 03-31), per stage, with the deal and the days:

S1: D1 01-05→01-07 2, D2 01-10→01-15 5, D3 01-20→01-22 2, D4 02-03→02-05 2,
    D5 02-14→02-16 2, D6 03-02→03-05 3, D8 01-15→01-16 1, D9 01-08→01-09 1
S2: D1 01-07→01-12 5, D3 01-22→01-30 8, D4 02-05→02-10 5, D5 02-16→03-01 13,
    D8 01-16→01-20 4, D9 01-09→01-20 11, D9 again (reopened) 02-01→02-10 9
S3: D1 01-12→01-20 8, D2 01-15→01-25 10, D4 02-10→02-15 5, D8 01-20→01-28 8,
    D9 02-10→02-20 10, D10 2025-12-20→2026-01-10 21 (began in December, ended in Q1)
S4: D1 01-20→02-01 12, D2 01-25→03-01 35, D4 02-15→03-10 23, D8 01-28→02-05 8,
    D9 02-20→03-15 23, D10 01-10→01-25 15
S5: D1 02-01→02-10 9, D8 02-05→02-12 7
S6: D1 02-10→02-20 10, D8 02-12→02-25 13

Not counted: D9's stay in Lost (01-20→02-01: not an open stage), D10's S1 and S2 stays and all
of D11's and D12's (ended in 2025), the open deals' current stays (not ended).

Open deals at "now", 2026-04-15 12:00: D7 in S1 since 03-20 10:00 (26 days 2 h = 26.08),
D6 in S2 since 03-05 10:00 (41 d 2 h = 41.08), D5 in S3 since 03-01 10:00 (45 d 2 h = 45.08);
each over its stage's limit (2, 5, 10 days): stale.
"""

import dataclasses
from decimal import Decimal as D

from analytics.base import Kind
from analytics.reports import stage_time
from leads.selectors import deals_visible_to
from tests.analytics.history import (
    NOW,
    PERIOD,
    history_once,  # noqa: F401 - the history, built once here
)


def _rows(history, report) -> dict:
    code_of = {str(stage.pk): code for code, stage in history.stages.items()}
    return {code_of[row["key"]]: row for row in report.tables[0].rows}


def _stays(rows) -> dict:
    return {
        code: (row["stays"], row["deals"], row["mean"], row["median"], row["p90"])
        for code, row in rows.items()
    }


def _ages(rows) -> dict:
    return {
        code: (row["open"], row["mean_age"], row["oldest_age"], row["stale_after"], row["stale"])
        for code, row in rows.items()
    }


def _names(deals) -> set[str]:
    return set(deals.values_list("title", flat=True))


def test_stays_that_ended_in_the_period(history):
    """Mean, median (middle value; mean of the two middle ones for an even count) and the 90th
    percentile (nearest rank: the ⌈0.9·n⌉-th shortest):

    S1: 1 1 2 2 2 2 3 5 (n 8, 8 deals): mean 18/8 = 2.25, median (2+2)/2 = 2,
        p90 rank ⌈7.2⌉ = 8 → 5.
    S2: 4 5 5 8 9 11 13 (n 7, 6 deals: D9 twice): mean 55/7 = 7.857 → 7.86, median 4th = 8,
        p90 rank ⌈6.3⌉ = 7 → 13.
    S3: 5 8 8 10 10 21 (n 6): mean 62/6 = 10.333 → 10.33, median (8+10)/2 = 9,
        p90 rank ⌈5.4⌉ = 6 → 21.
    S4: 8 12 15 23 23 35 (n 6): mean 116/6 = 19.333 → 19.33, median (15+23)/2 = 19,
        p90 rank 6 → 35.
    S5: 7 9: mean 8, median 8, p90 rank ⌈1.8⌉ = 2 → 9.
    S6: 10 13: mean 11.5, median 11.5, p90 → 13.
    Only open stages are rows (the won and lost ones have no time to manage).
    """
    rows = _rows(history, stage_time.build(history.scope()))
    assert list(rows) == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert _stays(rows) == {
        "S1": (8, 8, D("2.25"), D("2"), D("5")),
        "S2": (7, 6, D("7.86"), D("8"), D("13")),
        "S3": (6, 6, D("10.33"), D("9"), D("21")),
        "S4": (6, 6, D("19.33"), D("19"), D("35")),
        "S5": (2, 2, D("8"), D("8"), D("9")),
        "S6": (2, 2, D("11.5"), D("11.5"), D("13")),
    }


def test_open_deals_age_and_stale(history):
    """One open deal in each of S1, S2, S3 (so its mean age is its oldest), all stale:
    S1 D7 26.08 days > 2; S2 D6 41.08 > 5; S3 D5 45.08 > 10. S4…S6: none open."""
    rows = _rows(history, stage_time.build(history.scope()))
    assert _ages(rows) == {
        "S1": (1, D("26.08"), D("26.08"), D("2"), 1),
        "S2": (1, D("41.08"), D("41.08"), D("5"), 1),
        "S3": (1, D("45.08"), D("45.08"), D("10"), 1),
        "S4": (0, None, None, D("14"), 0),
        "S5": (0, None, None, D("14"), 0),
        "S6": (0, None, None, D("30"), 0),
    }


def test_age_is_measured_at_the_scopes_now(history):
    """At 2026-03-25 12:00 instead: D7 5 d 2 h = 5.08 (> 2: stale), D6 20.08 (> 5: stale),
    D5 24.08 (> 10: stale); a day after D7 came, 2026-03-21 09:00, D7 is 0 d 23 h = 0.96 old:
    not stale yet (limit 2 days)."""
    late_march = dataclasses.replace(history.scope(), now=NOW.replace(month=3, day=25))
    rows = _rows(history, stage_time.build(late_march))
    assert [rows[code]["mean_age"] for code in ("S1", "S2", "S3")] == [
        D("5.08"),
        D("20.08"),
        D("24.08"),
    ]
    fresh = dataclasses.replace(history.scope(), now=NOW.replace(month=3, day=21, hour=9))
    rows = _rows(history, stage_time.build(fresh))
    assert (rows["S1"]["mean_age"], rows["S1"]["stale"]) == (D("0.96"), 0)


def test_a_sales_user_counts_only_her_deals(history):
    """Olga's deals: D1, D3, D5, D7, D9, D11.

    S1: D1 2, D3 2, D5 2, D9 1 → 1 2 2 2: mean 7/4 = 1.75, median (2+2)/2 = 2, p90 rank 4 → 2.
    S2: D1 5, D3 8, D5 13, D9 11 and 9 → 5 8 9 11 13 (4 deals): mean 46/5 = 9.2, median 9,
        p90 rank ⌈4.5⌉ = 5 → 13.
    S3: D1 8, D9 10: mean 9, median 9, p90 10.  S4: D1 12, D9 23: mean 17.5, median 17.5,
    p90 23.  S5: D1 9.  S6: D1 10.
    Open: D7 in S1 (26.08, stale), D5 in S3 (45.08, stale).
    """
    olga = history.users["olga"]
    scope = dataclasses.replace(
        history.scope(user=olga), deals=deals_visible_to(olga).filter(pipeline=history.pipeline)
    )
    rows = _rows(history, stage_time.build(scope))
    assert _stays(rows) == {
        "S1": (4, 4, D("1.75"), D("2"), D("2")),
        "S2": (5, 4, D("9.2"), D("9"), D("13")),
        "S3": (2, 2, D("9"), D("9"), D("10")),
        "S4": (2, 2, D("17.5"), D("17.5"), D("23")),
        "S5": (1, 1, D("9"), D("9"), D("9")),
        "S6": (1, 1, D("10"), D("10"), D("10")),
    }
    assert {code: row["open"] for code, row in rows.items() if row["open"]} == {"S1": 1, "S3": 1}
    assert rows["S3"]["oldest_age"] == D("45.08")
    assert _names(stage_time.cohort(scope, "stays", history.stages["S2"].pk)) == {
        "D1",
        "D3",
        "D5",
        "D9",
    }


def test_cohorts_are_the_counted_deals(history):
    """The deals behind each linked figure: the deals of the stays listed in the module
    docstring, the open and the stale deals."""
    scope = history.scope()
    report = stage_time.build(scope)
    expected = {
        "stays": {
            "S1": {"D1", "D2", "D3", "D4", "D5", "D6", "D8", "D9"},
            "S2": {"D1", "D3", "D4", "D5", "D8", "D9"},
            "S3": {"D1", "D2", "D4", "D8", "D9", "D10"},
            "S4": {"D1", "D2", "D4", "D8", "D9", "D10"},
            "S5": {"D1", "D8"},
            "S6": {"D1", "D8"},
        },
        "open": {"S1": {"D7"}, "S2": {"D6"}, "S3": {"D5"}},
        "stale": {"S1": {"D7"}, "S2": {"D6"}, "S3": {"D5"}},
    }
    linked = [column for column in report.tables[0].columns if column.cohort]
    assert {column.cohort for column in linked} == set(expected)
    for column in linked:
        assert column.kind == Kind.COUNT
        for code, row in _rows(history, report).items():
            deals = _names(stage_time.cohort(scope, column.cohort, row["key"]))
            assert deals == expected[column.cohort].get(code, set()), (column.name, code)
            assert len(deals) == row[column.name]
    assert stage_time.cohort(scope, "stays", history.stages["W"].pk) is None
    assert stage_time.cohort(scope, "nonsense", history.stages["S1"].pk) is None


def test_queries_do_not_grow_with_the_deals(history, django_assert_num_queries):
    """Four queries (stages, stays counted, stays ranked, open deals) for 10 and for 1,000 more
    generated deals."""
    from demo.pipeline_history import generate_history

    def count():
        with django_assert_num_queries(4):
            stage_time.build(history.scope())

    generate_history(10, start=PERIOD.since, end=NOW, pipelines=[history.pipeline])
    count()
    generate_history(990, start=PERIOD.since, end=NOW, pipelines=[history.pipeline], seed=14)
    count()
