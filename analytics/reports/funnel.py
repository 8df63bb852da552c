"""Funnel: how far the deals got through a pipeline's stages, and the open deals per stage now.

Two ways to say which deals count (the ``mode`` switch, :func:`extra_filters`):

* **cohort** (the default): the deals *created* in the period, followed to today, so a deal
  created in March that reaches a meeting in April counts; a deal created before the period
  never counts, even when it moves inside it;
* **entries**: the stage entries that *happened* in the period, whatever the deal's creation
  date, so a December deal moving in January counts in January's stages.

A deal counts in a stage when it entered it or **skipped over it**: moved forward, from an
earlier open stage (or from nothing: its creation) to a later open stage or to a won stage.
So a deal that jumped from S1 to S3 counts in S2 too (the "skipped" column says how many
did), and each stage holds at least the deals of the next: the funnel narrows. A move out of a
lost or won stage (a reopened deal) counts only for the stage it moved to.

The won and lost rows: in the cohort mode, the deals of the cohort that are won / lost now (a
deal lost and then reopened and won counts as won, and not as lost); in the entries mode, the
deals that entered a won / lost stage in the period (that deal counts in both when both moves
happened in the period). "Lost here" is the stage a deal left for the lost stage: in the cohort
mode, the last move of each deal lost now; in the entries mode, every move into a lost stage in
the period (distinct deals per stage).

Five queries in the cohort mode, four in the entries mode (one more when the filters chose no
pipeline), whatever the number of deals.
"""

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

import django_filters

from leads.choices import DealStatus
from leads.models import StageChange

from ..base import Chart, Column, Kind, Report, Scope, Table, money_add, rate
from ..key_figures import KeyFigure
from ..stages import Stages, pipeline_deals, stages_of

TITLE = _("Funnel")

COHORT, ENTRIES = "cohort", "entries"
MODES = [
    (COHORT, _("Deals created in the period")),
    (ENTRIES, _("Stage entries in the period")),
]

DEFINITIONS = _(
    "Deals: in the “deals created in the period” mode (the default), the deals created in the "
    "period, followed to today, whatever the date of their moves; in the “stage entries in the "
    "period” mode, the deals that moved into the stage in the period, whatever their creation "
    "date. "
    "A deal counts in every stage it entered and in every stage it skipped over on its way "
    "forward (a deal moved from “New request” straight to “Meeting” counts in “Qualified” "
    "too; “skipped it” says how many of the stage's deals did), so each stage holds at least "
    "the deals of the next one. A reopened deal counts only in the stage it was reopened to. "
    "Won and lost: in the first mode, the deals of the period that are won or lost now (a deal "
    "lost, reopened and then won counts as won only); in the second, the deals that were won "
    "or lost in the period. "
    "Of the first stage: the stage's deals ÷ the first stage's deals. To the next stage: the "
    "next stage's deals ÷ this stage's deals (from the last open stage: to won); in the stage "
    "entries mode it compares moves of the same period and can exceed 100 %. "
    "Lost here: the deals that went from this stage to a lost stage (in the first mode, the "
    "last loss of each deal lost now; in the second, the losses of the period). "
    "Open now: the open deals in each stage at this moment, whatever the period, their "
    "amounts per currency and their share of all open deals."
)

FUNNEL_COLUMNS = [
    Column("stage", _("Stage")),
    Column(
        "reached",
        _("Deals"),
        Kind.COUNT,
        cohort="reached",
        help_text=_("Deals that entered the stage or skipped over it."),
    ),
    Column(
        "skipped",
        _("Skipped it"),
        Kind.COUNT,
        cohort="skipped",
        help_text=_("Of those, the deals that passed the stage without entering it."),
    ),
    Column("of_first", _("Of the first stage"), Kind.PERCENT),
    Column("to_next", _("To the next stage"), Kind.PERCENT),
    Column("lost_at", _("Lost here"), Kind.COUNT, cohort="lost_at"),
]

OPEN_COLUMNS = [
    Column("stage", _("Stage")),
    Column("open_now", _("Open deals"), Kind.COUNT, cohort="open_now"),
    Column("amount", _("Amount"), Kind.MONEY),
    Column("share", _("Share of open deals"), Kind.PERCENT),
]


def extra_filters() -> dict:
    """The mode switch: which deals the funnel counts (it filters nothing itself)."""
    return {
        "mode": django_filters.ChoiceFilter(
            label=_("Count"),
            choices=MODES,
            empty_label=None,
            method=lambda queryset, name, value: queryset,
        )
    }


def _mode(scope: Scope) -> str:
    return ENTRIES if scope.params.get("mode") == ENTRIES else COHORT


