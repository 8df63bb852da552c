"""Presets: the columns of another CRM's export (and of our own) mapped to targets in advance.

The column lists come from code that parses real exports, not from the vendors' documentation
(neither publishes the export's columns): amoCRM's deals export (76 columns) and contacts export
(43 columns) as read by hromov/jevelina's ``amoimport``; Bitrix24's deal and lead list columns
from its own component language files (``crm.deal.list``, ``crm.lead.list``), which the CSV and
"Excel" (an HTML table) exports print as headers. Accounts add their own fields, so a preset
maps what it knows and leaves the rest for the user; headers it does not list fall back to the
aliases of ``targets``.

A header listed twice maps its first and second occurrence in the file (amoCRM repeats
"Источник", "Товар", "cid"…): the file's columns are told apart by their index.
"""

import dataclasses

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import exports
from ..choices import ImportKind
from .targets import NOTE, SKIP, header_key


@dataclasses.dataclass(frozen=True)
class Preset:
    key: str
    label: str
    kind: str
    #: (header, target key) in the file's order; "" skips the column
    columns: tuple[tuple[str, str], ...]
    #: the prefix of external ids ("amocrm" → "amocrm:123"); "" keeps them as they are
    external_system: str = ""
    #: the day comes first in dates written as text (01.02.2024 is the 1st of February)
    day_first: bool = True

    def key_for(self, name: str, occurrence: int) -> str | None:
        """The target of the ``occurrence``-th column whose :func:`header_key` is ``name``."""
        found = self._index.get(name, ())
        if occurrence < len(found):
            return found[occurrence]
        return None

    @property
    def _index(self) -> dict[str, list[str]]:
        index = self.__dict__.get("_cache")
        if index is None:
            index = {}
            for header, key in self.columns:
                for name in _spellings(header):
                    index.setdefault(name, []).append(key)
            object.__setattr__(self, "_cache", index)
        return index


def _spellings(header) -> set[str]:
    """A header's :func:`header_key`; a translatable one (our own exports' headings) in every
    language of the site, since the export is written in the user's language."""
    if not isinstance(header, Promise):
        return {header_key(header)}
    spellings = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            spellings.add(header_key(str(header)))
    return spellings


_AMOCRM_PHONES = [
    ("Рабочий телефон", "contact.phone"),
    ("Рабочий прямой телефон", "contact.phone"),
    ("Мобильный телефон", "contact.phone"),
    ("Факс", NOTE),
    ("Домашний телефон", "contact.phone"),
    ("Другой телефон", "contact.phone"),
    ("Рабочий email", "contact.email"),
    ("Личный email", "contact.email"),
    ("Другой email", "contact.email"),
]
_AMOCRM_NOTES = [
    ("Теги", NOTE),
    ("Примечание", NOTE),
    ("Примечание 2", NOTE),
    ("Примечание 3", NOTE),
    ("Примечание 4", NOTE),
    ("Примечание 5", NOTE),
]
_AMOCRM_TRACKING = [
    ("utm_source", "deal.utm_source"),
    ("utm_medium", "deal.utm_medium"),
    ("utm_campaign", "deal.utm_campaign"),
    ("utm_term", "deal.utm_term"),
    ("utm_content", "deal.utm_content"),
    ("utm_referrer", SKIP),
    ("referrer", "deal.referrer"),
]

AMOCRM_DEALS = Preset(
    "amocrm_deals",
    _("amoCRM: deals export"),
    ImportKind.DEALS,
    (
        ("ID", "deal.external_ref"),
        ("Название сделки", "deal.title"),
        ("Бюджет", "deal.amount"),
        ("Ответственный", "deal.owner"),
        ("Дата создания сделки", "deal.created_at"),
        ("Дата создания", "deal.created_at"),
        ("Кем создана сделка", SKIP),
        ("Дата редактирования", SKIP),
        ("Кем редактирована", SKIP),
        ("Дата закрытия", "deal.closed_at"),
        *_AMOCRM_NOTES,
        ("Этап сделки", "deal.stage"),
        ("Воронка", "deal.pipeline"),
        ("Полное имя контакта", "contact.name"),
        ("Компания контакта", NOTE),  # "Компания" is the deal's company
        ("Ответственный за контакт", SKIP),
        ("Компания", "company.name"),
        *_AMOCRM_PHONES,
        ("Город", NOTE),
        ("Источник", "deal.source"),
        ("Источник", SKIP),
        ("Должность", "contact.position"),
        ("Причина отказа", "deal.lost_reason"),
        ("ИНН", "company.tax_number"),
        *_AMOCRM_TRACKING,
    ),
    external_system="amocrm",
)

AMOCRM_CONTACTS = Preset(
    "amocrm_contacts",
    _("amoCRM: contacts export"),
    ImportKind.CONTACTS,
    (
        ("ID", "contact.external_ref"),
        ("Тип", SKIP),
        ("Полное имя контакта", "contact.name"),
        ("Имя", "contact.first_name"),
        ("Фамилия", "contact.last_name"),
        ("Название компании", "company.name"),
        ("Ответственный", SKIP),
        ("Дата создания контакта", SKIP),
        ("Кем создан контакт", SKIP),
        ("Сделки", SKIP),
        ("Дата редактирования", SKIP),
        ("Кем редактирован", SKIP),
        *_AMOCRM_NOTES,
        *_AMOCRM_PHONES,
        ("Web", "company.website"),
        ("Адрес", NOTE),
        ("Город", NOTE),
        ("Источник", NOTE),
        ("Должность", "contact.position"),
        ("ИНН", "company.tax_number"),
    ),
    external_system="amocrm",
)

