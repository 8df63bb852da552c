"""The Analytics screens: an overview (a card per report) and one screen per report, on
Wagtail's ``ReportView`` (its filters drawer, header and CSV/XLSX export).

Views stay thin: the filters make a Scope (``analytics.scope``), the report module builds its
figures, :mod:`analytics.presenting` turns them into cells, links and charts.
Everyone with ``leads.view_deal`` may look (Sales see only their own deals: the Scope says so);
only ``leads.export_deals`` may export, through leads' ``ManagerExportMixin`` (the CSV's byte
order mark and the user's language in the streamed rows).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied

from wagtail.admin.views.reports import ReportView

from leads.viewsets import ManagerExportMixin

from . import presenting, registry
from .base import Table
from .display import expand, export_value
from .scope import filterset_for, scope_from

#: who may open any analytics screen
VIEW_PERMISSION = "leads.view_deal"


class AnalyticsMixin:
    """Refuses users without ``leads.view_deal``; filters with the analytics filter set."""

    header_icon = "table"
    paginate_by = None
    #: the report's own switches (``extra_filters()``), added to its filter form only
    extra_filters = None

    def dispatch(self, request, *args, **kwargs):
        # A plain 403, not Wagtail's redirect to the dashboard: the address exists, the user
        # may not see it (and an export link followed by a Sales user says so, too).
        try:
            if not request.user.has_perm(VIEW_PERMISSION):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return permission_denied(request, refusal)

    @cached_property
    def filters(self):
        return filterset_for(self.request, self.request.GET, self.extra_filters)

    @cached_property
    def scope(self):
        return scope_from(self.filters, self.request)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.get_page_title() != str(_("Analytics")):
            items.append({"url": reverse("analytics:index"), "label": _("Analytics")})
        return [*items, {"url": "", "label": self.get_page_title()}]


class OverviewView(AnalyticsMixin, ReportView):
    """A card per report: its name, what it answers, its key figures (each linked to the
    deals it counts, or to the report) and a link to it with the same filters."""

    template_name = "analytics/overview.html"
    results_template_name = "analytics/overview_results.html"
    page_title = _("Analytics")
    index_url_name = "analytics:index"
    index_results_url_name = "analytics:index_results"

    def get(self, request, *args, **kwargs):
        self.object_list = []
        context = self.get_context_data()
        context["cards"] = presenting.cards(registry.reports(), self.scope, request.GET)
        context["scope"] = self.scope
        return self.render_to_response(context)

    @property
    def show_export_buttons(self):
        return False


class ReportScreenView(AnalyticsMixin, ManagerExportMixin, ReportView):
    """One report: its definitions, headline cards, then each table beside its chart.

    ``?export=csv|xlsx&table=<name>`` exports one table (default: the first) as it is shown,
    a money column as one column per currency."""

    template_name = "analytics/report.html"
    results_template_name = "analytics/report_results.html"
    #: what the export writes is set per table (``as_spreadsheet``); non-empty shows its buttons
    list_export = ["table"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.slug = kwargs.get("slug", "")
        self.module = registry.get(self.slug)

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(VIEW_PERMISSION) and self.module is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def extra_filters(self):
        if self.module is not None and hasattr(self.module, "extra_filters"):
            return self.module.extra_filters()
        return None

    def get_page_title(self):
        return str(self.module.TITLE)

    def get_index_url(self):
        return reverse("analytics:report", args=[self.slug])

    def get_index_results_url(self):
        return reverse("analytics:report_results", args=[self.slug])

    def get_filename(self):
        return f"analytics-{self.slug}-{self.export_table.name}"

    @cached_property
    def report(self):
        return self.module.build(self.scope) if self.scope is not None else None

    @cached_property
    def export_table(self) -> Table:
        tables = self.report.tables
        name = self.request.GET.get("table")
        table = next((t for t in tables if t.name == name), None) if name else tables[0]
        if table is None:
            raise Http404
        return table

    def get(self, request, *args, **kwargs):
        self.object_list = self.report.tables if self.report is not None else []
        if self.is_export and self.object_list:
            return self.as_spreadsheet(self.export_rows(), request.GET.get("export"))
        self.is_export = False
        context = self.get_context_data()
        context.update(
            module=self.module,
            report=self.report,
            scope=self.scope,
            tables=presenting.tables(
                self.report, self.slug, self.scope, self.get_index_url(), request.GET
            ),
            headline=presenting.headline(self.report),
        )
        return self.render_to_response(context)

    def export_rows(self) -> list[dict]:
        table = self.export_table
        cells = expand(table)
        self.list_export = [cell.key for cell in cells]
        self.export_headings = {cell.key: cell.label for cell in cells}
        rows = [*table.rows, *([table.totals] if table.totals else [])]
        return [
            {cell.key: export_value(cell.value(row), cell.column.kind) for cell in cells}
            for row in rows
        ]

    def to_row_dict(self, item):
        return item
