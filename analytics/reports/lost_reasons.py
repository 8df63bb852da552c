"""Lost reasons: why the deals lost in the period were lost, how much money that was, and at
which stage of the pipeline they were lost."""

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads.choices import DealStatus, StageKind
from leads.models import Stage, StageChange

from ..base import Chart, Column, Kind, Report, Scope, Table, money_add, rate
from ..figures import NONE_KEY, closed_in, row_key
from ..key_figures import KeyFigure

TITLE = _("Lost reasons")
DEFINITIONS = _(
    "Counts the deals lost in the period: status lost and closed in the period, whenever they "
    "were created (a deal lost and then reopened is not lost any more and is not counted). "
    "Amount: their amounts per currency, never summed across currencies; deals without an "
    "amount add nothing to it. Share: the reason's (or stage's) lost deals ÷ all the deals "
    "lost in the period. Lost at stage: the stage the deal was in when it was moved to the "
    'lost stage (the last such move, if it was lost more than once); "unknown" when no move '
    "to a lost stage was recorded or its stage was deleted."
)

COUNT_COLUMNS = [
    Column("lost", _("Lost deals"), Kind.COUNT),
    Column("amount", _("Amount"), Kind.MONEY),
    Column("share", _("Share of lost deals"), Kind.PERCENT),
]


def _lost(scope: Scope):
    """The deals lost in the period, each with the stage it was lost at (``lost_from``)."""
    last_loss = StageChange.objects.filter(
        deal=OuterRef("pk"), to_stage__kind=StageKind.LOST
    ).order_by("-changed_at", "-pk")
    return (
        scope.deals.order_by()
        .filter(closed_in(scope.period), status=DealStatus.LOST)
        .annotate(lost_from=Subquery(last_loss.values("from_stage")[:1]))
    )


def build(scope: Scope) -> Report:
    """Two queries: the lost deals by reason, stage and currency; the names of the stages."""
    groups = (
        _lost(scope)
        .values_list("lost_reason", "lost_reason__name", "lost_from", "currency")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    )
    reasons: dict[str, dict] = {}
    stages: dict[str, dict] = {}
    pairs: dict[str, dict] = {}
    total = {"lost": 0, "amount": {}}
    for reason_id, reason_name, stage_id, currency, count, amount in groups:
        reason_key, stage_key = row_key(reason_id), row_key(stage_id)
        reason = reason_name or _("(no reason)")
        for row in (
            reasons.setdefault(reason_key, {"reason": reason, "lost": 0, "amount": {}}),
            stages.setdefault(stage_key, {"stage": stage_id, "lost": 0, "amount": {}}),
            pairs.setdefault(
                f"{reason_key}/{stage_key}",
                {"reason": reason, "stage": stage_id, "lost": 0, "amount": {}},
            ),
            total,
        ):
            row["lost"] += count
            money_add(row["amount"], currency, amount)

    # every stage (a few dozen rows): one query whatever the lost deals. Pipelines share stage
    # names ("New request"): when the lost deals come from several, a stage is named with its
    # pipeline, and rows follow the pipelines' order, then the stages' (ids break ties).
    names = {
        pk: ((pipeline_order, pipeline, order, pk), pipeline, name)
        for pk, pipeline_order, pipeline, order, name in Stage.objects.values_list(
            "pk", "pipeline__sort_order", "pipeline__name", "sort_order", "name"
        )
    }
    unknown = ((10**9, "", 0, 0), "", str(_("(unknown)")))
    seen = {names.get(row["stage"], unknown)[1] for row in stages.values()} - {""}
    for row in [*stages.values(), *pairs.values()]:
        row["order"], pipeline, name = names.get(row.pop("stage"), unknown)
        row["stage"] = f"{pipeline}: {name}" if len(seen) > 1 and pipeline else name

    def finish(rows: dict, order) -> list[dict]:
        result = [
            {"key": key, **row, "share": rate(row["lost"], total["lost"])}
            for key, row in rows.items()
        ]
        result.sort(key=order)
        for row in result:
            row.pop("order", None)
        return result

    by_count = lambda row: (-row["lost"], str(row["reason"]))  # noqa: E731
    totals = {**total, "share": rate(total["lost"], total["lost"])}
    reason_table = Table(
        name="reasons",
        title=_("By reason"),
        columns=[Column("reason", _("Reason")), *_linked(COUNT_COLUMNS, "reason")],
        rows=finish(reasons, by_count),
        chart=Chart("hbar", "reason", ("lost",), title=_("Lost deals by reason")),
        totals={"reason": _("Total"), **totals},
    )
    stage_table = Table(
        name="stages",
        title=_("By the stage they were lost at"),
        columns=[Column("stage", _("Lost at stage")), *_linked(COUNT_COLUMNS, "stage")],
        rows=finish(stages, lambda row: row["order"]),
        chart=Chart("bar", "stage", ("lost",), title=_("Lost deals by stage")),
        totals={"stage": _("Total"), **totals},
    )
    pair_table = Table(
        name="reasons_stages",
        title=_("By reason and stage"),
        columns=[
            Column("reason", _("Reason")),
            Column("stage", _("Lost at stage")),
            *_linked(COUNT_COLUMNS, "reason_stage"),
        ],
        rows=finish(pairs, lambda row: (str(row["reason"]), row["order"])),
        totals={"reason": _("Total"), "stage": "", **totals},
    )
    return Report(tables=[reason_table, stage_table, pair_table])


