from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceTypeCode(models.TextChoices):
    """The ways a service is sold; each gets its own deal pipeline."""

    B2B = "b2b", _("B2B")
    B2C = "b2c", _("B2C")
    SUBSCRIPTION = "subscription", _("Subscription")
    PROJECT = "project", _("Project work")
    ONE_OFF = "one_off", _("One-off")


class PricingModel(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    HOURLY = "hourly", _("Hourly rate")
    SUCCESS_FEE = "success_fee", _("Success fee")
    SUBSCRIPTION = "subscription", _("Subscription")


class Complexity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
