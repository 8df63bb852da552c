"""The admin home's analytics panel: this month's requests, win rate and revenue, and next
month's weighted forecast, each linked to its report. Managers see every deal, Sales their own
(the same Scope as the screens). The figures come from the win-rate and forecast reports'
``summary(scope)`` and ``next_month(scope)``; a report not there yet leaves its figure out."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from leads.models import Deal
from leads.permissions import deal_policy

from . import registry
from .base import Kind, Scope
from .display import show
from .filters import THIS_MONTH, period_from


def _month_after(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


class AnalyticsPanel(Component):
    name = "sales_analytics"
    order = 60

    def __init__(self, request):
        self.request = request

    def figures(self, today: datetime.date | None = None) -> list[dict]:
        today = today or timezone.localdate()
        user = self.request.user
        scope = Scope(
            deals=deal_policy.scope(user, Deal.objects.all()),
            period=period_from(THIS_MONTH, today),
            user=user,
        )
        found = []
        win_rate = registry.get("win_rate")
        if win_rate is not None and hasattr(win_rate, "summary"):
            summary = win_rate.summary(scope)
            url = reverse("analytics:report", args=["win_rate"]) + f"?period={THIS_MONTH}"
            found += [
                {"key": "requests", "value": show(summary["requests"], Kind.COUNT), "url": url},
                {"key": "win_rate", "value": show(summary["win_rate"], Kind.PERCENT), "url": url},
                {"key": "revenue", "value": show(summary["revenue"], Kind.MONEY), "url": url},
            ]
        forecast = registry.get("forecast")
        if forecast is not None and hasattr(forecast, "next_month"):
            found.append(
                {
                    "key": "forecast",
                    "value": show(forecast.next_month(scope), Kind.MONEY),
                    "url": reverse("analytics:report", args=["forecast"]),
                    "month": _month_after(today),
                }
            )
        return found

    def render_html(self, parent_context=None):
        context = {"figures": self.figures(), "overview": reverse("analytics:index")}
        return render_to_string("analytics/home_panel.html", context, request=self.request)