def _linked(columns: list[Column], cohort: str) -> list[Column]:
    return [
        Column(c.name, c.label, c.kind, cohort=cohort if c.kind == Kind.COUNT else None)
        for c in columns
    ]


def _key_q(field: str, key: str) -> dict | None:
    if key == NONE_KEY:
        return {f"{field}__isnull": True}
    if key.isdigit() and len(key) < 19:
        return {field: int(key)}
    return None


def cohort(scope: Scope, name: str, key: str):
    """``reason`` (key: the reason's id), ``stage`` (the stage's id) or ``reason_stage``
    (``"<reason>/<stage>"``); ``~none`` for no reason / unknown stage."""
    parts = {"reason": ("lost_reason",), "stage": ("lost_from",)}.get(name)
    if name == "reason_stage":
        parts = ("lost_reason", "lost_from")
    if parts is None:
        return None
    keys = key.split("/")
    if len(keys) != len(parts):
        return None
    lookups = {}
    for field, part in zip(parts, keys, strict=True):
        lookup = _key_q(field, part)
        if lookup is None:
            return None
        lookups.update(lookup)
    return scope.deals.filter(pk__in=_lost(scope).filter(**lookups).values("pk"))


QUESTION = _("Why deals are lost: the most frequent reason among the period's losses.")


def key_figure(scope: Scope) -> list[KeyFigure]:
    """The overview card: the reason of most deals lost in the period (ties: the first by
    name, the reasons table's first row), its share of the lost deals, how many it lost and
    how many were lost in all (the win rate report's lost deals: the same deals). One query."""
    counts = list(
        scope.deals.order_by()
        .filter(closed_in(scope.period), status=DealStatus.LOST)
        .values_list("lost_reason", "lost_reason__name")
        .annotate(n=Count("pk"))
    )
    total = sum(count for _reason, _name, count in counts)
    everything = KeyFigure(
        gettext("Lost deals"), total, cohort="lost", key="current", report="win_rate"
    )
    if not total:
        return [everything]
    reason, name, count = min(
        counts, key=lambda values: (-values[2], str(values[1] or _("(no reason)")))
    )
    return [
        KeyFigure(
            gettext("Top reason: %(reason)s") % {"reason": name or _("(no reason)")},
            rate(count, total),
            Kind.PERCENT,
        ),
        KeyFigure(gettext("Lost for this reason"), count, cohort="reason", key=row_key(reason)),
        everything,
    ]