def _counted(scope: Scope, stages: Stages):
    """The deals the funnel follows and the stage changes that count, as the mode says."""
    deals = pipeline_deals(scope, stages)
    period = scope.period
    if _mode(scope) == COHORT:
        deals = deals.filter(created_at__gte=period.since, created_at__lt=period.until)
        return deals, StageChange.objects.filter(deal__in=deals.values("pk"))
    changes = StageChange.objects.filter(
        deal__in=deals.values("pk"), changed_at__gte=period.since, changed_at__lt=period.until
    )
    return deals, changes


def _passes(stages: Stages, index: int) -> Q:
    """The moves that bring a deal into the open stage ``stages.open[index]`` or over it."""
    stage = stages.open[index]
    passes = Q(to_stage_id=stage.pk)
    later = stages.ids(stages.open[index + 1 :] + stages.won)
    if later:
        earlier = stages.ids(stages.open[:index])
        passes |= Q(to_stage_id__in=later) & (
            Q(from_stage__isnull=True) | Q(from_stage_id__in=earlier)
        )
    return passes


def _lost_moves(scope: Scope, stages: Stages, changes):
    """The moves into a lost stage that "lost here" counts (by their ``from_stage``)."""
    moves = changes.filter(to_stage_id__in=stages.ids(stages.lost))
    if _mode(scope) == ENTRIES:
        return moves
    later = StageChange.objects.filter(deal_id=OuterRef("deal_id")).filter(
        Q(changed_at__gt=OuterRef("changed_at"))
        | Q(changed_at=OuterRef("changed_at"), pk__gt=OuterRef("pk"))
    )
    return moves.filter(deal__status=DealStatus.LOST).exclude(Exists(later))


def _terminal(scope: Scope, stage, deals, changes):
    """The deals of a won or lost row: where they are now (cohort), or who moved there."""
    if _mode(scope) == COHORT:
        return deals.filter(stage_id=stage.pk)
    return deals.filter(pk__in=changes.filter(to_stage_id=stage.pk).values("deal_id"))


def _funnel_rows(scope: Scope, stages: Stages) -> list[dict]:
    deals, changes = _counted(scope, stages)
    cohort_mode = _mode(scope) == COHORT
    counts = {}
    for index, stage in enumerate(stages.open):
        counts[f"r{stage.pk}"] = Count("deal_id", distinct=True, filter=_passes(stages, index))
        counts[f"e{stage.pk}"] = Count("deal_id", distinct=True, filter=Q(to_stage_id=stage.pk))
    if not cohort_mode:
        for stage in stages.won + stages.lost:
            counts[f"r{stage.pk}"] = Count("deal_id", distinct=True, filter=Q(to_stage_id=stage.pk))
    figures = changes.order_by().aggregate(**counts) if counts else {}
    if cohort_mode:
        terminal = stages.ids(stages.won + stages.lost)
        for row in (
            deals.filter(stage_id__in=terminal)
            .values("stage_id")
            .annotate(count=Count("pk"))
            .order_by()
        ):
            figures[f"r{row['stage_id']}"] = row["count"]
    lost_at = {
        row["from_stage_id"]: row["count"]
        for row in _lost_moves(scope, stages, changes)
        .values("from_stage_id")
        .annotate(count=Count("deal_id", distinct=True))
        .order_by()
    }
    reached = {stage.pk: figures.get(f"r{stage.pk}") or 0 for stage in stages.ordered}
    first = reached[stages.open[0].pk] if stages.open else 0
    won = sum(reached[stage.pk] for stage in stages.won)
    rows = []
    for index, stage in enumerate(stages.ordered):
        is_open = index < len(stages.open)
        if index + 1 < len(stages.open):
            to_next = rate(reached[stages.open[index + 1].pk], reached[stage.pk])
        elif is_open:
            to_next = rate(won, reached[stage.pk])
        else:
            to_next = None
        rows.append(
            {
                "key": str(stage.pk),
                "stage": stage.name,
                "reached": reached[stage.pk],
                "skipped": reached[stage.pk] - (figures.get(f"e{stage.pk}") or 0)
                if is_open
                else None,
                "of_first": rate(reached[stage.pk], first),
                "to_next": to_next,
                "lost_at": lost_at.get(stage.pk, 0) if is_open else None,
            }
        )
    return rows


