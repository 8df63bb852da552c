"""Admin listing columns that read right: money with its currency, people by name, dates in
the language's one format (config/formats). Used by the sales and proposal listings."""

from django.utils.text import capfirst

from wagtail.admin.ui.tables import Column
from wagtail.coreutils import multigetattr

from .formatting import format_date, format_money, person_name

NUMBER_CELL = "w-text-end w-whitespace-nowrap"


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name) if model else None


class MoneyColumn(Column):
    """``1 500 000,00 ₽`` / ``₽1,500,000.00``, right-aligned; sortable by the amount."""

    def __init__(self, name, *, currency_field="currency", model=None, **kwargs):
        kwargs.setdefault("label", _label(model, name))
        kwargs.setdefault("classname", NUMBER_CELL)
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)
        self.currency_field = currency_field

    def get_value(self, instance):
        amount = super().get_value(instance)
        return format_money(amount, getattr(instance, self.currency_field, ""))


class PersonColumn(Column):
    """A user by full name (the username when it is empty); blank for nobody."""

    def __init__(self, name, *, model=None, **kwargs):
        kwargs.setdefault("label", _label(model, name))
        kwargs.setdefault("sort_key", f"{name}__last_name")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        try:
            user = multigetattr(instance, self.accessor)
        except AttributeError:
            user = None
        return person_name(user)


class DateColumn(Column):
    """A date or date-time in ``SHORT_DATE_FORMAT`` / ``SHORT_DATETIME_FORMAT``, local time."""

    def __init__(self, name, *, model=None, **kwargs):
        kwargs.setdefault("label", _label(model, name))
        kwargs.setdefault("sort_key", name)
        kwargs.setdefault("classname", "w-whitespace-nowrap")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return format_date(super().get_value(instance))
