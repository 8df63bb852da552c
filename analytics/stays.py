"""Stays in a stage, read from the stage history: a stay begins with the move that brought
the deal into the stage and ends with the deal's next move.

A stay is one row: the move that ended it (``StageChange``), whose ``from_stage`` is the stay's
stage, ``from_stage_since`` its beginning (recorded at the move, backfilled for older moves by
``leads/migrations/0010``) and ``changed_at`` its end. Reading the stays of a period is then a
range of the (from_stage, changed_at) index, with a plain (not windowed, not correlated)
duration (``Seconds``, now in ``core.expressions`` so that ``leads`` can index it). A move out
of a stage without its beginning (none after the backfill) is no stay: it is skipped, in the
figures and in their deals alike.

Percentiles are nearest-rank, computed in the database portably (SQLite has no percentile
function): a first query counts the stays n of each stage (and their mean), which gives the
wanted ranks: ⌈0.9·n⌉ for the 90th percentile, ⌊(n+1)/2⌋ and ⌊(n+2)/2⌋ for the median (the
mean of the two middle stays when n is even). A second query reads the stays at those ranks;
the value at a rank does not depend on how ties are ordered, so both ways below give the same
figures (``tests/analytics/test_stays.py`` runs both on both databases):

* SQLite walks an index of each stage's stays in the order of their length (leads 0012:
  from_stage, the same ``Seconds`` expression, then the period's and the deal's columns): one
  row per stage, each figure a scalar subquery ``ORDER BY duration LIMIT … OFFSET rank - 1``
  that stops at its rank, checking the period and the deal on the way, without sorting or
  numbering anything. The median walks from the shortest stay (``LIMIT 2`` and their mean
  when n is even), the 90th percentile from the longest (a tenth of the stays). The period is
  compared through a unary ``+`` there (``Unindexed``): otherwise SQLite takes the
  (from_stage, changed_at) range and sorts it. Numbering the ~230,000 stays of the bench's
  default pipeline with ``ROW_NUMBER`` cost about 1 s there (SQLite's window machinery, a few
  µs a row); the lookups about 0.12 s, of which most is the deal scope's list, built once per
  subquery.
* PostgreSQL numbers the stays of each stage in the order of their length (``ROW_NUMBER``,
  one window, one sort) and only the rows at a wanted rank come back: there each lookup would
  hash the scope's deals again (35-55 ms each at 100,000 deals), slower than the one sort.

The walk's length depends on a stage's stays of all time, not only the period's (the index is
ordered by length, not by date): at most about the stays of the report's stages, which the
bench's 1,000,000 stage changes bound.
"""

import datetime
from decimal import Decimal

from django.db import connections
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from core.expressions import Seconds
from leads.models import Stage, StageChange

from .base import Period

__all__ = ["Seconds", "days", "stay_ends", "stay_figures", "with_duration"]

_DAY = Decimal(86400)
_HUNDREDTH = Decimal("0.01")


def days(duration: datetime.timedelta | float | None) -> Decimal | None:
    """A duration (or a number of seconds) as Decimal days, to the hundredth."""
    if duration is None:
        return None
    if isinstance(duration, datetime.timedelta):
        duration = duration.total_seconds()
    return (Decimal(str(duration)) / _DAY).quantize(_HUNDREDTH)


class Unindexed(Func):
    """A column's value that SQLite may not look up in an index (a unary ``+``, SQLite's
    documented way to disqualify a term); the plain column elsewhere. The rank lookups filter
    the period with it so that SQLite walks the stays in the order of their length instead of
    taking the (from_stage, changed_at) range and sorting it."""

    arity = 1
    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def stay_ends(deals, period: Period, stage_ids: list[int], *, ended=None):
    """The moves that ended a stay in one of ``stage_ids`` in ``period``, of ``deals``: one
    row per stay, its stage in ``from_stage_id``, its beginning in ``from_stage_since``.
    ``ended``: the expression the period is read from (``changed_at`` itself by default)."""
    return StageChange.objects.alias(ended=F("changed_at") if ended is None else ended).filter(
        deal__in=deals.values("pk"),
        from_stage_id__in=stage_ids,
        ended__gte=period.since,
        ended__lt=period.until,
        from_stage_since__isnull=False,
    )


def with_duration(ends):
    """``ends`` with each stay's ``duration`` (seconds)."""
    return ends.annotate(duration=Seconds(F("changed_at"), F("from_stage_since")))