_BITRIX_CONTACT = [
    ("Контакт", "contact.name"),
    ("Компания", "company.name"),
    ("Компания: Название компании", "company.name"),
    ("Компания: ИНН", "company.tax_number"),
    ("Телефон", "contact.phone"),
    ("Рабочий телефон", "contact.phone"),
    ("Мобильный телефон", "contact.phone"),
    ("Домашний телефон", "contact.phone"),
    ("Другой телефон", "contact.phone"),
    ("Контакт: Рабочий телефон", "contact.phone"),
    ("Контакт: Мобильный телефон", "contact.phone"),
    ("E-mail", "contact.email"),
    ("Рабочий e-mail", "contact.email"),
    ("Частный e-mail", "contact.email"),
    ("Другой e-mail", "contact.email"),
    ("Контакт: Рабочий e-mail", "contact.email"),
    ("Контакт: Должность", "contact.position"),
]
_BITRIX_TRACKING = [
    ("UTM Source", "deal.utm_source"),
    ("UTM Medium", "deal.utm_medium"),
    ("UTM Campaign", "deal.utm_campaign"),
    ("UTM Term", "deal.utm_term"),
    ("UTM Content", "deal.utm_content"),
]

BITRIX24_DEALS = Preset(
    "bitrix24_deals",
    _("Bitrix24: deals export"),
    ImportKind.DEALS,
    (
        ("ID", "deal.external_ref"),
        ("Название сделки", "deal.title"),
        ("Комментарий", NOTE),
        ("Сумма", "deal.amount"),
        *_BITRIX_CONTACT,
        ("Стадия сделки", "deal.stage"),
        ("Состояние", SKIP),
        ("Валюта", "deal.currency"),
        ("Вероятность", "deal.probability"),
        ("Товар", SKIP),
        ("Тип", NOTE),
        ("Сделка закрыта", SKIP),
        ("Предполагаемая дата закрытия", "deal.expected_close_date"),
        ("Дата начала", SKIP),
        ("Кем изменена", SKIP),
        ("Ответственный", "deal.owner"),
        ("Дата создания", "deal.created_at"),
        ("Дата изменения", SKIP),
        ("Кем создана", SKIP),
        ("Воронка", "deal.pipeline"),
        ("Направление", "deal.pipeline"),
        ("Группа стадий", SKIP),
        ("Источник", "deal.source"),
        ("Дополнительно об источнике", NOTE),
        ("Клиент", SKIP),
        ("Сумма/Валюта", SKIP),
        ("Дела", SKIP),
        ("Причина отказа", "deal.lost_reason"),
        *_BITRIX_TRACKING,
    ),
    external_system="bitrix24",
)

BITRIX24_LEADS = Preset(
    "bitrix24_leads",
    _("Bitrix24: leads export"),
    ImportKind.DEALS,
    (
        ("ID", "deal.external_ref"),
        ("Название лида", "deal.title"),
        ("Имя", "contact.first_name"),
        ("Фамилия", "contact.last_name"),
        ("Отчество", SKIP),
        ("Полное имя", "contact.name"),
        *_BITRIX_CONTACT,
        ("Сайт", "company.website"),
        ("Мессенджер", NOTE),
        ("Должность", "contact.position"),
        ("Адрес", NOTE),
        ("Комментарий", NOTE),
        ("Статус", "deal.stage"),
        ("Дополнительно о статусе", NOTE),
        ("Возможная сумма", "deal.amount"),
        ("Сумма", "deal.amount"),
        ("Валюта", "deal.currency"),
        ("Источник", "deal.source"),
        ("Дополнительно об источнике", NOTE),
        ("Ответственный", "deal.owner"),
        ("Кем создан", SKIP),
        ("Кем изменен", SKIP),
        ("Дата создания", "deal.created_at"),
        ("Дата изменения", SKIP),
        ("Товар", SKIP),
        ("Название компании", "company.name"),
        ("Дата рождения", SKIP),
        ("Состояние", SKIP),
        ("Повторный лид", SKIP),
        ("Обращение", SKIP),
        ("Наблюдатели", SKIP),
        *_BITRIX_TRACKING,
    ),
    external_system="bitrix24",
)

#: our own exports (deals, contacts, companies: ``leads.exports``), their headings in every
#: language of the site; custom fields' columns are headed by the field's name (or key), which
#: the pipeline's custom targets know
VITRINA = Preset(
    "vitrina",
    _("Vitrina: our own export"),
    ImportKind.DEALS,
    tuple(exports.preset_columns()),
    day_first=False,
)

PRESETS: dict[str, Preset] = {
    preset.key: preset
    for preset in (AMOCRM_DEALS, AMOCRM_CONTACTS, BITRIX24_DEALS, BITRIX24_LEADS, VITRINA)
}


def preset_choices(kind: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the presets for a kind of file (all when ``kind`` is None)."""
    return [
        (preset.key, preset.label)
        for preset in PRESETS.values()
        if kind is None or preset.kind == kind or preset.key == "vitrina"
    ]
