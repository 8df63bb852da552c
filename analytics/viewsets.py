"""Sales → Analytics: the screens' URLs and their item in leads' Sales menu (through
``SALES_MENU_HOOK``, as proposals do), shown to users with ``leads.view_deal``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from leads.viewsets import SALES_MENU_HOOK, ScreenViewSet

from .views import VIEW_PERMISSION, OverviewView, ReportScreenView


class AnalyticsViewSet(ScreenViewSet):
    name = "analytics"
    url_prefix = "sales/analytics"
    url_namespace = "analytics"
    menu_label = _("Analytics")
    icon = "table"
    menu_hook = SALES_MENU_HOOK
    #: after the Board, Deals, Proposals, Contacts and Companies; before My tasks
    menu_order = 38
    permission = VIEW_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", OverviewView.as_view(), name="index"),
            path("results/", OverviewView.as_view(results_only=True), name="index_results"),
            path("<slug:slug>/", ReportScreenView.as_view(), name="report"),
            path(
                "<slug:slug>/results/",
                ReportScreenView.as_view(results_only=True),
                name="report_results",
            ),
        ]
