"""Deals moving through stages, tasks and the timeline."""

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ActivityKind, DealStatus, Qualification, StageKind, TaskKind
from ..models import Activity, Contact, Deal, LostReason, Pipeline, Stage, StageChange, Task

User = get_user_model()
SALES_GROUPS = ["Sales", "Sales managers"]
#: the key of a timeline note's data holding the id of the task asking whether to mark the deal
#: lost: closing the deal as lost marks that task done (the question is answered)
ASKS_WHETHER_LOST = "asks_whether_lost_task"


# Relations passed in as objects the caller holds: full_clean would read each row back only to
# confirm it exists, which the database's foreign keys guarantee anyway.
_GIVEN_RELATIONS = ["deal", "contact", "company", "pipeline", "stage", "owner", "author"]


def activity_log(
    *,
    kind: str,
    text: str = "",
    deal: Deal | None = None,
    contact: Contact | None = None,
    author=None,
    data: dict[str, Any] | None = None,
) -> Activity:
    """Write one timeline entry; a deal's entry also shows on its contact's and company's timelines."""
    if deal is not None:
        contact = contact or deal.contact
    activity = Activity(
        kind=kind,
        text=text,
        deal=deal,
        contact=contact,
        company=(deal.company if deal else None) or (contact.company if contact else None),
        author=author,
        data=data or {},
    )
    activity.full_clean(exclude=_GIVEN_RELATIONS)
    activity.save()
    return activity


def sales_users():
    """Who may own a deal: the active members of the Sales groups (the round-robin, the deal
    owner choices and the import's owners all ask this, so no deal goes to an editor)."""
    return User.objects.filter(
        is_active=True,
        pk__in=User.groups.through.objects.filter(group__name__in=SALES_GROUPS).values("user_id"),
    )


def owner_next():
    """The next active sales user after the owner of the newest assigned deal (round-robin)."""
    sales = list(sales_users().order_by("pk"))
    if not sales:
        return None
    last = (
        Deal.objects.filter(owner__isnull=False)
        .order_by("-pk")
        .values_list("owner_id", flat=True)
        .first()
    )
    following = [user for user in sales if last is not None and user.pk > last]
    return following[0] if following else sales[0]


def _create_stage_tasks(deal: Deal, stage: Stage) -> list[Task]:
    now = timezone.now()
    tasks = [
        Task(
            title=template.title,
            kind=template.kind,
            deal=deal,
            contact=deal.contact,
            due_at=now + datetime.timedelta(hours=template.due_after_hours),
            assignee=deal.owner,
        )
        for template in stage.task_templates.all()
    ]
    return Task.objects.bulk_create(tasks)


@transaction.atomic
def deal_create(
    *,
    contact: Contact,
    pipeline: Pipeline,
    title: str,
    owner=None,
    services=(),
    **fields: Any,
) -> Deal:
    """Open a deal at the pipeline's first stage, create that stage's tasks and log it."""
    stage = pipeline.stages.filter(kind=StageKind.OPEN).order_by("sort_order").first()
    if stage is None:
        raise ValidationError({"pipeline": _("This pipeline has no open stage.")})
    deal = Deal(
        title=title[:255],
        contact=contact,
        company=contact.company,
        pipeline=pipeline,
        stage=stage,
        owner=owner,
        **fields,
    )
    deal.full_clean(exclude=_GIVEN_RELATIONS)
    deal.save()
    if services:
        deal.services.set(services)
    StageChange.objects.create(deal=deal, from_stage=None, to_stage=stage)
    _create_stage_tasks(deal, stage)
    return deal


def _check_stage(deal: Deal, stage: Stage) -> None:
    if stage.pipeline_id != deal.pipeline_id:
        raise ValidationError({"stage": _("This stage belongs to another pipeline.")})


