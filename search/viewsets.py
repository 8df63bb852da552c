from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_viewsets import AddButtonLabelMixin

from .models import HiddenSearchTerm


class HiddenSearchTermViewSet(AddButtonLabelMixin, SnippetViewSet):
    """Settings → Hidden searches: terms editors keep out of the popular searches."""

    model = HiddenSearchTerm
    icon = "search"
    menu_label = _("Hidden searches")
    add_item_label = _("Add a hidden search")
    add_to_settings_menu = True
    list_display = ["term", "created_at"]
    list_filter = {"term": ["icontains"]}
