from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from ..choices import CustomFieldType, ProposalMilestone, StageKind, TaskKind


class Pipeline(ClusterableModel):
    """A sales process for one kind of service (project work, subscription…), with its own stages."""

    name = models.CharField(_("name"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7, default="#0d6efd", help_text=_("#RRGGBB"))
    service_types = ParentalManyToManyField(
        "catalog.ServiceType", verbose_name=_("service types"), blank=True, related_name="pipelines"
    )
    services = ParentalManyToManyField(
        "catalog.ServicePage",
        verbose_name=_("specific services"),
        blank=True,
        related_name="pipelines",
        help_text=_("Requests about these services go here whatever their type."),
    )
    is_default = models.BooleanField(
        _("default pipeline"),
        default=False,
        help_text=_("Requests that match no other pipeline go here."),
    )
    sort_order = models.IntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("colour"),
        FieldPanel("service_types"),
        FieldPanel("services"),
        FieldPanel("is_default"),
        InlinePanel("stages", heading=_("Stages"), label=_("Stage")),
        InlinePanel("custom_fields", heading=_("Custom fields"), label=_("Custom field")),
    ]

    class Meta:
        verbose_name = _("pipeline")
        verbose_name_plural = _("pipelines")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Stage(Orderable):
    """A step of a pipeline; entering it can create tasks, staying too long makes a deal stale."""

    pipeline = ParentalKey(Pipeline, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=StageKind.choices, default=StageKind.OPEN
    )
    win_probability = models.PositiveSmallIntegerField(
        _("win probability, %"), default=10, validators=[MaxValueValidator(100)]
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("stale after, days"), null=True, blank=True, help_text=_("Empty: never stale.")
    )
    #: a deal reaches this stage when one of its proposals is sent / accepted (never backwards)
    proposal_milestone = models.CharField(
        _("deals come here when"),
        max_length=10,
        choices=ProposalMilestone.choices,
        default=ProposalMilestone.NONE,
        blank=True,
        help_text=_(
            "One stage of a pipeline for each: a deal in an earlier stage moves here when its "
            "proposal is sent or accepted."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("win_probability"),
        FieldPanel("stale_after_days"),
        FieldPanel("proposal_milestone"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return f"{self.pipeline.name}: {self.name}" if self.pipeline_id else self.name


class StageTaskTemplate(models.Model):
    """A task created automatically when a deal enters the stage ("agree the brief")."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="task_templates"
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TaskKind.choices, default=TaskKind.CALL
    )
    due_after_hours = models.PositiveIntegerField(_("due after, hours"), default=24)

    class Meta:
        verbose_name = _("stage task template")
        verbose_name_plural = _("stage task templates")
        ordering = ["stage", "due_after_hours"]

    def __str__(self) -> str:
        return self.title


class CustomField(Orderable):
    """A field every deal of the pipeline carries (budget approved? launch date?)."""

    pipeline = ParentalKey(Pipeline, on_delete=models.CASCADE, related_name="custom_fields")
    name = models.CharField(_("name"), max_length=120)
    key = models.SlugField(_("key"), max_length=60)
    field_type = models.CharField(_("type"), max_length=10, choices=CustomFieldType.choices)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line, for the choice type.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("field_type"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "key"], name="unique_custom_field_key")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class LostReason(models.Model):
    """Why a deal was lost; the list is editable by sales managers."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    sort_order = models.IntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("lost reason")
        verbose_name_plural = _("lost reasons")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
