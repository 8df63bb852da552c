from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string


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


class SearchVisitorDay(models.Model):
    """One visitor's search of a term that found results, on one day: the popular searches
    shown to visitors count these rows. ``visitor`` is a keyed hash of the address and the day
    (``search.popular.visitor_key``), never the address, and cannot be linked across days."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query", on_delete=models.CASCADE, related_name="visitor_days"
    )
    date = models.DateField(_("date"), db_index=True)
    visitor = models.CharField(_("visitor"), max_length=64)

    class Meta:
        verbose_name = _("search with results by one visitor")
        verbose_name_plural = _("searches with results by visitor")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "date", "visitor"], name="unique_search_visitor_day"
            )
        ]


class HiddenSearchTerm(models.Model):
    """A search editors keep out of the popular searches offered to visitors: spam, a rude or
    misleading phrase. Matched as Wagtail stores searches (case and spacing ignored)."""

    term = models.CharField(
        _("search"),
        max_length=MAX_QUERY_STRING_LENGTH,
        unique=True,
        help_text=_("As visitors type it; letter case and extra spaces do not matter."),
    )
    created_at = models.DateTimeField(_("hidden at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hidden search")
        verbose_name_plural = _("hidden searches")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        self.term = normalise_query_string(self.term or "")
        if not self.term:
            raise ValidationError({"term": _("Enter the search to hide.")})

    def save(self, *args, **kwargs):
        self.term = normalise_query_string(self.term or "")
        super().save(*args, **kwargs)
