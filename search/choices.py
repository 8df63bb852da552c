from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymLanguage(models.TextChoices):
    """Which site a synonym group applies to: the one in that language, or any."""

    ANY = "any", _("Any language")
    RU = "ru", _("Russian")
    EN = "en", _("English")