@transaction.atomic
def deal_move_to_stage(
    *,
    deal: Deal,
    stage: Stage,
    user=None,
    amount: Decimal | None = None,
    lost_reason: LostReason | None = None,
    comment: str = "",
) -> Deal:
    """Move a deal to another stage of its pipeline.

    A won stage needs the amount (or one already on the deal); a lost stage needs a reason.
    Entering a stage creates its tasks; every move is recorded and logged.
    """
    deal = (
        Deal.objects.select_for_update(of=("self",))
        .select_related("stage", "contact", "company")
        .get(pk=deal.pk)
    )
    _check_stage(deal, stage)
    if stage.pk == deal.stage_id:
        return deal
    errors = {}
    if stage.kind == StageKind.WON:
        amount = amount if amount is not None else deal.amount
        if amount is None:
            errors["amount"] = _("Enter the amount of the won deal.")
        elif amount <= 0:
            errors["amount"] = _("The amount must be greater than zero.")
    if stage.kind == StageKind.LOST and lost_reason is None:
        errors["lost_reason"] = _("Choose why the deal was lost.")
    if errors:
        raise ValidationError(errors)

    previous, previous_since = deal.stage, deal.stage_entered_at
    now = timezone.now()
    deal.stage = stage
    deal.stage_entered_at = now
    if stage.kind == StageKind.WON:
        deal.status, deal.amount, deal.closed_at = DealStatus.WON, amount, now
        deal.lost_reason, deal.lost_comment = None, ""
    elif stage.kind == StageKind.LOST:
        deal.status, deal.lost_reason, deal.lost_comment, deal.closed_at = (
            DealStatus.LOST,
            lost_reason,
            comment,
            now,
        )
    else:  # reopened: the reason it was lost no longer holds (the timeline keeps it)
        deal.status, deal.closed_at = DealStatus.OPEN, None
        deal.lost_reason, deal.lost_comment = None, ""
    deal.full_clean()
    deal.save()
    StageChange.objects.create(
        deal=deal,
        from_stage=previous,
        from_stage_since=previous_since,
        to_stage=stage,
        changed_by=user,
        changed_at=now,
    )
    if stage.kind == StageKind.OPEN:
        # a closed stage's own tasks would be cancelled at once: a closed deal has no open work
        _create_stage_tasks(deal, stage)
    text = _("%(from)s → %(to)s") % {"from": previous.name, "to": stage.name}
    kind = {StageKind.WON: ActivityKind.DEAL_WON, StageKind.LOST: ActivityKind.DEAL_LOST}.get(
        stage.kind, ActivityKind.STAGE_CHANGE
    )
    if stage.kind == StageKind.LOST:
        text += f" — {lost_reason}" + (f": {comment}" if comment else "")
    activity_log(
        kind=kind, text=text, deal=deal, author=user, data={"from": previous.pk, "to": stage.pk}
    )
    if stage.kind == StageKind.LOST:
        _answer_lost_question(deal, now=now, user=user)
    if stage.kind != StageKind.OPEN:
        _cancel_open_tasks(deal, now=now, user=user)
    elif previous.kind != StageKind.OPEN:
        _recall_cancelled_tasks(deal, user=user)
    return deal


def _answer_lost_question(
    deal: Deal,
    *,
    now: datetime.datetime,
    user=None,
    about_proposal: str | None = None,
    why: str = "",
) -> int:
    """Closing the deal as lost answers the open "mark the deal lost?" tasks: they are done,
    not cancelled. Such a task is the one a timeline note records under ``ASKS_WHETHER_LOST``
    (written by ``leads.services.milestones.deal_ask_whether_lost``).

    ``about_proposal`` keeps to the tasks asked about that proposal number; ``why`` goes on the
    timeline with each task marked done. Returns how many were."""
    notes = deal.activities.filter(data__has_key=ASKS_WHETHER_LOST)
    if about_proposal is not None:
        notes = notes.filter(data__about_proposal=about_proposal)
    ids = [
        pk
        for pk in notes.values_list(f"data__{ASKS_WHETHER_LOST}", flat=True)
        if isinstance(pk, int)
    ]
    tasks = list(deal.tasks.open().filter(pk__in=ids).order_by("due_at", "pk"))
    for task in tasks:
        task.done_at = now
        task.save(update_fields=["done_at"])
        text = f"{task.title} — {why}" if why else task.title
        activity_log(kind=ActivityKind.TASK_DONE, text=text, deal=deal, author=user)
    return len(tasks)


def _cancel_open_tasks(deal: Deal, *, now: datetime.datetime, user=None) -> None:
    """A closed deal has no open work: cancel its open tasks, in one timeline entry."""
    tasks = list(deal.tasks.open().order_by("due_at", "pk").values_list("pk", "title"))
    if not tasks:
        return
    ids = [pk for pk, _title in tasks]
    Task.objects.filter(pk__in=ids).update(cancelled_at=now)
    activity_log(
        kind=ActivityKind.TASKS_CANCELLED,
        text=_("The deal is closed; open tasks cancelled: %(tasks)s")
        % {"tasks": "; ".join(title for _pk, title in tasks)},
        deal=deal,
        author=user,
        data={"event": "closed", "task_ids": ids},
    )


def _recall_cancelled_tasks(deal: Deal, *, user=None) -> None:
    """A reopened deal gets nothing back by itself; the timeline says what its closing cancelled.

    That is the newest "closed" cancellation since the deal last entered an open stage before
    this reopening: a deal won, then moved to lost, had its tasks cancelled when it was won.
    """
    closing = deal.activities.filter(kind=ActivityKind.TASKS_CANCELLED, data__event="closed")
    # the newest move into an open stage is this reopening; the one before began the open spell
    opened = (
        deal.stage_changes.filter(to_stage__kind=StageKind.OPEN)
        .order_by("-changed_at", "-pk")
        .values_list("changed_at", flat=True)[1:2]
    )
    if opened:
        closing = closing.filter(created_at__gte=opened[0])
    entry = closing.order_by("-created_at", "-pk").first()
    ids = [pk for pk in (entry.data.get("task_ids") or []) if isinstance(pk, int)] if entry else []
    titles = list(
        Task.objects.filter(pk__in=ids, deal=deal)
        .order_by("due_at", "pk")
        .values_list("title", flat=True)
    )
    if not titles:
        return
    activity_log(
        kind=ActivityKind.TASKS_CANCELLED,
        text=_(
            "The deal is reopened; the tasks cancelled when it closed are not restored: "
            "%(tasks)s. Add again the ones still needed."
        )
        % {"tasks": "; ".join(titles)},
        deal=deal,
        author=user,
        data={"event": "reopened", "task_ids": ids},
    )


def _closing_stage(deal: Deal, kind: str) -> Stage:
    stage = deal.pipeline.stages.filter(kind=kind).order_by("sort_order").first()
    if stage is None:
        raise ValidationError(
            {"stage": _("This pipeline has no stage for closing the deal this way.")}
        )
    return stage


def deal_close_won(*, deal: Deal, amount: Decimal | None = None, user=None) -> Deal:
    """Close the deal as won at its pipeline's won stage."""
    return deal_move_to_stage(
        deal=deal, stage=_closing_stage(deal, StageKind.WON), user=user, amount=amount
    )


def deal_close_lost(*, deal: Deal, reason: LostReason | None, comment: str = "", user=None) -> Deal:
    """Close the deal as lost at its pipeline's lost stage, with the reason."""
    return deal_move_to_stage(
        deal=deal,
        stage=_closing_stage(deal, StageKind.LOST),
        user=user,
        lost_reason=reason,
        comment=comment,
    )


@transaction.atomic
def lead_qualify(
    *, deal: Deal, is_target: bool, user=None, reason: LostReason | None = None
) -> Deal:
    """Mark a new request as target (moves on to the next stage) or not (closes it as lost)."""
    if is_target:
        deal.qualification = Qualification.TARGET
        deal.save(update_fields=["qualification"])
        activity_log(kind=ActivityKind.QUALIFIED, text=_("Target request"), deal=deal, author=user)
        next_stage = (
            deal.pipeline.stages.filter(kind=StageKind.OPEN, sort_order__gt=deal.stage.sort_order)
            .order_by("sort_order")
            .first()
        )
        return deal_move_to_stage(deal=deal, stage=next_stage, user=user) if next_stage else deal
    deal.qualification = Qualification.NOT_TARGET
    deal.save(update_fields=["qualification"])
    activity_log(
        kind=ActivityKind.QUALIFIED, text=_("Not a target request"), deal=deal, author=user
    )
    reason = reason or LostReason.objects.order_by("sort_order").first()
    return deal_close_lost(deal=deal, reason=reason, user=user)


@transaction.atomic
def task_create(
    *,
    title: str,
    due_at: datetime.datetime,
    deal: Deal | None = None,
    contact: Contact | None = None,
    kind: str = TaskKind.CALL,
    assignee=None,
    user=None,
) -> Task:
    """Create a task on a deal or a contact; a closed deal takes no new tasks (nobody would see
    them: the task lists show only tasks of open deals)."""
    if deal is None and contact is None:
        raise ValidationError(_("A task belongs to a deal or a contact."))
    if deal is not None and deal.status != DealStatus.OPEN:
        raise ValidationError(_("The deal is closed: reopen it to plan work on it."))
    task = Task(
        title=title,
        kind=kind,
        deal=deal,
        contact=contact or (deal.contact if deal else None),
        due_at=due_at,
        assignee=assignee or (deal.owner if deal else None) or user,
    )
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_complete(*, task: Task, user=None) -> Task:
    """Mark a task done and log it on the timeline; a cancelled task cannot be done."""
    if task.done_at is not None:
        return task
    if task.cancelled_at is not None:
        raise ValidationError(
            _("This task was cancelled when its deal closed; it can no longer be done.")
        )
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    activity_log(
        kind=ActivityKind.TASK_DONE,
        text=task.title,
        deal=task.deal,
        contact=task.contact,
        author=user,
    )
    return task
