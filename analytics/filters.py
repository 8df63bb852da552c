"""The filters every analytics screen shares: the period (a preset or a custom range) and the
deals looked at (pipeline, owner, service, service type, first-touch source).

The URL carries the whole state, so a screen can be bookmarked, exported and linked from a
figure. Bad input is a form error shown above the report, never a 500: the date range refuses
years outside ``core.untrusted.sane_date``'s range and an end before its start, ids go through
leads' ``PkChoiceFilter`` (not a number, or no such row: "Select a valid choice"), and NUL bytes
are refused by the form fields themselves.

The period is not applied here: each report applies it as its definition says (created in the
period, closed in it, stayed in a stage that ended in it…); :func:`period_from` turns the
preset into dates.
"""

import calendar
import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

import django_filters

from catalog.models import ServicePage, ServiceType
from leads.filters import (
    MAX_TOUCH_CHOICES,
    TOUCH_KEYS,
    PkChoiceFilter,
    SaneDateFromToRangeFilter,
)
from leads.models import Deal, Pipeline
from leads.permissions import deal_policy

from .base import Period

THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_12_MONTHS, CUSTOM = (
    "this_month",
    "last_month",
    "this_quarter",
    "last_12_months",
    "custom",
)
DEFAULT_PERIOD = LAST_12_MONTHS
PERIOD_CHOICES = [
    (THIS_MONTH, _("This month")),
    (LAST_MONTH, _("Last month")),
    (THIS_QUARTER, _("This quarter")),
    (LAST_12_MONTHS, _("Last 12 months")),
    (CUSTOM, _("Custom range")),
]
#: the filters that narrow the deals (the scope); the others say when
DEAL_FILTERS = ("pipeline", "owner", "service", "service_type", "source")
PERIOD_FILTERS = ("period", "dates")


