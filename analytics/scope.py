"""The Scope of a request: the deals the user may see, narrowed by the screen's filters (all but
the period), the period the filters chose, and the filter state for links.

Which deals a user may see is leads' rule (``leads.permissions.deal_policy``): managers with
``leads.view_all_deals`` (and superusers) see all of them, other Sales staff their own and the
unassigned ones. A report never widens it; a figure's drill-down link rebuilds the same Scope
for the same user from the link's parameters (``analytics.drilldown``).
"""

import datetime

from django.http import QueryDict

from leads.models import Deal
from leads.permissions import deal_policy

from .base import Scope
from .filters import CUSTOM, AnalyticsFilterSet


def filterset_for(request, data: QueryDict | dict, extra_filters=None) -> AnalyticsFilterSet:
    """The analytics filters bound to ``data``, over the deals ``request.user`` may see."""
    return AnalyticsFilterSet(
        data=data,
        queryset=deal_policy.scope(request.user, Deal.objects.all()),
        request=request,
        extra_filters=extra_filters,
    )


def scope_from(
    filters: AnalyticsFilterSet, request, *, today: datetime.date | None = None
) -> Scope | None:
    """The Scope the (bound) filters describe, or None when the form has errors."""
    if not filters.is_valid():
        return None
    period = filters.chosen_period(today)
    data = filters.form.cleaned_data
    return Scope(
        deals=filters.qs,
        period=period,
        pipeline=data.get("pipeline"),
        user=request.user,
        params={**state(filters), **_extra(filters)},
    )


def state(filters: AnalyticsFilterSet) -> dict[str, str]:
    """The filter state as URL parameters, with the period as its days (a link followed next
    month still shows the same deals)."""
    data = filters.form.cleaned_data
    period = filters.chosen_period()
    params = {
        "period": CUSTOM,
        "dates_from": period.start.isoformat(),
        "dates_to": period.end.isoformat(),
    }
    for name in ("pipeline", "owner", "service", "service_type"):
        if data.get(name) is not None:
            params[name] = str(data[name].pk)
    if data.get("source"):
        params["source"] = data["source"]
    return params


def _extra(filters: AnalyticsFilterSet) -> dict[str, str]:
    return {
        name: str(value)
        for name, value in filters.extra_values().items()
        if value not in (None, "", [], ())
    }
