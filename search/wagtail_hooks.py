from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .reports import SearchTermsReportView
from .viewsets import HiddenSearchTermViewSet, SynonymGroupViewSet

register_snippet(HiddenSearchTermViewSet)
register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", SearchTermsReportView.as_view(), name="index"),
        path("results/", SearchTermsReportView.as_view(results_only=True), name="results"),
    ]
    return [path("reports/search-terms/", include((urls, "search_report")))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Search terms"),
        reverse("search_report:index"),
        name="search-terms",
        icon_name="search",
        order=900,
    )
