"""A won deal being delivered (Project) and, per pipeline, when its deals become draft cases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CaseTrigger


class Project(models.Model):
    """A deal being delivered: the accepted proposal it was sold with and the draft case it
    becomes. One per deal (the unique deal is what makes creating its case twice impossible)."""

    deal = models.OneToOneField(
        "leads.Deal", verbose_name=_("deal"), on_delete=models.CASCADE, related_name="project"
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("accepted proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case = models.OneToOneField(
        "cases.CasePage",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(self.deal)


class PipelineCaseSetting(models.Model):
    """When the deals of a pipeline become draft cases: when won (the default, also for a
    pipeline without a setting), or when they leave the pipeline's delivery stage."""

    pipeline = models.OneToOneField(
        "leads.Pipeline",
        verbose_name=_("pipeline"),
        on_delete=models.CASCADE,
        related_name="case_setting",
    )
    trigger = models.CharField(
        _("create the draft case"),
        max_length=12,
        choices=CaseTrigger.choices,
        default=CaseTrigger.WON,
    )
    stage = models.ForeignKey(
        "leads.Stage",
        verbose_name=_("delivery stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An open stage of this pipeline; used when the case is made as it is left."),
    )

    class Meta:
        verbose_name = _("case setting of a pipeline")
        verbose_name_plural = _("case settings of pipelines")

    def __str__(self) -> str:
        return str(self.pipeline)

    def clean(self):
        from leads.choices import StageKind

        if self.trigger == CaseTrigger.STAGE_LEFT:
            if self.stage is None:
                raise ValidationError({"stage": _("Choose the delivery stage.")})
            if self.stage.pipeline_id != self.pipeline_id or self.stage.kind != StageKind.OPEN:
                raise ValidationError({"stage": _("Choose an open stage of this pipeline.")})
