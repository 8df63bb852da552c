"""Filters of the sales listings."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

import django_filters
from django_filters.fields import ModelChoiceField

from catalog.models import ServicePage
from core.formatting import person_name
from core.untrusted import parse_positive_int

from .models import Deal, Pipeline, Stage


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


class DealFilterSet(WagtailFilterSet):
    pipeline = PkChoiceFilter(queryset=Pipeline.objects.all(), label=_("Pipeline"))
    stage = PkChoiceFilter(queryset=Stage.objects.select_related("pipeline"), label=_("Stage"))
    owner = PkChoiceFilter(
        queryset=get_user_model().objects.filter(is_active=True), label=_("Owner")
    )
    services = PkChoiceFilter(
        queryset=ServicePage.objects.live().only("id", "title").order_by("title"),
        label=_("Service"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangePickerWidget
    )

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
            "created_at",
        ]
