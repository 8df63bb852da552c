"""What a column of the file can mean: the target fields of each kind of import.

What it offers:

- target keys (stable, stored in saved mappings): ``contact.name``, ``contact.first_name``,
  ``contact.last_name``, ``contact.email``, ``contact.phone`` (several columns may map to it:
  the first valid one wins, the others go to the timeline), ``contact.position``,
  ``contact.external_ref``, ``company.name``, ``company.tax_number``, ``company.website``,
  ``company.phone``, ``company.external_ref``, ``deal.title``, ``deal.amount``,
  ``deal.currency``, ``deal.pipeline``, ``deal.stage``, ``deal.owner``, ``deal.created_at``,
  ``deal.stage_entered_at``, ``deal.closed_at``, ``deal.expected_close_date``,
  ``deal.probability``, ``deal.source``, ``deal.utm_source``, ``deal.utm_medium``,
  ``deal.utm_campaign``, ``deal.utm_term``, ``deal.utm_content``, ``deal.referrer``,
  ``deal.lost_reason``, ``deal.lost_comment``, ``deal.external_ref``, ``deal.services``,
  ``custom.<key>`` (a pipeline's custom field), ``note`` (several: timeline text), ``""`` (skip).
- ``targets_for(kind, *, pipeline=None) -> list[Target]`` (with the pipeline's custom fields);
  ``guess_mapping(headers, kind, *, preset=None) -> dict[int, str]`` (column index → key);
  ``PRESETS`` (in ``presets.py``): ``amocrm_deals``, ``amocrm_contacts``, ``bitrix24_deals``,
  ``bitrix24_leads``, ``vitrina`` (our own export).

A header is compared by :func:`header_key` (case, ё/е, spaces and punctuation do not matter).
Each target's aliases are English and Russian headers people and other CRMs write; its label in
both languages is an alias too, so that our own export (written in the user's language) maps
back one to one.
"""

import dataclasses
import functools
import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..choices import ImportKind

SKIP = ""
NOTE = "note"
CUSTOM_PREFIX = "custom."

_NOT_A_WORD = re.compile(r"[\W_]+")


def header_key(header) -> str:
    """``"Бюджет, ₽ "`` → ``"бюджет"``; ``"E-mail"`` → ``"e mail"``: how headers are compared."""
    text = str(header or "").casefold().replace("ё", "е").replace("₽", " ")
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


@dataclasses.dataclass(frozen=True)
class Target:
    """A field a column can fill. ``parser`` names how its cells are read (``cleaning``)."""

    key: str
    label: str
    parser: str = "text"
    aliases: tuple[str, ...] = ()
    #: several columns may map to it (phones, emails, notes)
    multiple: bool = False
    max_length: int | None = None

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]


# fmt: off
CONTACT_TARGETS = (
    Target("contact.name", _("Contact: name"), "text", (
        "name", "full name", "contact", "contact name", "client", "фио", "имя фамилия",
        "полное имя", "полное имя контакта", "имя контакта", "контакт", "основной контакт",
        "клиент", "contact full name", "person"), max_length=255),
    Target("contact.first_name", _("Contact: first name"), "text", (
        "first name", "given name", "имя"), max_length=120),
    Target("contact.last_name", _("Contact: last name"), "text", (
        "last name", "surname", "family name", "фамилия"), max_length=120),
    Target("contact.email", _("Contact: email"), "email", (
        "email", "e mail", "mail", "email address", "почта", "электронная почта", "эл почта",
        "рабочий email", "личный email", "другой email", "рабочий e mail", "частный e mail",
        "другой e mail", "контакт рабочий e mail", "контакт email", "contact email"),
        multiple=True),
    Target("contact.phone", _("Contact: phone"), "phone", (
        "phone", "phone number", "telephone", "mobile", "mobile phone", "work phone", "телефон",
        "мобильный", "мобильный телефон", "рабочий телефон", "рабочий прямой телефон",
        "домашний телефон", "другой телефон", "контакт рабочий телефон", "контакт телефон",
        "contact phone"), multiple=True),
    Target("contact.position", _("Contact: position"), "text", (
        "position", "job title", "title at company", "должность"), max_length=255),
    Target("contact.external_ref", _("Contact: external id"), "ref", (
        "contact id", "id контакта")),
)

