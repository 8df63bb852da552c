"""Presets for amoCRM and Bitrix24 exports, with sample rows in the exports' shapes.

The column lists come from research §2/§3 sources (third-party parsers of real amoCRM exports,
hromov/jevelina's amoimport; Bitrix24's own crm.deal.list / crm.lead.list language files), not
from the vendors' documentation."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

import pytest

from leads.choices import ImportKind, StageKind
from leads.imports.cleaning import CleanContext, clean_row
from leads.imports.presets import PRESETS
from leads.imports.targets import guess_mapping
from leads.models import Pipeline

pytestmark = pytest.mark.django_db

_AMOCRM_DEALS_LINE = (
    "ID;Название сделки;Бюджет;Ответственный;Дата создания сделки;Кем создана сделка;"
    "Дата редактирования;Кем редактирована;Дата закрытия;Теги;Примечание;Примечание 2;"
    "Примечание 3;Примечание 4;Примечание 5;Этап сделки;Воронка;Полное имя контакта;"
    "Компания контакта;Ответственный за контакт;Компания;Рабочий телефон;Рабочий прямой телефон;"
    "Мобильный телефон;Факс;Домашний телефон;Другой телефон;Рабочий email;Личный email;"
    "Другой email;Город;Источник;Должность;Товар;Skype;ICQ;Jabber;Google Talk;MSN;Другой IM;"
    "Пользовательское соглашение;cid;uid;tid;utm_source;utm_medium;utm_campaign;utm_term;"
    "utm_content;utm_referrer;_ym_uid;_ym_counter;roistat;referrer;openstat_service;"
    "openstat_campaign;openstat_ad;openstat_source;from;gclientid;gclid;yclid;fbclid;GOOGLE_ID;"
    "roistat;KEYWORD;ADV_CAMP;TRAF_TYPE;TRAF_SRC;Товар;Производитель;cid;uid;tid;Источник;domain"
)
AMOCRM_DEALS = _AMOCRM_DEALS_LINE.split(";")

_AMOCRM_CONTACTS_LINE = (
    "ID;Тип;Полное имя контакта;Имя;Фамилия;Название компании;Ответственный;"
    "Дата создания контакта;Кем создан контакт;Сделки;Дата редактирования;Кем редактирован;Теги;"
    "Примечание 1;Примечание 2;Примечание 3;Примечание 4;Примечание 5;Рабочий телефон;"
    "Рабочий прямой телефон;Мобильный телефон;Факс;Домашний телефон;Другой телефон;Рабочий email;"
    "Личный email;Другой email;Web;Адрес;Город;Источник;Должность;Товар;Skype;ICQ;Jabber;"
    "Google Talk;MSN;Другой IM;Пользовательское соглашение;cid;uid;tid"
)
AMOCRM_CONTACTS = _AMOCRM_CONTACTS_LINE.split(";")

BITRIX_DEALS = [
    "ID", "Название сделки", "Комментарий", "Сумма", "Компания", "Контакт", "Стадия сделки",
    "Валюта", "Вероятность", "Предполагаемая дата закрытия", "Ответственный", "Дата создания",
    "Дата изменения", "Воронка", "Источник", "Сумма/Валюта", "Дела", "",
]  # fmt: skip

BITRIX_LEADS = [
    "ID", "Название лида", "Имя", "Фамилия", "Отчество", "Рабочий телефон", "Рабочий e-mail",
    "Должность", "Комментарий", "Статус", "Возможная сумма", "Валюта", "Источник",
    "Ответственный", "Дата создания", "Название компании",
]  # fmt: skip


def row_of(headers, **by_header):
    cells = [None] * len(headers)
    for header, value in by_header.items():
        cells[headers.index(header)] = value
    return cells


def test_amocrm_deals_76_columns():
    assert len(AMOCRM_DEALS) == 76
    mapping = guess_mapping(AMOCRM_DEALS, ImportKind.DEALS, preset="amocrm_deals")
    assert mapping[0] == "deal.external_ref"
    assert mapping[2] == "deal.amount"
    assert mapping[15] == "deal.stage" and mapping[16] == "deal.pipeline"
    assert mapping[31] == "deal.source" and 74 not in mapping  # the second "Источник"
    assert [mapping[i] for i in (21, 22, 23, 25, 26)] == ["contact.phone"] * 5
    assert [mapping[i] for i in (27, 28, 29)] == ["contact.email"] * 3
    assert mapping[44] == "deal.utm_source" and mapping[53] == "deal.referrer"
    assert sum(1 for key in mapping.values() if key == "company.name") == 1


def test_amocrm_deal_row_cleans():
    olga = User.objects.create_user(
        "olga", "olga@example.com", "pw", first_name="Ольга", last_name="Смирнова"
    )
    olga.groups.add(Group.objects.get(name="Sales"))  # only Sales users own deals
    pipeline = Pipeline.objects.get(is_default=True)
    mapping = guess_mapping(AMOCRM_DEALS, ImportKind.DEALS, preset="amocrm_deals")
    ctx = CleanContext.build(
        kind=ImportKind.DEALS, headers=AMOCRM_DEALS, mapping=mapping,
        options={"preset": "amocrm_deals", "time_zone": "Europe/Moscow", "pipeline": pipeline.pk},
    )  # fmt: skip
    won = pipeline.stages.get(kind=StageKind.WON)
    ctx.values["deal.stage"] = {"Успешно реализовано": won}
    cells = row_of(
        AMOCRM_DEALS,
        ID="123456",
        **{
            "Название сделки": "Интернет-магазин",
            "Бюджет": "250 000",
            "Ответственный": "Ольга Смирнова",
            "Дата создания сделки": "05.03.2024 12:00:00",
            "Дата закрытия": "20.04.2024 15:00:00",
            "Теги": "сайт, магазин",
            "Этап сделки": "Успешно реализовано",
            "Полное имя контакта": "Пётр Иванов",
            "Компания": "ООО «Ромашка»",
            "Рабочий телефон": "+7 (495) 123-45-67",
            "Мобильный телефон": "8 916 765 43 21",
            "Рабочий email": "PETR@romashka.ru",
            "utm_source": "yandex",
        },
    )
    row = clean_row(cells, row=2, context=ctx)
    assert row.ok, [str(e) for e in row.errors]
    assert row.deal["external_ref"] == "amocrm:123456"
    assert row.deal["amount"] == Decimal("250000.00")
    assert row.deal["owner"].username == "olga"
    assert row.deal["utm"] == {"utm_source": "yandex"}
    assert row.deal["closed_at"] == datetime.datetime(
        2024, 4, 20, 15, tzinfo=ZoneInfo("Europe/Moscow")
    )
    assert row.contact == {
        "name": "Пётр Иванов",
        "email": "petr@romashka.ru",
        "phone": "+74951234567",
    }
    assert row.company == {"name": "ООО «Ромашка»"}
    assert "Мобильный телефон: +79167654321" in row.notes and "Теги: сайт, магазин" in row.notes


def test_amocrm_contacts_43_columns():
    assert len(AMOCRM_CONTACTS) == 43
    mapping = guess_mapping(AMOCRM_CONTACTS, ImportKind.CONTACTS, preset="amocrm_contacts")
    assert mapping[0] == "contact.external_ref" and mapping[2] == "contact.name"
    assert mapping[5] == "company.name" and mapping[27] == "company.website"
    ctx = CleanContext.build(
        kind=ImportKind.CONTACTS,
        headers=AMOCRM_CONTACTS,
        mapping=mapping,
        options={"preset": "amocrm_contacts"},
    )
    cells = row_of(
        AMOCRM_CONTACTS,
        ID="77",
        **{"Имя": "Анна", "Фамилия": "Петрова", "Личный email": "anna@x.ru"},
    )
    row = clean_row(cells, row=5, context=ctx)
    assert row.ok and row.contact == {
        "name": "Анна Петрова",
        "email": "anna@x.ru",
        "external_ref": "amocrm:77",
    }


def test_bitrix24_deals_row_cleans():
    pipeline = Pipeline.objects.get(is_default=True)
    lost = pipeline.stages.get(kind=StageKind.LOST)
    mapping = guess_mapping(BITRIX_DEALS, ImportKind.DEALS, preset="bitrix24_deals")
    assert mapping[BITRIX_DEALS.index("Стадия сделки")] == "deal.stage"
    assert (
        BITRIX_DEALS.index("Сумма/Валюта") not in mapping and len(BITRIX_DEALS) - 1 not in mapping
    )
    ctx = CleanContext.build(
        kind=ImportKind.DEALS, headers=BITRIX_DEALS, mapping=mapping,
        value_mapping={"deal.stage": {"Сделка провалена": str(lost.pk)}, "deal.owner": {"Иван Иванов": ""}},
        options={"preset": "bitrix24_deals"},
    )  # fmt: skip
    cells = row_of(
        BITRIX_DEALS,
        ID="42",
        **{
            "Название сделки": "Сделка #42",
            "Сумма": "15000.50",
            "Компания": "Ромашка",
            "Стадия сделки": "Сделка провалена",
            "Валюта": "Российский рубль",
            "Вероятность": "30",
            "Ответственный": "Иван Иванов",
            "Дата создания": "01.02.2024",
            "Предполагаемая дата закрытия": "01.03.2024",
        },
    )
    row = clean_row(cells, row=2, context=ctx)
    # a lost deal without a reason column: the row says what to do
    assert [e.message for e in row.errors] == [
        "a lost deal needs a reason: map the lost reason column or choose a reason for rows without one"
    ]
    assert (
        row.deal["currency"] == "RUB"
        and row.deal["owner"] is None
        and row.deal["probability"] == 30
    )
    assert row.deal["expected_close_date"] == datetime.date(2024, 3, 1)
    assert row.contact == {"name": "Ромашка"} and row.warnings  # contact named after the company


def test_bitrix24_leads_preset():
    mapping = guess_mapping(BITRIX_LEADS, ImportKind.DEALS, preset="bitrix24_leads")
    assert mapping[1] == "deal.title" and mapping[2] == "contact.first_name"
    assert mapping[9] == "deal.stage" and mapping[10] == "deal.amount"
    assert mapping[5] == "contact.phone" and mapping[6] == "contact.email"
    assert mapping[15] == "company.name" and 4 not in mapping


def test_every_preset_maps_only_known_targets():
    from leads.imports.targets import ALL_TARGETS

    for preset in PRESETS.values():
        for _header, key in preset.columns:
            assert key == "" or key in ALL_TARGETS, (preset.key, key)
