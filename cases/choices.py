from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: the client is named")
    ANONYMISED = "anonymised", _("Anonymised: a description replaces the client's name")
    INTERNAL = "internal", _("Internal only: kept for sales, never public")
