from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_viewsets import AddButtonLabelMixin, StableMenuNameMixin

from .models import ServiceCategory


class ServiceCategoryViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    menu_label = _("Service categories")
    add_item_label = _("Add a service category")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    list_filter = {"name": ["icontains"]}
    search_fields = ["name"]  # the indexed field: PostgreSQL refuses fields not in search_fields
    sort_order_field = "sort_order"
