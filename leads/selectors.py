"""Reads of the sales admin: what a user may see, the board, tasks and summaries.

Every function returns data with a fixed number of queries, whatever the number of deals.
"""

from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .choices import DealStatus, Qualification
from .models import Deal, Pipeline, Task
from .permissions import deal_policy

BOARD_CARDS_PER_STAGE = 50


def deals_visible_to(user) -> QuerySet[Deal]:
    """The deals ``user`` may see, by the deal permission policy (``leads/permissions.py``)."""
    return deal_policy.scope(user)


def deal_list_for_board(*, pipeline: Pipeline, user) -> list[dict]:
    """Columns of the pipeline board: each stage with its count, total amount and newest cards."""
    stages = list(pipeline.stages.order_by("sort_order"))
    now = timezone.now()
    visible = deals_visible_to(user).filter(pipeline=pipeline)
    totals = {
        row["stage_id"]: row
        for row in visible.values("stage_id")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by()
    }
    cards = (
        visible.select_related("contact", "owner", "stage")
        .annotate(
            overdue_tasks=Count(
                "tasks", filter=Q(tasks__done_at__isnull=True, tasks__due_at__lt=now)
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
    return [
        {
            "stage": stage,
            "deals": by_stage.get(stage.pk, []),
            "count": totals.get(stage.pk, {}).get("count", 0),
            "total": totals.get(stage.pk, {}).get("total") or 0,
        }
        for stage in stages
    ]


def task_list_for_user(*, user) -> dict[str, list[Task]]:
    """Open tasks of a user: overdue, due today and upcoming."""
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=999999)
    tasks = list(
        Task.objects.filter(assignee=user, done_at__isnull=True)
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
    """Open deals and their total per pipeline, plus this month's won total."""
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rows = (
        deals_visible_to(user)
        .values("pipeline_id", "pipeline__name")
        .annotate(
            open_count=Count("pk", filter=Q(status=DealStatus.OPEN)),
            open_total=Sum("amount", filter=Q(status=DealStatus.OPEN)),
            won_total=Sum("amount", filter=Q(status=DealStatus.WON, closed_at__gte=month_start)),
        )
        .order_by("pipeline__name")
    )
    return list(rows)
