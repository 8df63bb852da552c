from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_viewsets import (
    AddButtonLabelMixin,
    PermissionCheckedChooserViewSet,
    StableMenuNameMixin,
)

from .models import HiddenSearchTerm, SynonymGroup


class HiddenSearchTermViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    """Settings → Hidden searches: terms editors keep out of the popular searches."""

    model = HiddenSearchTerm
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "search"
    menu_label = _("Hidden searches")
    add_item_label = _("Add a hidden search")
    add_to_settings_menu = True
    list_display = ["term", "created_at"]
    list_filter = {"term": ["icontains"]}


class SynonymGroupViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    """Settings → Synonyms: spellings and words that mean the same to a search ("1C" and "1С",
    "webshop" and "интернет-магазин"). A copy would repeat every term of its group, which a term
    may not, so there is no copy view."""

    model = SynonymGroup
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "list-ul"
    menu_label = _("Synonyms")
    add_item_label = _("Add a synonym group")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["__str__", "language", "live", "note"]
    list_filter = {"language": ["exact"], "live": ["exact"], "terms": ["icontains"]}
    panels = [FieldPanel("terms"), FieldPanel("language"), FieldPanel("note"), FieldPanel("live")]
