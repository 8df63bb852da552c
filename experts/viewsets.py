from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_viewsets import AddButtonLabelMixin, StableMenuNameMixin
from core.spreadsheets import SpreadsheetSafeExportMixin

from .models import Competency


class CompetencyIndexView(SpreadsheetSafeExportMixin, IndexView):
    """Competencies, exported with names a spreadsheet would run as a formula kept text."""


class CompetencyViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    model = Competency
    icon = "pick"
    menu_label = _("Competencies")
    add_item_label = _("Add a competency")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "area"]
    list_filter = ["area"]
    search_fields = ["name"]  # the indexed field: PostgreSQL refuses fields not in search_fields
    list_export = ["name", "slug", "area"]
    index_view_class = CompetencyIndexView
