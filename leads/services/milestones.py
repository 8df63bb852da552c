"""Proposal events that move a deal: sent and accepted proposals bring it to the stages the
pipeline names for them (never backwards), a declined one asks the owner whether it is lost."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import person_name

from ..choices import ActivityKind, DealStatus, ProposalMilestone, StageKind, TaskKind
from ..models import Deal, Stage, Task
from .deals import (
    ASKS_WHETHER_LOST,
    _answer_lost_question,
    activity_log,
    deal_move_to_stage,
    task_create,
)

#: the hour of the working day a follow-up task is due
MORNING = datetime.time(10, 0)


def next_working_morning(now: datetime.datetime | None = None) -> datetime.datetime:
    """10:00 of the next working day (Monday to Friday) in the site's time zone."""
    day = timezone.localtime(now).date() + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, MORNING))


def milestone_stage(deal: Deal, milestone: str) -> Stage | None:
    """The stage of the deal's pipeline a proposal event (sent / accepted) brings deals to."""
    return (
        Stage.objects.filter(pipeline_id=deal.pipeline_id, proposal_milestone=milestone)
        .order_by("sort_order", "pk")
        .first()
    )


@transaction.atomic
def deal_reach_milestone(*, deal: Deal, milestone: str, user=None) -> Deal:
    """Move an open deal to its pipeline's stage for ``milestone`` when that stage lies ahead.

    A deal already there or further on stays where it is; a closed deal stays closed. When the
    move is refused (a won stage and no amount), the deal stays and the timeline says why.
    """
    deal = Deal.objects.select_related("stage").get(pk=deal.pk)
    target = milestone_stage(deal, milestone)
    if (
        target is None
        or (milestone == ProposalMilestone.SENT and target.kind != StageKind.OPEN)
        or deal.status != DealStatus.OPEN
        or deal.stage.kind != StageKind.OPEN
        or target.kind == StageKind.LOST
        or target.sort_order <= deal.stage.sort_order
    ):
        return deal
    try:
        with transaction.atomic():
            return deal_move_to_stage(deal=deal, stage=target, user=user)
    except ValidationError as error:
        activity_log(
            kind=ActivityKind.NOTE,
            text=_("The deal stays in “%(stage)s”: %(reason)s")
            % {"stage": deal.stage.name, "reason": " ".join(error.messages)},
            deal=deal,
            author=user,
        )
        return deal


def deal_ask_whether_lost(
    *, deal: Deal, title: str, asker=None, about_proposal: str = ""
) -> Task | None:
    """A task for the owner of an open deal (for ``asker``, e.g. who sent the declined proposal,
    when the deal has no owner), due the next working morning, with a timeline note.

    The note records the task's id (and ``about_proposal``, the declined proposal's number):
    closing the deal as lost, or ``deal_settle_lost_question``, then marks the task done.
    """
    if deal.status != DealStatus.OPEN:
        return None
    task = task_create(
        title=title[:255],
        due_at=next_working_morning(),
        deal=deal,
        kind=TaskKind.OTHER,
        assignee=deal.owner or asker,
    )
    assignee = task.assignee
    if assignee is not None:
        text = _("Task for %(owner)s: %(title)s") % {
            "owner": person_name(assignee),
            "title": task.title,
        }
    else:
        text = _("Task (nobody to assign it to: the deal has no owner): %(title)s") % {
            "title": task.title
        }
    data = {ASKS_WHETHER_LOST: task.pk}
    if about_proposal:
        data["about_proposal"] = about_proposal
    activity_log(kind=ActivityKind.NOTE, text=text, deal=deal, data=data)
    return task


@transaction.atomic
def deal_settle_lost_question(
    *, deal: Deal, why: str, about_proposal: str | None = None, user=None
) -> int:
    """The client answered after all (a new version was sent, a proposal accepted): the open
    "mark the deal lost?" tasks (only those about proposal ``about_proposal`` when given) are
    done, each with ``why`` on the timeline. Returns how many were."""
    return _answer_lost_question(
        deal, now=timezone.now(), user=user, about_proposal=about_proposal, why=why
    )