def period_from(preset: str | None, today: datetime.date, start=None, end=None) -> Period:
    """The days a preset covers on ``today``. "This month" and "this quarter" run from their
    first day to today (so the previous period of the same length is comparable); "last month"
    is the whole previous calendar month; "last 12 months" ends today and starts the day after
    the same date a year earlier; "custom" is ``start``–``end`` as given."""
    if preset == CUSTOM and start and end:
        return Period(start, end)
    if preset == THIS_MONTH:
        return Period(today.replace(day=1), today)
    if preset == LAST_MONTH:
        last = today.replace(day=1) - datetime.timedelta(days=1)
        return Period(last.replace(day=1), last)
    if preset == THIS_QUARTER:
        first_month = 3 * ((today.month - 1) // 3) + 1
        return Period(datetime.date(today.year, first_month, 1), today)
    # last 12 months (the default)
    year_ago = today.replace(year=today.year - 1, day=min(today.day, _month_days(today, -1)))
    return Period(year_ago + datetime.timedelta(days=1), today)


def _month_days(day: datetime.date, years: int) -> int:
    return calendar.monthrange(day.year + years, day.month)[1]


def _unchanged(queryset, name, value):
    """The period filters say when, not which deals: the reports apply them."""
    return queryset


class PeriodForm(forms.Form):
    """Checks the custom range against the preset: an end before the start is an error, a
    custom period needs both days, and days given without a preset mean a custom period."""

    def clean(self):
        data = super().clean()
        dates = data.get("dates")
        start, end = _day(getattr(dates, "start", None)), _day(getattr(dates, "stop", None))
        if start and end and end < start:
            self.add_error("dates", _("The range ends before it starts."))
        elif data.get("period") == CUSTOM and not (start and end):
            if "dates" not in self.errors:
                self.add_error("dates", _("A custom range needs its first and its last day."))
        elif start and end and not data.get("period"):
            data["period"] = CUSTOM
        return data


def _day(value) -> datetime.date | None:
    """A range end (django-filter makes it an aware datetime) as the day it names."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class PeriodPresetFilter(django_filters.ChoiceFilter):
    """A preset that is never "empty": no value means the default (its initial value, so
    Wagtail shows no "active filter" for it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args, choices=PERIOD_CHOICES, empty_label=None, initial=DEFAULT_PERIOD, **kwargs
        )


def _with_period(data):
    """``data`` with the period it means when it names none: the select must show the period
    the screen counts (else it shows its first choice, "This month", and the next change of
    any other filter would send that instead)."""
    if data is None or data.get("period"):
        return data
    data = data.copy()
    data["period"] = CUSTOM if data.get("dates_from") and data.get("dates_to") else DEFAULT_PERIOD
    return data


def source_choices(deals) -> list[tuple[str, str]]:
    """The first-touch sources of ``deals``, sorted: read from their facts rows (the stored
    value the sources report groups by), not from every deal's JSON (125 ms on PostgreSQL at
    100,000 deals, on every analytics screen)."""
    from .figures import facts_of

    values = (
        facts_of(deals)
        .filter(first_source__isnull=False)
        .values_list("first_source", flat=True)
        .distinct()[:MAX_TOUCH_CHOICES]
    )
    return [(value, value) for value in sorted(value for value in values if value)]


class AnalyticsFilterSet(WagtailFilterSet):
    period = PeriodPresetFilter(label=_("Period"), method=_unchanged)
    dates = SaneDateFromToRangeFilter(
        label=_("Custom range"),
        method=_unchanged,
        widget=DateRangePickerWidget,
        help_text=_("Used when the period is “Custom range”: both days are included."),
    )
    pipeline = PkChoiceFilter(queryset=Pipeline.objects.all(), label=_("Pipeline"))
    owner = PkChoiceFilter(
        queryset=get_user_model().objects.filter(is_active=True), label=_("Owner")
    )
    service = PkChoiceFilter(
        field_name="services",
        queryset=ServicePage.objects.only("id", "title").order_by("title"),
        label=_("Service"),
    )
    service_type = PkChoiceFilter(
        queryset=ServiceType.objects.all(), label=_("Service type"), method="filter_service_type"
    )
    # Choices are the values among the deals the user may see (set in __init__)
    source = django_filters.ChoiceFilter(
        field_name=TOUCH_KEYS["first_utm_source"],
        label=_("Source"),
        help_text=_(
            "The UTM source of the visit that first brought the client to the site "
            "(first touch), whatever visit sent the request."
        ),
    )

    class Meta:
        model = Deal
        form = PeriodForm
        fields = ["period", "dates", "pipeline", "owner", "service", "service_type", "source"]

    def __init__(self, data=None, *args, extra_filters=None, **kwargs):
        super().__init__(_with_period(data), *args, **kwargs)
        for name, filter_ in (extra_filters or {}).items():
            filter_.model = Deal
            filter_.parent = self
            # a report's switch says how to count, not which deals: it reaches the report
            # through scope.params, never the queryset
            filter_.method = _unchanged
            self.filters[name] = filter_
        user = getattr(self.request, "user", None)
        if user is not None:
            deals = deal_policy.scope(user, Deal.objects.all())
            self.filters["source"].extra["choices"] = source_choices(deals)
        self.extra_names = tuple(extra_filters or ())

    def filter_service_type(self, queryset, name, value):
        if not value:
            return queryset
        through = Deal.services.through.objects.filter(
            deal=OuterRef("pk"), servicepage__service_types=value
        )
        return queryset.filter(Exists(through))

    def chosen_period(self, today: datetime.date | None = None) -> Period:
        """The period the (valid) form chose; the default one when it chose none."""
        data = self.form.cleaned_data
        dates = data.get("dates")
        today = today or timezone.localdate()
        return period_from(
            data.get("period") or DEFAULT_PERIOD,
            today,
            _day(getattr(dates, "start", None)),
            _day(getattr(dates, "stop", None)),
        )

    def extra_values(self) -> dict:
        return {name: self.form.cleaned_data.get(name) for name in self.extra_names}
