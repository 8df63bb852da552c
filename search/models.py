from django.db import models
from django.utils.translation import gettext_lazy as _


class NoResultsDailyHits(models.Model):
    """How many times a day a query found nothing (Wagtail's ``QueryDailyHits`` counts every search)."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query", on_delete=models.CASCADE, related_name="no_results_hits"
    )
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="unique_no_results_day")
        ]
