"""Wagtail's own admin messages that name one of our models, re-worded in our catalogs.

Wagtail's generic create, edit and delete views put a model's ``verbose_name`` into a sentence
("%(model_name)s '%(object)s' updated."). Its Russian catalog then reads "Контакт 'Natalia
Pavlova' обновлена" or "Вы уверены, что хотите удалить сделка?": a name in the nominative where
the verb wants another case, a verb of the wrong gender. Our catalog (``LOCALE_PATHS``) is
searched before Wagtail's, so ``locale/ru/LC_MESSAGES/django.po`` translates these very msgids
in a form that reads right whatever the model's gender and case: the model's name after a colon
or in brackets ("Сохранено: контакт «Natalia Pavlova»").

Nothing here runs: the strings are listed only so that ``makemessages`` keeps them in our
catalogs. Each must stay exactly Wagtail's msgid (``wagtail/admin/views/generic/models.py``,
``wagtail/admin/views/generic/base.py``, ``wagtailadmin/shared/usage_summary.html``); a test
(``tests/i18n/test_wagtail_wording.py``) renders them through Wagtail's own views.
"""

from django.utils.translation import gettext_noop, ngettext

WAGTAIL_MESSAGES = [
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("There are no %(model_name)s to display."),
]


def _plural_messages_for_makemessages(count: int) -> None:  # pragma: no cover - never called
    """Django has no ``ngettext_noop``: this call only marks Wagtail's plural msgid (the delete
    confirmation's usage count, ``usage_summary.html``) so that ``makemessages`` keeps it with
    its plural forms. It is never called."""
    ngettext(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        count,
    )
