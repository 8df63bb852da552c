from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    RUB = "RUB", _("Russian rouble (₽)")
    USD = "USD", _("US dollar ($)")
    EUR = "EUR", _("Euro (€)")


CURRENCY_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€"}


class DurationUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
