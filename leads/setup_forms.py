"""The pipeline set-up form: its stages say where sent and accepted proposals bring deals."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .admin_scoping import ScopedChoicesForm
from .choices import ProposalMilestone, StageKind


class PipelineForm(ScopedChoicesForm):
    """At most one stage per proposal milestone, and never a lost stage."""

    def clean(self):
        cleaned_data = super().clean()
        stages = self.formsets.get("stages")
        if stages is None or not stages.is_valid():
            return cleaned_data  # the stage rows show their own errors
        seen: dict[str, object] = {}
        refused = False
        for form in stages.forms:
            if form in stages.deleted_forms or not form.cleaned_data:
                continue
            milestone = form.cleaned_data.get("proposal_milestone")
            if not milestone:
                continue
            label = ProposalMilestone(milestone).label
            if form.cleaned_data.get("kind") == StageKind.LOST:
                form.add_error(
                    "proposal_milestone",
                    _("A lost stage cannot be where deals go when “%(event)s”.") % {"event": label},
                )
                refused = True
            elif milestone in seen:
                form.add_error(
                    "proposal_milestone",
                    _("Only one stage of a pipeline can be where deals go when “%(event)s”.")
                    % {"event": label},
                )
                refused = True
            seen.setdefault(milestone, form)
        if refused:
            raise ValidationError(
                _(
                    "Check the stages: each proposal event brings deals to one stage, not a lost one."
                )
            )
        return cleaned_data