def stay_figures(deals, period: Period, stage_ids: list[int]) -> dict[int, dict]:
    """Per stage id: ``stays``, ``deals`` (distinct), ``mean``, ``median`` and ``p90`` (Decimal
    days) of the stays that ended in ``period``. Two queries: the counts and the mean per
    stage, which give the wanted ranks; then the stays at those ranks."""
    ends = stay_ends(deals, period, stage_ids)
    figures, ranks = {}, {}
    for row in (
        ends.values("from_stage_id")
        .annotate(
            stays=Count("pk"),
            deals=Count("deal_id", distinct=True),
            mean=Avg(Seconds(F("changed_at"), F("from_stage_since"))),
        )
        .order_by()
    ):
        n = row["stays"]
        figures[row["from_stage_id"]] = {
            "stays": n,
            "deals": row["deals"],
            "mean": days(row["mean"]),
        }
        # nearest rank: the two middle stays (one when n is odd) and ⌈0.9·n⌉
        ranks[row["from_stage_id"]] = (n, (n + 1) // 2, (n + 2) // 2, (9 * n + 9) // 10)
    if _by_index(ends.db):
        found = _at_ranks_by_index(deals, period, ranks)
    else:
        found = _at_ranks_by_window(ends, ranks)
    for stage_id, (median, p90) in found.items():
        figures[stage_id]["median"] = days(median)
        figures[stage_id]["p90"] = days(p90)
    return figures


def _by_index(alias: str) -> bool:
    """Whether the stays at the wanted ranks are read by walking the index (SQLite) rather
    than numbered with a window (PostgreSQL, where each lookup would hash the deals again)."""
    return connections[alias].vendor == "sqlite"


def _at_ranks_by_index(deals, period: Period, ranks: dict) -> dict[int, tuple]:
    """Per stage: (median, p90) in seconds, read from the index of the stays by length (leads
    0012), one row per stage with stays. Each figure is a scalar subquery over the stage's
    stays in that order with an OFFSET, which SQLite answers by walking the index (the period
    and the deal checked on the way): the median from the shortest stay (the mean of the
    one or two middle stays, ``LIMIT 2``), the 90th percentile from the longest (rank n + 1 -
    ⌈0.9·n⌉ from the top walks a tenth of the stays)."""
    medians, p90s = [], []
    for stage_id, (n, low, high, p90) in ranks.items():
        stays = with_duration(
            stay_ends(deals, period, [stage_id], ended=Unindexed(F("changed_at")))
        ).values("duration")
        middle = stays.order_by("duration")[low - 1 : high]
        medians.append(When(pk=stage_id, then=Subquery(middle, template=_MEAN_OF)))
        p90s.append(
            When(pk=stage_id, then=Subquery(stays.order_by("-duration")[n - p90 : n - p90 + 1]))
        )
    return {
        row["pk"]: (row["median"], row["p90"])
        # pk 0: no stage has stays, a query all the same (a fixed number of queries)
        for row in Stage.objects.filter(pk__in=list(ranks) or [0])
        .annotate(
            median=Case(*medians, output_field=FloatField()),
            p90=Case(*p90s, output_field=FloatField()),
        )
        .values("pk", "median", "p90")
        .order_by()
    }


#: the mean of a subquery's "duration" rows (the one or two middle stays)
_MEAN_OF = '(SELECT AVG("duration") FROM (%(subquery)s) "middle")'


def _at_ranks_by_window(ends, ranks: dict) -> dict[int, tuple]:
    """Per stage: (median, p90) in seconds: the stays of each stage numbered in the order of
    their length (``ROW_NUMBER``, one window, one sort), only the rows at a wanted rank come
    back."""
    wanted = {rank for (_n, *stage) in ranks.values() for rank in stage} or {0}
    ranked = (
        with_duration(ends)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("from_stage_id")],
                order_by=[F("duration").asc(), F("pk").asc()],
            )
        )
        .filter(position__in=sorted(wanted))
        .values("from_stage_id", "position", "duration")
        .order_by()
    )
    middles: dict[int, list[float]] = {}
    p90s: dict[int, float] = {}
    for row in ranked:
        _n, low, high, p90 = ranks[row["from_stage_id"]]
        if row["position"] in (low, high):
            middles.setdefault(row["from_stage_id"], []).append(row["duration"])
        if row["position"] == p90:
            p90s[row["from_stage_id"]] = row["duration"]
    return {
        stage_id: (sum(durations) / len(durations), p90s.get(stage_id))
        for stage_id, durations in middles.items()
    }
