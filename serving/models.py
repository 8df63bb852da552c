"""The one row the content version lives in (see serving.content_version)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number goes up with every change to public content (see content_version)."""

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("content version")
