"""Stays in a stage, read from the stage history: a stay begins with the move that brought
the deal into the stage and ends with the deal's next move.

A stay is one row: the move that ended it (``StageChange``), whose ``from_stage`` is the stay's
stage, ``from_stage_since`` its beginning (recorded at the move, backfilled for older moves by
``leads/migrations/0010``) and ``changed_at`` its end. Reading the stays of a period is then a
range of the (from_stage, changed_at) index, with a plain (not windowed, not correlated)
duration, so that the percentiles can number the stays with window functions in the same query.
A move out of a stage without its beginning (none after the backfill) is no stay: it is
skipped, in the figures and in their deals alike.

Percentiles are nearest-rank, computed in the database portably (SQLite has no percentile
function): a first query counts the stays n of each stage (and their mean), which gives the
wanted ranks: ⌈0.9·n⌉ for the 90th percentile, ⌊(n+1)/2⌋ and ⌊(n+2)/2⌋ for the median (the
mean of the two middle stays when n is even); a second numbers the stays of each stage in the
order of their duration (``ROW_NUMBER``, one window, one sort) and only the rows at a wanted
rank come back.
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Func,
    Window,
)
from django.db.models.functions import RowNumber

from leads.models import StageChange

from .base import Period

_DAY = Decimal(86400)
_HUNDREDTH = Decimal("0.01")


def days(duration: datetime.timedelta | float | None) -> Decimal | None:
    """A duration (or a number of seconds) as Decimal days, to the hundredth."""
    if duration is None:
        return None
    if isinstance(duration, datetime.timedelta):
        duration = duration.total_seconds()
    return (Decimal(str(duration)) / _DAY).quantize(_HUNDREDTH)


class Seconds(Func):
    """``end - start`` in seconds (a float), in SQL on both databases: Django's own datetime
    subtraction on SQLite calls a Python function per row, several times slower here."""

    arity = 2
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):
        # a float, not EXTRACT's numeric: faster to sort and to average
        extra.setdefault("template", "EXTRACT(EPOCH FROM (%(expressions)s))::double precision")
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, connection, **extra)


def stay_ends(deals, period: Period, stage_ids: list[int]):
    """The moves that ended a stay in one of ``stage_ids`` in ``period``, of ``deals``: one
    row per stay, its stage in ``from_stage_id``, its beginning in ``from_stage_since``."""
    return StageChange.objects.filter(
        deal__in=deals.values("pk"),
        from_stage_id__in=stage_ids,
        changed_at__gte=period.since,
        changed_at__lt=period.until,
        from_stage_since__isnull=False,
    )


def with_duration(ends):
    """``ends`` with each stay's ``duration`` (seconds)."""
    return ends.annotate(duration=Seconds(F("changed_at"), F("from_stage_since")))


def stay_figures(deals, period: Period, stage_ids: list[int]) -> dict[int, dict]:
    """Per stage id: ``stays``, ``deals`` (distinct), ``mean``, ``median`` and ``p90`` (Decimal
    days) of the stays that ended in ``period``. Two queries: the counts and the mean per
    stage, which give the wanted ranks; then the stays at those ranks (one window, one sort)."""
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
        ranks[row["from_stage_id"]] = ((n + 1) // 2, (n + 2) // 2, (9 * n + 9) // 10)
    wanted = {rank for stage in ranks.values() for rank in stage} or {0}  # 0: no stay, one query
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
    for row in ranked:
        low, high, p90 = ranks[row["from_stage_id"]]
        if row["position"] in (low, high):
            middles.setdefault(row["from_stage_id"], []).append(row["duration"])
        if row["position"] == p90:
            figures[row["from_stage_id"]]["p90"] = days(row["duration"])
    for stage_id, durations in middles.items():
        figures[stage_id]["median"] = days(sum(durations) / len(durations))
    return figures
