"""What every admin viewset of the project shares.

Wagtail words a listing's add button with its own "Add %(model_name)s" around the model's
``verbose_name``, which is in the nominative case: Russian needs the accusative, so the button
read "Добавить сделка". A viewset names its button as a whole phrase instead
(``add_item_label = _("Add a deal")`` → "Добавить сделку").
"""


class AddButtonLabelMixin:
    #: the listing's add button, translated as a whole; Wagtail's own wording when empty
    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)
