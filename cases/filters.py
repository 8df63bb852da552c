"""The portfolio's filters: service, industry and year, as the case index page's URL takes them.

A plain ``django_filters.FilterSet``, not ``wagtail.admin.filters.WagtailFilterSet``: this is
a public page, not an admin listing. All ``WagtailFilterSet`` adds is the admin's locale filter
once ``WAGTAIL_I18N_ENABLED`` is on, which reads ``Locale`` on every request (a query more than
the page's budget in tests/core/test_query_budget.py) and would take a ``?locale=`` the page
never offers. The page draws its own selects (templates/cases/case_index_page.html), so the
filter set only validates and filters, and validating asks the database nothing.

Bad input is ignored, one filter at a time: django-filter filters with the values that passed
their field, so ``?service=abc&year=2024`` filters by year only, and nothing is ever a 500.
"""

from django import forms
from django.core.exceptions import ValidationError

import django_filters

from core.untrusted import MAX_INT, parse_positive_int

from .models import CasePage

#: The URL parameters, in the order the page's ``filters`` context lists them.
FILTERS = ("service", "industry", "year")


class PositiveIntField(forms.Field):
    """A plain positive number (``core.untrusted.parse_positive_int``), at most ``maximum``;
    with ``digits``, written with exactly that many digits (a year is ``2024``, not ``24``)."""

    def __init__(self, *, maximum: int = MAX_INT, digits: int | None = None, **kwargs):
        self.maximum = maximum
        self.digits = digits
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_positive_int(value, maximum=self.maximum)
        if number is None or (self.digits and len(value) != self.digits):
            raise ValidationError("Enter a positive number.", code="invalid")
        return number


class PositiveIntFilter(django_filters.Filter):
    field_class = PositiveIntField


class CaseFilterSet(django_filters.FilterSet):
    """Filters the case index page's listable cases by ``?service=<id>``,
    ``?industry=<slug>`` and ``?year=<yyyy>``."""

    service = PositiveIntFilter(field_name="services__id")
    # Any text: a slug no industry has simply finds no case, as it always did (no query to
    # check it first). ``strip=False``: the value is looked up as sent.
    industry = django_filters.CharFilter(field_name="industry__slug", strip=False)
    year = PositiveIntFilter(field_name="year", maximum=9999, digits=4)

    class Meta:
        model = CasePage
        fields = FILTERS

    def state(self) -> dict[str, str]:
        """The value of every filter in use as the URL gave it, ``""`` for the others (unset or
        ignored): what the page's form shows as selected."""
        self.form.is_valid()  # cleans each field; the valid ones are in cleaned_data
        cleaned = self.form.cleaned_data
        return {
            name: self.data.get(name, "") if cleaned.get(name) not in (None, "") else ""
            for name in FILTERS
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.state().values())
