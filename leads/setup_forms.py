"""The pipeline set-up form: its stages say where sent and accepted proposals bring deals."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .admin_scoping import ScopedChoicesForm
from .choices import ProposalMilestone, StageKind
from .models import Deal, StageChange

SENT, ACCEPTED = ProposalMilestone.SENT, ProposalMilestone.ACCEPTED


class PipelineForm(ScopedChoicesForm):
    """At most one stage per proposal milestone; a sent proposal never closes a deal (no won or
    lost stage); an accepted one never loses it (no lost stage) and lies after the sent one."""

    def clean(self):
        cleaned_data = super().clean()
        stages = self.formsets.get("stages")
        if stages is None or not stages.is_valid():
            return cleaned_data  # the stage rows show their own errors
        if _refuse_deleting_used_stages(stages):
            raise ValidationError(
                _(
                    "Some stages cannot be deleted: deals are in them or went through them. "
                    "Move the deals to another stage first; a stage that deals went through "
                    "stays in their history."
                )
            )
        # the pipeline's order is the rows' order as submitted (a row may have been moved)
        rows = stages.ordered_forms if stages.can_order else stages.forms
        first: dict[str, tuple[int, object]] = {}
        refused = False
        for position, form in enumerate(rows):
            if form in stages.deleted_forms or not form.cleaned_data:
                continue
            milestone = form.cleaned_data.get("proposal_milestone")
            if not milestone:
                continue
            error = _row_error(
                milestone, form.cleaned_data.get("kind"), repeated=milestone in first
            )
            if error:
                form.add_error("proposal_milestone", error)
                refused = True
            first.setdefault(milestone, (position, form))
        if not refused and SENT in first and ACCEPTED in first:
            (sent_at, _sent), (accepted_at, accepted) = first[SENT], first[ACCEPTED]
            if accepted_at <= sent_at:
                accepted.add_error(
                    "proposal_milestone",
                    _(
                        "The stage where deals go when “%(accepted)s” must come after the stage "
                        "for “%(sent)s”: a proposal is accepted after it is sent."
                    )
                    % {"accepted": ACCEPTED.label, "sent": SENT.label},
                )
                refused = True
        if refused:
            raise ValidationError(
                _(
                    "Check the stages: each proposal event brings deals to one stage; a sent "
                    "proposal never closes a deal; an accepted one comes after it and never "
                    "loses it."
                )
            )
        return cleaned_data


def _refuse_deleting_used_stages(stages) -> bool:
    """Put back each stage row ticked for deletion whose stage holds deals or is in a deal's
    history (both protect the stage), with the reason on the row; True when any was."""
    refused = False
    for form in stages.deleted_forms:
        stage = form.instance
        if stage.pk is None:
            continue
        count = Deal.objects.filter(stage=stage).count()
        if count:
            error = _("This stage has deals (%(count)s): move them to another stage first.") % {
                "count": count
            }
        elif StageChange.objects.filter(to_stage=stage).exists():
            error = _(
                "Deals went through this stage: it stays in their history and cannot be deleted."
            )
        else:
            continue
        form.add_error(None, error)
        # shown again, not ticked for deletion: the row is there to read its error
        data = form.data.copy()
        data.pop(form.add_prefix("DELETE"), None)
        form.data = data
        refused = True
    return refused


def _row_error(milestone: str, kind: str | None, *, repeated: bool):
    """Why one stage cannot be where ``milestone`` brings deals, or None when it can."""
    label = ProposalMilestone(milestone).label
    if kind == StageKind.LOST:
        return _("A lost stage cannot be where deals go when “%(event)s”.") % {"event": label}
    if milestone == SENT and kind == StageKind.WON:
        return _(
            "A won stage cannot be where deals go when “%(event)s”: sending a proposal does not "
            "win the deal. Choose the open stage that waits for the client's answer."
        ) % {"event": label}
    if repeated:
        return _("Only one stage of a pipeline can be where deals go when “%(event)s”.") % {
            "event": label
        }
    return None
