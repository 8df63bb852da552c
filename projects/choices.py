from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTrigger(models.TextChoices):
    """When a pipeline's deal becomes a draft case."""

    WON = "won", _("When the deal is won")
    STAGE_LEFT = "stage_left", _("When the deal leaves its delivery stage")
