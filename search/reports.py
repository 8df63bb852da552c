"""Admin report: what visitors search for, and what finds nothing, per week, with CSV/XLSX export."""

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import QueryDailyHits

import django_filters

from core.spreadsheets import SpreadsheetSafeExportMixin

from .models import NoResultsDailyHits


class SearchTermsFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    without_results = django_filters.BooleanFilter(
        label=_("Only searches without results"), method="filter_without_results"
    )

    class Meta:
        model = QueryDailyHits
        fields = ["date"]

    def filter_without_results(self, queryset, name, value):
        return queryset.filter(without_results__gt=0) if value else queryset


class SearchTermsReportView(SpreadsheetSafeExportMixin, ReportView):
    """Visitors typed these searches: one that a spreadsheet would run as a formula stays text."""

    page_title = _("Search terms")
    header_icon = "search"
    index_url_name = "search_report:index"
    index_results_url_name = "search_report:results"
    filterset_class = SearchTermsFilterSet
    paginate_by = 50
    list_export = ["week", "query__query_string", "searches", "without_results"]
    export_headings = {
        "week": _("Week"),
        "query__query_string": _("Search"),
        "searches": _("Searches"),
        "without_results": _("Without results"),
    }
    columns = [
        Column("week", label=_("Week")),
        Column("query__query_string", label=_("Search")),
        Column("searches", label=_("Searches")),
        Column("without_results", label=_("Without results")),
    ]

    def get_filename(self):
        return "search-terms"

    def get_queryset(self):
        misses = (
            NoResultsDailyHits.objects.filter(query_id=OuterRef("query_id"))
            .annotate(week=TruncWeek("date"))
            .filter(week=OuterRef("week"))
            .values("query_id")
            .annotate(total=Sum("hits"))
            .values("total")
        )
        return (
            QueryDailyHits.objects.annotate(week=TruncWeek("date"))
            .values("week", "query_id", "query__query_string")
            .annotate(
                searches=Sum("hits"),
                without_results=Coalesce(Subquery(misses, output_field=IntegerField()), 0),
            )
            .order_by("-week", "-searches", "query__query_string")
        )
