"""What a service page holds inline: its process steps and its packages."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from .pages import ServicePage


class ServiceProcessStep(Orderable):
    """One step of how the service is delivered."""

    service = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="process_steps")
    listing_fields = ()  # no list selects, sorts or counts by it (serving.change_tags)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]
    api_fields = [APIField("title"), APIField("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")


class ServicePackage(Orderable):
    """A ready-made offer of the service: name, what is included, price and duration."""

    service = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="packages")
    listing_fields = ()  # no list selects, sorts or counts by it (serving.change_tags)
    name = models.CharField(_("name"), max_length=120)
    included = RichTextField(_("what is included"), features=["bold", "italic", "ul"])
    price = models.DecimalField(
        _("price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    duration = models.CharField(
        _("duration"), max_length=60, blank=True, help_text=_("For example: 2 weeks")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("included"),
        FieldPanel("price"),
        FieldPanel("duration"),
    ]
    api_fields = [APIField("name"), APIField("included"), APIField("price"), APIField("duration")]

    class Meta(Orderable.Meta):
        verbose_name = _("package")
        verbose_name_plural = _("packages")

    def __str__(self) -> str:
        return self.name
