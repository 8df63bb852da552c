from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .choices import SynonymLanguage


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


class SynonymGroup(models.Model):
    """Terms a visitor may type for the same thing ("1C" and "1С", "webshop" and
    "интернет-магазин"): a search for any of them finds pages saying any other. Editors keep
    them under Settings → Synonyms; :mod:`search.synonyms` applies them to queries."""

    change_tags = ("search",)  # what a change of it touches (serving.change_tags)

    Language = SynonymLanguage

    #: limits that keep a group a list of spellings, not a text
    MAX_TERMS = 50
    MAX_TERM_WORDS = 5
    MAX_TERM_LENGTH = 100

    language = models.CharField(
        _("language"),
        max_length=3,
        choices=Language.choices,
        default=Language.ANY,
        help_text=_("The site language the group applies to; “Any language” applies always."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One term per line: a word or a short phrase (up to 5 words). Word forms and "
            "letter case do not matter."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    live = models.BooleanField(
        _("in use"), default=True, help_text=_("Searches use the group only while this is on.")
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["language", "terms"]

    def __str__(self) -> str:
        terms = self.term_list()
        shown = ", ".join(terms[:4])
        return shown + (", …" if len(terms) > 4 else "")

    def term_list(self) -> list[str]:
        """The terms, one per non-empty line, spaces collapsed, repeats (any case) once."""
        seen, terms = set(), []
        for line in (self.terms or "").splitlines():
            term = " ".join(line.split())
            if term and term.casefold() not in seen:
                seen.add(term.casefold())
                terms.append(term)
        return terms

    def clean(self) -> None:
        from .analysis import STOPWORDS, tokens
        from .synonyms import naming_hidden_clients, overlapping_groups, term_key

        terms = self.term_list()
        self.terms = "\n".join(terms)
        if len(terms) < 2:
            raise ValidationError({"terms": _("Enter at least two terms, one per line.")})
        if len(terms) > self.MAX_TERMS:
            raise ValidationError(
                {"terms": _("A group holds at most %(limit)s terms.") % {"limit": self.MAX_TERMS}}
            )
        errors = []
        taken = {
            term_key(term): (term, group)
            for group in overlapping_groups(self)
            for term in group.term_list()
        }
        hidden = naming_hidden_clients({term_key(term) for term in terms})
        for term in terms:
            if len(term) > self.MAX_TERM_LENGTH:
                message = _("“%(term)s” is longer than %(limit)s characters.")
                errors.append(message % {"term": term[:40] + "…", "limit": self.MAX_TERM_LENGTH})
            elif len(term.split()) > self.MAX_TERM_WORDS:
                message = _("“%(term)s” has more than %(limit)s words.")
                errors.append(message % {"term": term, "limit": self.MAX_TERM_WORDS})
            elif not term_key(term):
                message = _("“%(term)s” has no letters or digits a search could match.")
                errors.append(message % {"term": term})
            elif set(tokens(term)) <= STOPWORDS:
                message = _("“%(term)s” is made only of filler words, which a search leaves out.")
                errors.append(message % {"term": term})
            elif term_key(term) in hidden:
                message = _(
                    "“%(term)s” names the client of an anonymised or internal case: a search "
                    "for it would lead visitors to that case."
                )
                errors.append(message % {"term": term})
            elif term_key(term) in taken:
                other_term, group = taken[term_key(term)]
                message = _(
                    "“%(term)s” is already in the group “%(group)s” (as “%(other)s”): a term "
                    "may be in one group per language."
                )
                errors.append(message % {"term": term, "group": group, "other": other_term})
        if errors:
            raise ValidationError({"terms": errors})
