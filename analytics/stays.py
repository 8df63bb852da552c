"""Stays in a stage, read from the stage history: a stay begins with the change that brought
the deal into the stage and ends with the deal's next change.

A stay is found from its *end*: the change that took the deal out of a stage (its
``from_stage``) in the period, and the deal's previous change, its beginning (the deal's
creation when no earlier change is recorded). Starting from the ends keeps the work to the
period's changes, and gives each stay a plain (not windowed) duration, so that the percentiles
can number the stays with window functions in the same query.

Percentiles are nearest-rank, computed in the database portably (SQLite has no percentile
function): the stays of each stage are numbered in the order of their duration
(``ROW_NUMBER``) beside their number n (``COUNT`` over the same partition), and only the rows
whose number is a wanted rank come back: ⌈0.9·n⌉ for the 90th percentile, ⌊(n+1)/2⌋ and
⌊(n+2)/2⌋ for the median (the mean of the two middle stays when n is even).
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

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
        extra.setdefault("template", "EXTRACT(EPOCH FROM (%(expressions)s))")
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, connection, **extra)


def stay_ends(deals, period: Period, stage_ids: list[int]):
    """The changes that ended a stay in one of ``stage_ids`` in ``period``, of ``deals``: one
    row per stay, its stage in ``from_stage_id``."""
    return StageChange.objects.filter(
        deal__in=deals.values("pk"),
        from_stage_id__in=stage_ids,
        changed_at__gte=period.since,
        changed_at__lt=period.until,
    )


def with_duration(ends):
    """``ends`` with each stay's ``started`` and ``duration`` (seconds)."""
    previous = (
        StageChange.objects.filter(deal_id=OuterRef("deal_id"))
        .filter(
            Q(changed_at__lt=OuterRef("changed_at"))
            | Q(changed_at=OuterRef("changed_at"), pk__lt=OuterRef("pk"))
        )
        .order_by("-changed_at", "-pk")
        .values("changed_at")[:1]
    )
    return ends.annotate(
        started=Coalesce(
            Subquery(previous, output_field=DateTimeField()),
            F("deal__created_at"),
            output_field=DateTimeField(),
        ),
        duration=Seconds(F("changed_at"), F("started")),
    )


def stay_figures(deals, period: Period, stage_ids: list[int]) -> dict[int, dict]:
    """Per stage id: ``stays``, ``deals`` (distinct), ``mean``, ``median`` and ``p90`` (Decimal
    days) of the stays that ended in ``period``. Two queries."""
    ends = stay_ends(deals, period, stage_ids)
    figures = {
        row["from_stage_id"]: {"stays": row["stays"], "deals": row["deals"]}
        for row in ends.values("from_stage_id")
        .annotate(stays=Count("pk"), deals=Count("deal_id", distinct=True))
        .order_by()
    }
    by_stage = [F("from_stage_id")]
    ranked = (
        with_duration(ends)
        .annotate(
            position=Window(
                RowNumber(), partition_by=by_stage, order_by=[F("duration").asc(), F("pk").asc()]
            ),
            total=Window(Count("pk"), partition_by=by_stage),
            mean=Window(Avg("duration"), partition_by=by_stage),
        )
        .annotate(
            low=ExpressionWrapper((F("total") + 1) / 2, output_field=IntegerField()),
            high=ExpressionWrapper((F("total") + 2) / 2, output_field=IntegerField()),
            p90=ExpressionWrapper((F("total") * 9 + 9) / 10, output_field=IntegerField()),
        )
        .filter(Q(position=F("low")) | Q(position=F("high")) | Q(position=F("p90")))
        .values("from_stage_id", "position", "low", "high", "p90", "duration", "mean")
        .order_by()
    )
    middles: dict[int, list[float]] = {}
    for row in ranked:
        stage = figures.setdefault(row["from_stage_id"], {"stays": 0, "deals": 0})
        stage["mean"] = days(row["mean"])
        if row["position"] in (row["low"], row["high"]):
            middles.setdefault(row["from_stage_id"], []).append(row["duration"])
        if row["position"] == row["p90"]:
            stage["p90"] = days(row["duration"])
    for stage_id, durations in middles.items():
        figures[stage_id]["median"] = days(sum(durations) / len(durations))
    return figures
