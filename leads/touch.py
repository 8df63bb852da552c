"""Where a deal came from, in columns: the last touch (the visit that sent the request: ``utm``,
``landing_page``, ``referrer``) and the first touch (``first_touch``), for the deals list's export
and filters. Both are JSON written by ``leads.visitor``; a key that is missing reads as ""."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .visitor import EARLIEST_MOMENT, FUTURE_SLACK


def _get(data, *keys) -> str:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, str) else ""


def display(*, description):
    """Like ``django.contrib.admin.display``: the column's heading (without importing the admin
    while models load)."""

    def decorate(function):
        function.short_description = description
        return function

    return decorate


class TouchColumns:
    """Read-only columns of a model with ``utm`` and ``first_touch`` JSON fields."""

    @property
    @display(description=_("UTM source"))
    def utm_source(self) -> str:
        return _get(self.utm, "utm_source")

    @property
    @display(description=_("UTM medium"))
    def utm_medium(self) -> str:
        return _get(self.utm, "utm_medium")

    @property
    @display(description=_("UTM campaign"))
    def utm_campaign(self) -> str:
        return _get(self.utm, "utm_campaign")

    @property
    @display(description=_("First visit: landing page"))
    def first_landing(self) -> str:
        return _get(self.first_touch, "landing")

    @property
    @display(description=_("First visit: referrer"))
    def first_referrer(self) -> str:
        return _get(self.first_touch, "referrer")

    @property
    @display(description=_("First visit: UTM source"))
    def first_utm_source(self) -> str:
        return _get(self.first_touch, "utm", "utm_source")

    @property
    @display(description=_("First visit: UTM medium"))
    def first_utm_medium(self) -> str:
        return _get(self.first_touch, "utm", "utm_medium")

    @property
    @display(description=_("First visit: UTM campaign"))
    def first_utm_campaign(self) -> str:
        return _get(self.first_touch, "utm", "utm_campaign")

    @property
    def first_touch_at(self) -> datetime.datetime | None:
        """When the first visit began, as the browser said (None if unknown, or out of the range
        ``leads.visitor`` takes: a time stored before it checked the range may not exist in the
        site's zone, and the deal's page shows it there)."""
        try:
            moment = datetime.datetime.fromisoformat(_get(self.first_touch, "at"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None
        try:
            in_range = EARLIEST_MOMENT <= moment <= timezone.now() + FUTURE_SLACK
        except OverflowError:
            return None
        return moment if in_range else None
