"""The content version and the log of what each version's change touched (see content_version)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number goes up with every change to public content (see content_version)."""

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("content version")


class ContentChange(models.Model):
    """What the change that made ``version`` touched: space-separated tags such as ``page:12``,
    ``cases``, ``menu`` or ``*`` (everything). Processes read the rows newer than the version
    they last saw and drop only what those tags name; old rows are pruned."""

    version = models.PositiveBigIntegerField(unique=True)
    tags = models.TextField()

    class Meta:
        verbose_name = _("content change")
