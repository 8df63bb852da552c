"""The catalog's headings and the ways a service is sold."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..choices import ServiceTypeCode


class ServiceCategory(index.Indexed, models.Model):
    """A heading of the catalog ("Web development", "Consulting") that groups services."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.IntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceType(models.Model):
    """How a service is sold (B2B, B2C, subscription, project work, one-off).

    The five rows are created by a migration; deal pipelines are attached to them.
    """

    code = models.CharField(_("code"), max_length=20, unique=True, choices=ServiceTypeCode.choices)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_code_display())
