"""Time in stage: how long deals stay in each open stage of a pipeline, and how long the open
deals have been waiting in theirs.

Finished stays are read from the stage history (``analytics.stays``): a stay runs from the
change into the stage to the deal's next change, and counts in the period it *ended* in (a
stay from December to January is January's). A deal back in a stage a second time (reopened,
or moved back) makes a second stay. The open deals' current age is measured at the scope's
"now" from the deal's ``stage_entered_at``; stale means older than the stage's "stale after"
days (the board's rule). Four queries (five when the filters chose no pipeline).
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    F,
    Min,
    Q,
    Value,
)
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus

from ..base import Chart, Column, Kind, Report, Scope, Table
from ..key_figures import KeyFigure
from ..stages import Stages, pipeline_deals, stages_of
from ..stays import Seconds, days, stay_ends, stay_figures

TITLE = _("Time in stage")

DEFINITIONS = _(
    "A stay in a stage runs from the deal's move into the stage to its next move (to any "
    "stage); the table counts the stays that ended in the period, whenever they began. A deal "
    "that came back to a stage (moved back, or reopened) stays there twice. Stays: their "
    "number; deals: the deals they belong to. Mean, median and 90th percentile of the stays' "
    "days: the median is the middle stay (the mean of the two middle ones when their number is "
    "even); the 90th percentile is the shortest stay that nine stays in ten do not exceed "
    "(nearest rank). "
    "Open now: the open deals in the stage at this moment, whatever the period; their age is "
    "the time since they entered the stage: the mean and the oldest. Stale: open deals older "
    "than the stage's “stale after” days (stages without that limit never have stale deals)."
)

COLUMNS = [
    Column("stage", _("Stage")),
    Column(
        "stays", _("Stays"), Kind.COUNT, help_text=_("Stays in the stage that ended in the period.")
    ),
    Column("deals", _("Deals"), Kind.COUNT, cohort="stays"),
    Column("mean", _("Mean, days"), Kind.DAYS),
    Column("median", _("Median, days"), Kind.DAYS),
    Column("p90", _("90th percentile, days"), Kind.DAYS),
    Column("open", _("Open now"), Kind.COUNT, cohort="open"),
    Column("mean_age", _("Mean age, days"), Kind.DAYS),
    Column("oldest_age", _("Oldest, days"), Kind.DAYS),
    Column("stale_after", _("Stale after, days"), Kind.NUMBER),
    Column("stale", _("Stale"), Kind.COUNT, cohort="stale"),
]


def _stale(scope: Scope, stages: Stages) -> Q | None:
    """Open deals past their stage's limit; None when no stage has one."""
    stale = None
    for stage in stages.open:
        if stage.stale_after_days is not None:
            limit = scope.now - datetime.timedelta(days=stage.stale_after_days)
            clause = Q(stage_id=stage.pk, stage_entered_at__lt=limit)
            stale = clause if stale is None else stale | clause
    return stale


def _open_deals(scope: Scope, stages: Stages):
    return pipeline_deals(scope, stages).filter(
        status=DealStatus.OPEN, stage_id__in=stages.ids(stages.open)
    )


def _ages(scope: Scope, stages: Stages) -> dict[int, dict]:
    # seconds in SQL (julianday on SQLite): Django's datetime subtraction there calls a
    # Python function per open deal
    age = Seconds(Value(scope.now, output_field=DateTimeField()), F("stage_entered_at"))
    stale = _stale(scope, stages)
    return {
        row["stage_id"]: row
        for row in _open_deals(scope, stages)
        .values("stage_id")
        .annotate(
            open=Count("pk"),
            mean_age=Avg(age),
            entered=Min("stage_entered_at"),
            stale=Count("pk", filter=stale) if stale is not None else Value(0),
        )
        .order_by()
    }


def build(scope: Scope) -> Report:
    stages = stages_of(scope)
    notes = [stages.note] if stages.note else []
    if stages.pipeline is None:
        notes.append(gettext("There is no pipeline yet."))
    deals = pipeline_deals(scope, stages)
    stays = stay_figures(deals, scope.period, stages.ids(stages.open))
    ages = _ages(scope, stages)
    rows = []
    for stage in stages.open:
        stay = stays.get(stage.pk, {})
        age = ages.get(stage.pk, {})
        rows.append(
            {
                "key": str(stage.pk),
                "stage": stage.name,
                "stays": stay.get("stays", 0),
                "deals": stay.get("deals", 0),
                "mean": stay.get("mean"),
                "median": stay.get("median"),
                "p90": stay.get("p90"),
                "open": age.get("open", 0),
                "mean_age": days(age.get("mean_age")),
                "oldest_age": days(scope.now - age["entered"]) if age else None,
                "stale_after": None
                if stage.stale_after_days is None
                else Decimal(stage.stale_after_days),
                "stale": age.get("stale", 0),
            }
        )
    return Report(
        tables=[
            Table(
                "stage_time",
                gettext("Time in stage"),
                COLUMNS,
                rows,
                chart=Chart("hbar", "stage", ("mean", "median", "p90"), gettext("Days in stage")),
                totals=_totals(rows),
            )
        ],
        notes=notes,
    )


def cohort(scope: Scope, name: str, key: str):
    """The deals a figure counts, per open stage: ``stays`` (a stay there ended in the
    period), ``open`` (open there now) and ``stale`` (of those, past the stage's limit); the
    totals row (``all``): ``open`` and ``stale`` in every open stage."""
    stages = stages_of(scope)
    if key == ALL and name in ("open", "stale"):
        open_deals = _open_deals(scope, stages)
    else:
        stage = {str(stage.pk): stage for stage in stages.open}.get(str(key))
        if stage is None:
            return None
        deals = pipeline_deals(scope, stages)
        if name == "stays":
            ends = stay_ends(deals, scope.period, [stage.pk])
            return deals.filter(pk__in=ends.values("deal_id"))
        open_deals = _open_deals(scope, stages).filter(stage_id=stage.pk)
    if name == "open":
        return open_deals
    if name == "stale":
        stale = _stale(scope, stages)
        return open_deals.filter(stale) if stale is not None else open_deals.none()
    return None


#: the key of the totals row: every open stage
ALL = "all"


def _totals(rows: list[dict]) -> dict:
    """The open and stale deals of every open stage, and the stays (the deals column is left
    empty: a deal may have stays in several stages)."""
    return {
        "key": ALL,
        "stage": gettext("All open stages"),
        "stays": sum(row["stays"] for row in rows),
        "open": sum(row["open"] for row in rows),
        "stale": sum(row["stale"] for row in rows),
    }


QUESTION = _("Where deals get stuck: the open deals waiting longer than their stage allows.")


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the open deals now past their stage's "stale after" limit and all
    the open deals (the default pipeline when the filters chose none), as the totals row
    counts them. Three queries: the pipeline and its stages, one count of both."""
    stages = stages_of(scope)
    stale = _stale(scope, stages)
    counts = {"open": Count("pk")}
    if stale is not None:
        counts["stale"] = Count("pk", filter=stale)
    found = _open_deals(scope, stages).order_by().aggregate(**counts)
    return [
        KeyFigure(gettext("Stale open deals"), found.get("stale") or 0, cohort="stale", key=ALL),
        KeyFigure(gettext("Open deals"), found["open"] or 0, cohort="open", key=ALL),
    ]