COMPANY_TARGETS = (
    Target("company.name", _("Company: name"), "text", (
        "company", "company name", "organisation", "organization", "account", "компания",
        "название компании", "компания контакта", "организация", "компания название компании",
        "название организации", "наименование"), max_length=255),
    Target("company.tax_number", _("Company: tax number (ИНН)"), "tax_number", (
        "tax number", "tax id", "inn", "инн", "инн компании", "company tax number")),
    Target("company.website", _("Company: website"), "url", (
        "website", "site", "web", "url", "сайт", "веб сайт", "company website")),
    Target("company.phone", _("Company: phone"), "phone", (
        "company phone", "телефон компании", "компания телефон")),
    Target("company.external_ref", _("Company: external id"), "ref", (
        "company id", "id компании")),
)

DEAL_TARGETS = (
    Target("deal.title", _("Deal: title"), "text", (
        "title", "deal", "deal title", "deal name", "сделка", "название", "название сделки",
        "название лида", "тема"), max_length=255),
    Target("deal.amount", _("Deal: amount"), "money", (
        "amount", "budget", "sum", "value", "deal value", "сумма", "бюджет", "бюджет руб",
        "сумма сделки", "возможная сумма", "стоимость")),
    Target("deal.currency", _("Deal: currency"), "currency", ("currency", "валюта")),
    Target("deal.pipeline", _("Deal: pipeline"), "value", (
        "pipeline", "funnel", "воронка", "название воронки", "направление")),
    Target("deal.stage", _("Deal: stage"), "value", (
        "stage", "deal stage", "status", "этап", "этап сделки", "стадия", "стадия сделки",
        "статус", "статус сделки")),
    Target("deal.owner", _("Deal: owner"), "value", (
        "owner", "responsible", "manager", "assigned to", "deal owner", "owner email",
        "ответственный", "ответственный пользователь", "ответственный за сделку",
        "менеджер", "email ответственного")),
    Target("deal.created_at", _("Deal: created"), "datetime", (
        "created", "created at", "date created", "creation date", "дата создания",
        "дата создания сделки", "создана", "дата начала")),
    Target("deal.stage_entered_at", _("Deal: in stage since"), "datetime", (
        "in stage since", "stage entered at", "stage date", "в этапе с", "дата перехода в этап",
        "в стадии с")),
    Target("deal.closed_at", _("Deal: closed"), "datetime", (
        "closed", "closed at", "close date", "date closed", "дата закрытия",
        "дата закрытия сделки", "закрыта")),
    Target("deal.expected_close_date", _("Deal: expected close date"), "date", (
        "expected close date", "expected close", "предполагаемая дата закрытия",
        "ожидаемая дата закрытия", "планируемая дата закрытия")),
    Target("deal.probability", _("Deal: probability, %"), "percent", (
        "probability", "вероятность")),
    Target("deal.source", _("Deal: source"), "text", (
        "source", "lead source", "channel", "источник", "источник сделки"), max_length=120),
    Target("deal.utm_source", _("UTM source"), "text", ("utm source",), max_length=500),
    Target("deal.utm_medium", _("UTM medium"), "text", ("utm medium",), max_length=500),
    Target("deal.utm_campaign", _("UTM campaign"), "text", ("utm campaign",), max_length=500),
    Target("deal.utm_term", _("UTM term"), "text", ("utm term",), max_length=500),
    Target("deal.utm_content", _("UTM content"), "text", ("utm content",), max_length=500),
    Target("deal.referrer", _("Deal: referrer"), "url", ("referrer", "referer", "реферер")),
    Target("deal.lost_reason", _("Deal: lost reason"), "value", (
        "lost reason", "reason lost", "why lost", "причина отказа", "причина проигрыша",
        "причина закрытия")),
    Target("deal.lost_comment", _("Deal: why it was lost"), "text", (
        "lost comment", "комментарий к отказу"), max_length=5000),
    Target("deal.external_ref", _("Deal: external id"), "ref", (
        "id", "deal id", "external id", "id сделки", "внешний id", "идентификатор")),
    Target("deal.services", _("Deal: services"), "services", ("services", "service", "услуги",
                                                             "услуга")),
)

NOTE_TARGET = Target(NOTE, _("Note on the timeline"), "note", (
    "note", "notes", "comment", "comments", "description", "tags", "примечание",
    "примечание 2", "примечание 3", "примечание 4", "примечание 5", "комментарий", "теги",
    "заметка", "описание"), multiple=True)
# fmt: on

