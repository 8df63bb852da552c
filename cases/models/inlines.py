"""What a case page holds inline: its team and its measured results."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from .pages import CasePage


class CaseTeamMember(Orderable):
    """An expert who worked on the case, and their role on it."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="team")
    #: an expert's page lists their cases with the role (serving.change_tags)
    listing_fields = ("expert", "role")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="case_roles",
    )
    role = models.CharField(_("role on the project"), max_length=160)

    panels = [FieldPanel("expert"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team")


class CaseMetric(Orderable):
    """A measured result: a value before and after, and which direction is better."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="metrics")
    listing_fields = ()  # no list selects, sorts or counts by it (serving.change_tags)
    label = models.CharField(_("what was measured"), max_length=160)
    value_before = models.DecimalField(_("before"), max_digits=16, decimal_places=2)
    value_after = models.DecimalField(_("after"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    period = models.CharField(
        _("period"), max_length=80, blank=True, help_text=_("For example: per month")
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value_before"), FieldPanel("value_after"), FieldPanel("unit")]),
        FieldPanel("period"),
        FieldPanel("higher_is_better"),
    ]
    api_fields = [
        APIField("label"),
        APIField("value_before"),
        APIField("value_after"),
        APIField("unit"),
        APIField("period"),
        APIField("higher_is_better"),
        APIField("change_percent"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("result metric")
        verbose_name_plural = _("result metrics")

    @property
    def change_percent(self) -> Decimal | None:
        """The change from before to after in percent, or None when "before" is zero."""
        if not self.value_before:
            return None
        change = (self.value_after - self.value_before) / abs(self.value_before) * 100
        return change.quantize(Decimal("1"))

    @property
    def is_improvement(self) -> bool:
        if self.value_after == self.value_before:
            return False
        went_up = self.value_after > self.value_before
        return went_up == self.higher_is_better

    @property
    def direction(self) -> str:
        if self.value_after == self.value_before:
            return "same"
        return "up" if self.value_after > self.value_before else "down"
