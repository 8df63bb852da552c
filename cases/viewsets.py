from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_viewsets import AddButtonLabelMixin, StableMenuNameMixin

from .models import Industry


class IndustryViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    model = Industry
    icon = "globe"
    menu_label = _("Industries")
    add_item_label = _("Add an industry")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    list_filter = {"name": ["icontains"]}
    search_fields = ["name"]
