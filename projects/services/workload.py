"""Writing the experts' workload: assignments from an accepted proposal, capacities and the
managers' overrides. The figures are read in ``projects.selectors``."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.untrusted import sane_date, strip_nul
from proposals.choices import ProposalStatus
from proposals.models import Proposal

from ..models import Assignment, ExpertCapacity, Project
from ..models.workload import MAX_CAPACITY_HOURS, MAX_OVERRIDE_PERCENT


@transaction.atomic
def assignments_from_proposal(*, proposal: Proposal) -> list[Assignment]:
    """The proposal's team booked on its dated phases: one assignment per expert and phase
    (the expert's phase, or every phase when none is chosen), with the expert's hours a week,
    or else their share of the week. Idempotent: the proposal's assignments are replaced by
    what it says now, none when it is not (or no longer) accepted. A member with neither hours
    nor a share, and a phase without dates, book nothing (nothing says how much or when)."""
    Assignment.objects.filter(proposal=proposal).delete()
    if proposal.status != ProposalStatus.ACCEPTED:
        return []
    phases = [
        (number, phase)
        for number, phase in enumerate(proposal.phases.order_by("sort_order", "pk"), start=1)
        if phase.starts_on and phase.ends_on and phase.ends_on >= phase.starts_on
    ]
    project = Project.objects.filter(deal_id=proposal.deal_id).first()
    rows = [
        Assignment(
            project=project,
            proposal=proposal,
            expert_id=member.expert_id,
            role=member.role,
            phase_name=phase.name,
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            hours_per_week=member.hours_per_week,
            share_percent=None if member.hours_per_week is not None else member.share_percent,
        )
        for member in proposal.chosen_experts.order_by("sort_order", "pk")
        if member.hours_per_week is not None or member.share_percent is not None
        for number, phase in phases
        if member.phase_number in (None, number)
    ]
    return Assignment.objects.bulk_create(rows)


def _decimal(value, *, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _capacity_for_update(expert) -> ExpertCapacity:
    ExpertCapacity.objects.get_or_create(expert=expert)
    return ExpertCapacity.objects.select_for_update().get(expert=expert)


@transaction.atomic
def expert_capacity_set(*, expert, hours_per_week, user) -> ExpertCapacity:
    """The hours a week the expert usually works (1–80): every load is a share of it."""
    hours = _decimal(hours_per_week, field="hours_per_week")
    if not Decimal(1) <= hours <= MAX_CAPACITY_HOURS:
        raise ValidationError(
            {
                "hours_per_week": _("Enter between 1 and %(max)s hours a week.")
                % {"max": MAX_CAPACITY_HOURS}
            }
        )
    capacity = _capacity_for_update(expert)
    capacity.hours_per_week = hours.quantize(Decimal("0.1"))
    capacity.updated_by = user
    capacity.save(update_fields=["hours_per_week", "updated_at", "updated_by"])
    return capacity


@transaction.atomic
def expert_override_set(
    *, expert, percent, reason: str, until: datetime.date, user
) -> ExpertCapacity:
    """A manager's load for the expert (leave, an internal project), standing instead of the
    computed one until ``until`` and ending by itself after. A reason and an end are required:
    an override nobody can explain or that never ends would hide the real load."""
    errors = {}
    try:
        percent = int(str(percent).strip())
    except (TypeError, ValueError):
        errors["override_percent"] = _("Enter a whole number.")
    else:
        if not 0 <= percent <= MAX_OVERRIDE_PERCENT:
            errors["override_percent"] = _("Enter between 0 and %(max)s.") % {
                "max": MAX_OVERRIDE_PERCENT
            }
    reason = strip_nul(reason or "").strip()
    if not reason:
        errors["override_reason"] = _("Say why the load is set by hand.")
    elif len(reason) > 255:
        errors["override_reason"] = _("Keep the reason under 255 characters.")
    if not isinstance(until, datetime.date):
        errors["override_until"] = _("Give the date the override ends.")
    else:
        try:
            sane_date(until)
        except ValidationError as error:
            errors["override_until"] = error.messages[0]
        else:
            if until < timezone.localdate():
                errors["override_until"] = _(
                    "The end is in the past: choose %(today)s or later."
                ) % {"today": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}
    if errors:
        raise ValidationError(errors)
    return _write_override(expert, user, percent=percent, reason=reason, until=until)


@transaction.atomic
def expert_override_clear(*, expert, user) -> ExpertCapacity:
    """Back to the load computed from the assignments before the override's end."""
    return _write_override(expert, user, percent=None, reason="", until=None)


def _write_override(expert, user, *, percent, reason: str, until) -> ExpertCapacity:
    capacity = _capacity_for_update(expert)
    capacity.override_percent = percent
    capacity.override_reason = reason
    capacity.override_until = until
    capacity.updated_by = user
    capacity.save(
        update_fields=[
            "override_percent",
            "override_reason",
            "override_until",
            "updated_at",
            "updated_by",
        ]
    )
    return capacity
