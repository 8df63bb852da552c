from wagtail import hooks

from leads.filters import register_deal_cohort

from . import drilldown
from .home import AnalyticsPanel
from .viewsets import AnalyticsViewSet

# the deals list's ``cohort`` parameter: a figure's deals (leads may not import analytics)
register_deal_cohort(drilldown.resolve)


@hooks.register("register_admin_viewset")
def register_analytics():
    return AnalyticsViewSet()


@hooks.register("construct_homepage_panels")
def add_analytics_panel(request, panels):
    if request.user.has_perm("leads.view_deal"):
        panels.append(AnalyticsPanel(request))
