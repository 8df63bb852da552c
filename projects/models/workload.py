"""The experts' workload: how many hours a week each can give (ExpertCapacity) and what the
accepted proposals booked them for (Assignment). The figures are read in projects.selectors.

Internal planning data: never on a public page, in the API or in search (no search_fields, no
api_fields, not registered content)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.untrusted import sane_date

#: a usual working week, for an expert without a capacity row
DEFAULT_HOURS_PER_WEEK = Decimal(40)
#: the most hours a week anyone's capacity may be set to
MAX_CAPACITY_HOURS = Decimal(80)
#: an override may say "booked twice over" at most
MAX_OVERRIDE_PERCENT = 200


class ExpertCapacity(models.Model):
    """An expert's usual week and, for a while, a manager's override of the computed load
    (leave, an internal project): the override replaces the load of every week that starts on
    or before ``override_until`` and ends by itself after it."""

    expert = models.OneToOneField(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="capacity",
    )
    hours_per_week = models.DecimalField(
        _("hours a week"),
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_HOURS_PER_WEEK,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(MAX_CAPACITY_HOURS)],
    )
    override_percent = models.PositiveSmallIntegerField(
        _("load override, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_OVERRIDE_PERCENT)],
    )
    override_reason = models.CharField(_("reason for the override"), max_length=255, blank=True)
    override_until = models.DateField(
        _("override until"), null=True, blank=True, validators=[sane_date]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("expert capacity")
        verbose_name_plural = _("expert capacities")

    def __str__(self) -> str:
        return str(self.expert)

    def override_applies(self, monday) -> bool:
        """Whether the override stands for the ISO week starting on ``monday``."""
        return (
            self.override_percent is not None
            and self.override_until is not None
            and monday <= self.override_until
        )


class Assignment(models.Model):
    """An expert booked on a phase of an accepted proposal: ``hours_per_week`` between the
    phase's dates, or, without hours, ``share_percent`` of the expert's capacity (read when the
    load is computed, so a capacity change moves it)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=160, blank=True)
    phase_name = models.CharField(_("phase"), max_length=160, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours_per_week = models.DecimalField(
        _("hours a week"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CAPACITY_HOURS)],
    )
    share_percent = models.PositiveSmallIntegerField(
        _("share of the week, %"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["expert", "ends_on"], name="projects_assign_expert_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="projects_assignment_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert}: {self.phase_name or self.role}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The assignment cannot end before it starts.")})
