"""What every admin viewset of the project shares.

Wagtail names a menu item by its label's slug unless told otherwise, and builds each menu once
per process, in the language of the first request that shows it: a process first asked in
Russian named the Sales menu's deals "Сделки" for everyone after. A viewset's menu item is named
by its label in English instead (``StableMenuNameMixin``).

Wagtail words a listing's add button with its own "Add %(model_name)s" around the model's
``verbose_name``, which is in the nominative case: Russian needs the accusative, so the button
read "Добавить сделка". A viewset names its button as a whole phrase instead
(``add_item_label = _("Add a deal")`` → "Добавить сделку").
"""

import functools

from django.core.exceptions import PermissionDenied
from django.utils import translation

from wagtail.coreutils import cautious_slugify
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet


class StableMenuNameMixin:
    """Names the menu item by the English slug of its label, whatever language is active."""

    @property
    def menu_name(self):
        with translation.override("en"):
            return cautious_slugify(str(self.menu_label))


class AddButtonLabelMixin:
    #: the listing's add button, translated as a whole; Wagtail's own wording when empty
    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)


class PermissionCheckedChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser that answers only users holding a permission on its model.

    Wagtail's choosers answer any admin user, since they serve the forms of other models: Sales
    could list the editors' synonyms through ``/admin/snippets/choose/…``. For models no other
    form chooses (settings kept by one group), a viewset sets ``chooser_viewset_class`` to this.
    """

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = self._guarded(pattern.callback)
        return patterns

    def _guarded(self, view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            policy = policy_registry.get_by_type(self.model)
            if not policy.user_has_any_permission(
                request.user, ["add", "change", "delete", "view"]
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded
