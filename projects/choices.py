from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTrigger(models.TextChoices):
    """When a pipeline's deal becomes a draft case."""

    WON = "won", _("When the deal is won")
    STAGE_LEFT = "stage_left", _("When the deal leaves its delivery stage")


class Publication(models.TextChoices):
    """What the client allows us to publish about the case."""

    NAMED = "named", _("Yes, with our company's name")
    ANONYMISED = "anonymised", _("Yes, anonymised (only the description of our company)")
    NONE = "none", _("No, not at all")