_BY_KIND = {
    ImportKind.CONTACTS: CONTACT_TARGETS + COMPANY_TARGETS + (NOTE_TARGET,),
    ImportKind.COMPANIES: COMPANY_TARGETS + (NOTE_TARGET,),
    ImportKind.DEALS: DEAL_TARGETS + CONTACT_TARGETS + COMPANY_TARGETS + (NOTE_TARGET,),
}
ALL_TARGETS = {target.key: target for target in DEAL_TARGETS + CONTACT_TARGETS + COMPANY_TARGETS}
ALL_TARGETS[NOTE] = NOTE_TARGET

#: the custom field types → how their cells are read
CUSTOM_PARSERS = {
    "text": "text",
    "number": "number",
    "date": "date",
    "choice": "choice",
    "boolean": "boolean",
}


def custom_target(custom) -> Target:
    """The target of a pipeline's custom field (its name is its alias)."""
    return Target(
        CUSTOM_PREFIX + custom.key,
        custom.name,
        CUSTOM_PARSERS.get(custom.field_type, "text"),
        (custom.name, custom.key),
        max_length=1000,
    )


def targets_for(kind: str, *, pipeline=None) -> list[Target]:
    """The targets a file of ``kind`` offers, with ``pipeline``'s custom fields for deals."""
    targets = list(_BY_KIND.get(kind, ()))
    if kind == ImportKind.DEALS and pipeline is not None:
        targets += [custom_target(custom) for custom in pipeline.custom_fields.all()]
    return targets


def every_custom_target() -> list[Target]:
    """The custom fields of every pipeline (the first of each key): a file's rows name their
    pipeline, so its custom columns can be guessed before a default pipeline is chosen."""
    from ..models import CustomField

    found: dict[str, Target] = {}
    for custom in CustomField.objects.order_by("pipeline__sort_order", "pipeline_id", "sort_order"):
        found.setdefault(custom.key, custom_target(custom))
    return list(found.values())


def target_for(key: str) -> Target | None:
    return ALL_TARGETS.get(key)


@functools.cache
def _label_keys(language: str) -> dict[str, str]:
    """Each target's label in ``language`` → its key (our own export's headers)."""
    with translation.override(language):
        return {header_key(str(target.label)): key for key, target in ALL_TARGETS.items()}


#: headers that mean something else in one kind of file ("Name" of a company list)
_KIND_ALIASES = {
    ImportKind.COMPANIES: {
        "name": "company.name",
        "название": "company.name",
        "наименование": "company.name",
        "id": "company.external_ref",
        "phone": "company.phone",
        "телефон": "company.phone",
    },
    ImportKind.CONTACTS: {"id": "contact.external_ref"},
}


def _alias_index(targets, kind) -> dict[str, str]:
    index = dict(_KIND_ALIASES.get(kind, {}))
    for language in ("en", "ru"):
        for label, key in _label_keys(language).items():
            index.setdefault(label, key)
    for target in targets:
        index.setdefault(header_key(target.label), target.key)
        for alias in target.aliases:
            index.setdefault(header_key(alias), target.key)
    return index


def guess_mapping(headers, kind: str, *, preset=None, pipeline=None) -> dict[int, str]:
    """Column index → target key for the columns that can be guessed.

    The preset's columns first (a header listed twice in a preset maps its first and second
    occurrences: amoCRM repeats "Источник"), then the aliases. A target that takes one column
    takes the first matching one; the others stay unmapped for the user to choose."""
    from .presets import PRESETS

    preset_obj = PRESETS.get(preset) if isinstance(preset, str) else preset
    targets = targets_for(kind, pipeline=pipeline)
    if (
        kind == ImportKind.DEALS
        and pipeline is None
        and getattr(preset_obj, "key", "") == "vitrina"
    ):
        targets += every_custom_target()  # our own export: a column per custom field
    allowed = {target.key: target for target in targets}
    allowed[NOTE] = NOTE_TARGET
    aliases = _alias_index(targets, kind)
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = header_key(header)
        occurrence = seen.get(name, 0)
        seen[name] = occurrence + 1
        key = None
        if preset_obj is not None:
            key = preset_obj.key_for(name, occurrence)
        if key is None and occurrence == 0:
            key = aliases.get(name)
        if key is None or key == SKIP:
            continue
        target = allowed.get(key)
        if target is None or (key in taken and not target.multiple):
            continue
        mapping[index] = key
        taken.add(key)
    return mapping