def _open_rows(scope: Scope, stages: Stages) -> tuple[list[dict], dict, int]:
    counts, amounts, without_amount = {}, {}, 0
    for row in (
        pipeline_deals(scope, stages)
        .filter(status=DealStatus.OPEN)
        .values("stage_id", "currency")
        .annotate(
            count=Count("pk"),
            total=Sum("amount"),
            without_amount=Count("pk", filter=Q(amount__isnull=True)),
        )
        .order_by()
    ):
        counts[row["stage_id"]] = counts.get(row["stage_id"], 0) + row["count"]
        money_add(amounts.setdefault(row["stage_id"], {}), row["currency"], row["total"])
        without_amount += row["without_amount"]
    total = sum(counts.values())
    rows = [
        {
            "key": str(stage.pk),
            "stage": stage.name,
            "open_now": counts.get(stage.pk, 0),
            "amount": amounts.get(stage.pk, {}),
            "share": rate(counts.get(stage.pk, 0), total),
        }
        for stage in stages.open
    ]
    totals = {"stage": gettext("All open deals"), "open_now": total, "share": rate(total, total)}
    totals["amount"] = {}
    for money in amounts.values():
        for currency, amount in money.items():
            money_add(totals["amount"], currency, amount)
    return rows, totals, without_amount


def build(scope: Scope) -> Report:
    stages = stages_of(scope)
    notes = [stages.note] if stages.note else []
    if stages.pipeline is None:
        notes.append(gettext("There is no pipeline yet."))
    open_rows, open_totals, without_amount = _open_rows(scope, stages)
    if without_amount:
        notes.append(
            ngettext(
                "%(count)d open deal has no amount: it counts in the open deals but adds "
                "nothing to their amount.",
                "%(count)d open deals have no amount: they count in the open deals but add "
                "nothing to their amount.",
                without_amount,
            )
            % {"count": without_amount}
        )
    title = dict(MODES)[_mode(scope)]
    return Report(
        tables=[
            Table(
                "funnel",
                gettext("Funnel: %(mode)s") % {"mode": title},
                FUNNEL_COLUMNS,
                _funnel_rows(scope, stages),
                chart=Chart("funnel", "stage", ("reached",), gettext("Deals per stage")),
            ),
            Table(
                "open_now",
                gettext("Open deals per stage now"),
                OPEN_COLUMNS,
                open_rows,
                chart=Chart("hbar", "stage", ("open_now",), gettext("Open deals now")),
                totals=open_totals,
            ),
        ],
        notes=notes,
    )


def cohort(scope: Scope, name: str, key: str):
    """The deals a figure counts: ``reached``, ``skipped`` and ``lost_at`` per stage of the
    funnel (in the scope's mode), ``open_now`` per open stage."""
    stages = stages_of(scope)
    stage = stages.by_key.get(str(key))
    if stage is None:
        return None
    if name == "open_now":
        if stage not in stages.open:
            return None
        return pipeline_deals(scope, stages).filter(status=DealStatus.OPEN, stage_id=stage.pk)
    deals, changes = _counted(scope, stages)
    if name == "reached":
        if stage in stages.open:
            passes = _passes(stages, stages.open.index(stage))
            return deals.filter(pk__in=changes.filter(passes).values("deal_id"))
        return _terminal(scope, stage, deals, changes)
    if stage not in stages.open:
        return None
    if name == "skipped":
        passes = _passes(stages, stages.open.index(stage))
        return deals.filter(pk__in=changes.filter(passes).values("deal_id")).exclude(
            pk__in=changes.filter(to_stage_id=stage.pk).values("deal_id")
        )
    if name == "lost_at":
        moves = _lost_moves(scope, stages, changes).filter(from_stage_id=stage.pk)
        return deals.filter(pk__in=moves.values("deal_id"))
    return None


QUESTION = _("How many of the period's requests moved on, stage by stage, up to a win.")


def key_figure(scope: Scope) -> list:
    """The overview card: the deals created in the period (the cohort mode, the default
    pipeline when the filters chose none) that reached the first stage, those won now, and
    the share of the first stage won (the funnel's "of the first stage" on the won row). Three
    queries: the pipeline and its stages, then one count of both."""
    stages = stages_of(scope)
    if not stages.open:
        return []
    period = scope.period
    reached_first = Exists(
        StageChange.objects.filter(deal_id=OuterRef("pk")).filter(_passes(stages, 0))
    )
    counts = (
        pipeline_deals(scope, stages)
        .filter(created_at__gte=period.since, created_at__lt=period.until)
        .order_by()
        .aggregate(
            first=Count("pk", filter=Q(reached_first)),
            won=Count("pk", filter=Q(stage_id__in=stages.ids(stages.won))),
        )
    )
    mode = {"mode": COHORT}
    first = stages.open[0]
    won_key = str(stages.won[0].pk) if len(stages.won) == 1 else None
    return [
        KeyFigure(
            gettext("Share of requests won"), rate(counts["won"], counts["first"]), Kind.PERCENT
        ),
        KeyFigure(first.name, counts["first"], cohort="reached", key=str(first.pk), params=mode),
        KeyFigure(
            stages.won[0].name if won_key else gettext("Won"),
            counts["won"],
            cohort="reached" if won_key else None,
            key=won_key,
            params=mode,
        ),
    ]
