"""Filters of the sales listings."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

import django_filters
from django_filters.fields import DateRangeField, ModelChoiceField

from catalog.models import ServicePage
from core.formatting import person_name
from core.untrusted import parse_positive_int, sane_date

from .admin_scoping import sales_policy
from .models import Deal, Pipeline, Stage

#: filter name → the key of a JSON field it looks at (see ``leads.visitor``)
TOUCH_KEYS = {
    "utm_source": "utm__utm_source",
    "utm_medium": "utm__utm_medium",
    "utm_campaign": "utm__utm_campaign",
    "first_utm_source": "first_touch__utm__utm_source",
}
MAX_TOUCH_CHOICES = 200

#: resolvers of the deals list's ``cohort`` parameter (see :func:`register_deal_cohort`)
_COHORT_RESOLVERS: list = []


class DealCohort:
    """What a ``cohort`` value names: the deals (None: the value is not valid) and a sentence
    saying what they are, shown as the active filter."""

    def __init__(self, deals, description):
        self.deals, self.description = deals, description


def register_deal_cohort(resolver):
    """Let an app above leads (analytics: a figure of a report) narrow the deals list with the
    ``cohort`` parameter, since leads may not import it. ``resolver(request, value)`` returns a
    :class:`DealCohort` for a value it knows, None for one that is not its own; the deals it
    returns must be within what ``request.user`` may see (the listing narrows them anyway)."""
    if resolver not in _COHORT_RESOLVERS:
        _COHORT_RESOLVERS.append(resolver)
    return resolver


def resolve_deal_cohort(request, value: str) -> DealCohort:
    for resolver in _COHORT_RESOLVERS:
        found = resolver(request, value)
        if found is not None:
            return found
    return DealCohort(None, _("Not a valid link to a report's figure: no deals shown."))


class PkChoiceField(ModelChoiceField):
    """A choice by id that refuses what is not a plain positive number before asking the
    database (SQLite fails on an id past 64 bits instead of finding nothing)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_positive_int(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, obj):
        """People by full name (``person_name``), other objects as usual."""
        if isinstance(obj, get_user_model()):
            return person_name(obj)
        return super().label_from_instance(obj)


class PkChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PkChoiceField


class SaneDateRangeField(DateRangeField):
    """A from–to date range whose ends stay within ``core.untrusted.sane_date``'s years: the
    range is made aware in the site's zone, and 0001-01-01 in Moscow or 9999-12-31 in New York
    do not exist in UTC (an OverflowError on SQLite); the listing shows a filter error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields:
            field.validators.append(sane_date)


class SaneDateFromToRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = SaneDateRangeField


class SalesFilterSet(WagtailFilterSet):
    """Wagtail's filter set with date ranges that refuse dates out of any sane range (also for
    the filters a viewset's ``list_filter`` builds)."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.DateFromToRangeFilter:
            filter_class = SaneDateFromToRangeFilter
        elif issubclass(filter_class, django_filters.DateFilter | django_filters.DateTimeFilter):
            # an exact date such as ?created_at=0001-01-01 overflows SQLite's local time
            params = {**params, "validators": [sane_date]}
        return filter_class, params


class DealFilterSet(SalesFilterSet):
    pipeline = PkChoiceFilter(queryset=Pipeline.objects.all(), label=_("Pipeline"))
    stage = PkChoiceFilter(queryset=Stage.objects.select_related("pipeline"), label=_("Stage"))
    owner = PkChoiceFilter(
        queryset=get_user_model().objects.filter(is_active=True), label=_("Owner")
    )
    services = PkChoiceFilter(
        queryset=ServicePage.objects.live().only("id", "title").order_by("title"),
        label=_("Service"),
    )
    created_at = SaneDateFromToRangeFilter(label=_("Created"), widget=DateRangePickerWidget)
    # the board's "older won deals" link names the last day (``closed_at_to``)
    closed_at = SaneDateFromToRangeFilter(label=_("Closed"), widget=DateRangePickerWidget)
    # Choices are the values the deals the user may see have (set in ``__init__``): a value
    # that is not one of them is refused by the form, never sent to the database.
    utm_source = django_filters.ChoiceFilter(
        field_name=TOUCH_KEYS["utm_source"], label=_("UTM source")
    )
    utm_medium = django_filters.ChoiceFilter(
        field_name=TOUCH_KEYS["utm_medium"], label=_("UTM medium")
    )
    utm_campaign = django_filters.ChoiceFilter(
        field_name=TOUCH_KEYS["utm_campaign"], label=_("UTM campaign")
    )
    first_utm_source = django_filters.ChoiceFilter(
        field_name=TOUCH_KEYS["first_utm_source"], label=_("First visit: UTM source")
    )
    # the deals a report's figure counts (``register_deal_cohort``); its one choice is the
    # value asked for, labelled with what it shows, so the active filter says it
    cohort = django_filters.ChoiceFilter(label=_("Report figure"), method="filter_cohort")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = (self.data or {}).get("cohort")
        self.cohort = None
        if value:
            self.cohort = resolve_deal_cohort(self.request, value)
            self.filters["cohort"].extra["choices"] = [(value, self.cohort.description)]
        deals = self.queryset
        user = getattr(self.request, "user", None)
        policy = sales_policy(Deal)
        if user is not None and policy is not None:
            deals = policy.scope(user, deals)
        for name, key in TOUCH_KEYS.items():
            self.filters[name].extra["choices"] = touch_choices(deals, key)

    class Meta:
        model = Deal
        fields = [
            "pipeline",
            "stage",
            "owner",
            "status",
            "qualification",
            "services",
            "source",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "first_utm_source",
            "created_at",
            "closed_at",
            "cohort",
        ]

    def filter_cohort(self, queryset, name, value):
        if not value or self.cohort is None:
            return queryset
        if self.cohort.deals is None:
            return queryset.none()
        return queryset.filter(pk__in=self.cohort.deals.values("pk"))


def touch_choices(deals, key: str) -> list[tuple[str, str]]:
    """The text values the ``key`` of a JSON field has among ``deals``, sorted."""
    values = deals.order_by().values_list(key, flat=True).distinct()[:MAX_TOUCH_CHOICES]
    return [(value, value) for value in sorted({v for v in values if isinstance(v, str) and v})]
