"""Reads of the sales admin: what a user may see, the board, tasks and summaries.

Every function returns data with a fixed number of queries, whatever the number of deals.
"""

import datetime
from decimal import Decimal

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.models import Page

from serving.public import public

from .choices import DealStatus, Qualification, StageKind
from .models import Deal, LostReason, Pipeline, Task
from .permissions import deal_policy

BOARD_CARDS_PER_STAGE = 50
#: the won column shows deals won in these last days; older ones are a link to the deals list
BOARD_WON_DAYS = 30
#: the lost reason a declined proposal suggests, as migration 0006 named it
DECLINED_REASON_NAMES = ("Proposal declined", "Предложение отклонено")


def _add_total(totals: dict[str, Decimal], currency: str, amount) -> None:
    if amount is not None:
        totals[currency] = totals.get(currency, Decimal(0)) + amount


def _total_list(totals: dict[str, Decimal]) -> list[dict]:
    """``[{"currency": "RUB", "amount": Decimal}, …]``: one per currency, never summed across."""
    return [{"currency": code, "amount": totals[code]} for code in sorted(totals)]


def declined_reason_for(deal: Deal) -> LostReason | None:
    """The "Proposal declined" lost reason (migration 0006, in either site language) when the
    deal's latest proposal was declined: the deal page offers it first for closing as lost."""
    from proposals.choices import ProposalStatus

    latest = deal.proposals.order_by("-created_at", "-pk").values_list("status", flat=True)[:1]
    if list(latest) != [ProposalStatus.DECLINED]:
        return None
    return LostReason.objects.filter(name__in=DECLINED_REASON_NAMES, is_active=True).first()


def deals_visible_to(user) -> QuerySet[Deal]:
    """The deals ``user`` may see, by the deal permission policy (``leads/permissions.py``)."""
    return deal_policy.scope(user)


def deal_list_for_board(*, pipeline: Pipeline, user) -> list[dict]:
    """Columns of the pipeline board: each stage with its count, its totals per currency and
    its newest cards.

    A won column holds the deals won in the last ``BOARD_WON_DAYS`` days (whole days of the
    current time zone, so that the deals list's "Closed" dates can name the rest); ``older``
    counts the earlier ones and links to the deals list showing just them (None when none).
    """
    stages = list(pipeline.stages.order_by("sort_order"))
    now = timezone.now()
    first_day = timezone.localdate(now) - datetime.timedelta(days=BOARD_WON_DAYS)
    won_before = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    won_ids = [stage.pk for stage in stages if stage.kind == StageKind.WON]
    visible = deals_visible_to(user).filter(pipeline=pipeline)
    older_won = Q(stage_id__in=won_ids, closed_at__lt=won_before)
    counts: dict[int, int] = {}
    older: dict[int, int] = {}
    totals: dict[int, dict[str, Decimal]] = {}
    for row in (
        visible.annotate(
            is_older=Case(
                When(older_won, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .values("stage_id", "currency", "is_older")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by()
    ):
        stage_id = row["stage_id"]
        if row["is_older"]:
            older[stage_id] = older.get(stage_id, 0) + row["count"]
            continue
        counts[stage_id] = counts.get(stage_id, 0) + row["count"]
        _add_total(totals.setdefault(stage_id, {}), row["currency"], row["total"])
    if won_ids:
        visible = visible.exclude(older_won)
    cards = (
        visible.select_related("contact", "owner", "stage")
        .annotate(
            overdue_tasks=Count(
                "tasks",
                filter=Q(
                    tasks__done_at__isnull=True,
                    tasks__cancelled_at__isnull=True,
                    tasks__due_at__lt=now,
                ),
            ),
            position=Window(
                RowNumber(), partition_by=[F("stage_id")], order_by=F("stage_entered_at").desc()
            ),
        )
        .filter(position__lte=BOARD_CARDS_PER_STAGE)
        .order_by("stage_id", "position")
    )
    by_stage: dict[int, list[Deal]] = {}
    for deal in cards:
        by_stage.setdefault(deal.stage_id, []).append(deal)
    # the deals list's filters (leads.filters.DealFilterSet): that stage, closed up to the day
    # before the column's first day (Wagtail's date range picker names its fields _from / _to)
    older_to = (first_day - datetime.timedelta(days=1)).isoformat()
    deals_url = reverse("leads_deals:index")
    return [
        {
            "stage": stage,
            "deals": by_stage.get(stage.pk, []),
            "count": counts.get(stage.pk, 0),
            "totals": _total_list(totals.get(stage.pk, {})),
            "older": (
                {
                    "count": older[stage.pk],
                    "url": f"{deals_url}?"
                    + urlencode({"stage": stage.pk, "closed_at_to": older_to}),
                }
                if older.get(stage.pk)
                else None
            ),
        }
        for stage in stages
    ]


def task_list_for_user(*, user) -> dict[str, list[Task]]:
    """A user's tasks still to do (of open deals, or of a contact alone): overdue, due today
    and upcoming."""
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=999999)
    tasks = list(
        Task.objects.actionable()
        .filter(assignee=user)
        .select_related("deal", "contact")
        .order_by("due_at")[:300]
    )
    return {
        "overdue": [t for t in tasks if t.due_at < now],
        "today": [t for t in tasks if now <= t.due_at <= end_of_day],
        "upcoming": [t for t in tasks if t.due_at > end_of_day],
    }


def deal_list_new_requests(*, user, limit: int = 10) -> list[Deal]:
    """Requests still waiting for qualification."""
    return list(
        deals_visible_to(user)
        .filter(qualification=Qualification.NEW, status=DealStatus.OPEN)
        .select_related("contact", "pipeline")
        .order_by("-created_at")[:limit]
    )


def pipeline_summary(*, user) -> list[dict]:
    """Per pipeline: the open deals, their amounts and this month's won amounts, as lists of
    ``{"currency", "amount"}`` (one per currency, never summed across currencies)."""
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rows = (
        deals_visible_to(user)
        .values("pipeline_id", "pipeline__name", "currency")
        .annotate(
            open_count=Count("pk", filter=Q(status=DealStatus.OPEN)),
            open_total=Sum("amount", filter=Q(status=DealStatus.OPEN)),
            won_total=Sum("amount", filter=Q(status=DealStatus.WON, closed_at__gte=month_start)),
        )
        .order_by("pipeline__name", "pipeline_id")
    )
    summary: dict[int, dict] = {}
    for row in rows:
        item = summary.setdefault(
            row["pipeline_id"],
            {
                "pipeline_id": row["pipeline_id"],
                "pipeline__name": row["pipeline__name"],
                "open_count": 0,
                "open": {},
                "won": {},
            },
        )
        item["open_count"] += row["open_count"]
        _add_total(item["open"], row["currency"], row["open_total"])
        _add_total(item["won"], row["currency"], row["won_total"])
    return [
        {
            "pipeline_id": item["pipeline_id"],
            "pipeline__name": item["pipeline__name"],
            "open_count": item["open_count"],
            "open_totals": _total_list(item["open"]),
            "won_totals": _total_list(item["won"]),
        }
        for item in summary.values()
    ]


def request_source_page(value) -> Page | None:
    """The page a request says it was sent from (the form's hidden ``source_page``): a live,
    public page of the site, else None (a made-up or private id names nothing)."""
    try:
        page_id = int(value)
    except (TypeError, ValueError):
        return None
    return public(Page.objects.live()).filter(pk=page_id, depth__gt=1).first()
