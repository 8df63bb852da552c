"""One row of a file → a contact, a company and a deal, or errors naming the row and column."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

import pytest

from leads.choices import ImportKind, StageKind
from leads.imports.cleaning import CleanContext, clean_row
from leads.models import LostReason, Pipeline

pytestmark = pytest.mark.django_db

MSK = ZoneInfo("Europe/Moscow")


def context(kind, headers, mapping, value_mapping=None, **options):
    return CleanContext.build(
        kind=kind,
        headers=headers,
        mapping={str(i): key for i, key in enumerate(mapping)},
        value_mapping=value_mapping or {},
        options={"time_zone": "Europe/Moscow", **options},
    )


def test_contact_row_is_normalised():
    ctx = context(
        ImportKind.CONTACTS,
        ["ФИО", "Email", "Телефон", "Компания", "ИНН"],
        ["contact.name", "contact.email", "contact.phone", "company.name", "company.tax_number"],
    )
    row = clean_row(
        [" Анна  Петрова ", "Anna@Example.COM", "8 (916) 123-45-67", "ООО Ромашка", "7707083893"],
        row=2,
        context=ctx,
    )
    assert row.ok, row.errors
    assert row.contact == {
        "name": "Анна Петрова",
        "email": "anna@example.com",
        "phone": "+79161234567",
    }
    assert row.company == {"name": "ООО Ромашка", "tax_number": "7707083893"}


def test_bad_phone_names_row_column_and_value():
    ctx = context(ImportKind.CONTACTS, ["Имя", "Телефон"], ["contact.name", "contact.phone"])
    row = clean_row(["Иван", "8 (800)"], row=214, context=ctx)
    assert not row.ok
    assert str(row.errors[0]) == "row 214, column Телефон: '8 (800)' is not a phone number"


def test_second_phone_goes_to_the_timeline_and_bad_email_fails():
    ctx = context(
        ImportKind.CONTACTS,
        ["Имя", "Рабочий телефон", "Мобильный телефон", "Email"],
        ["contact.name", "contact.phone", "contact.phone", "contact.email"],
    )
    row = clean_row(["Иван", "+7 916 123-45-67", "89161112233", "no-at-sign"], row=3, context=ctx)
    assert row.contact["phone"] == "+79161234567"
    assert row.notes == ["Мобильный телефон: +79161112233"]
    assert [str(e) for e in row.errors] == [
        "row 3, column Email: 'no-at-sign' is not an email address"
    ]


def test_deal_row_with_dates_amount_stage_and_owner():
    owner = User.objects.create_user(
        "olga", "olga@example.com", "pw", first_name="Ольга", last_name="Смирнова"
    )
    owner.groups.add(Group.objects.get(name="Sales"))  # only Sales users own deals
    pipeline = Pipeline.objects.get(is_default=True)
    won = pipeline.stages.get(kind=StageKind.WON)
    ctx = context(
        ImportKind.DEALS,
        [
            "Название сделки",
            "Бюджет",
            "Этап сделки",
            "Ответственный",
            "Дата создания сделки",
            "Дата закрытия",
            "Контакт",
        ],
        [
            "deal.title",
            "deal.amount",
            "deal.stage",
            "deal.owner",
            "deal.created_at",
            "deal.closed_at",
            "contact.name",
        ],
        {"deal.stage": {"Успешно реализовано": str(won.pk)}},
    )
    row = clean_row(
        [
            "Сайт",
            "1 500 000,50 ₽",
            "Успешно реализовано",
            "Ольга Смирнова",
            "01.02.2024 10:00:00",
            "15.03.2024 18:30:00",
            "Анна",
        ],
        row=2,
        context=ctx,
    )
    assert row.ok, [str(e) for e in row.errors]
    deal = row.deal
    assert deal["amount"] == Decimal("1500000.50")
    assert deal["currency"] == "RUB"
    assert deal["stage"] == won and deal["pipeline"] == pipeline and deal["status"] == "won"
    assert deal["owner"] == owner
    assert deal["created_at"] == datetime.datetime(2024, 2, 1, 10, tzinfo=MSK)
    assert (
        deal["closed_at"]
        == deal["stage_entered_at"]
        == datetime.datetime(2024, 3, 15, 18, 30, tzinfo=MSK)
    )


def test_won_needs_amount_and_lost_needs_reason():
    pipeline = Pipeline.objects.get(is_default=True)
    won = pipeline.stages.get(kind=StageKind.WON)
    lost = pipeline.stages.get(kind=StageKind.LOST)
    ctx = context(
        ImportKind.DEALS,
        ["Сделка", "Этап"],
        ["deal.title", "deal.stage"],
        {"deal.stage": {"Успех": str(won.pk), "Провал": str(lost.pk)}},
    )
    assert "a won deal needs an amount" in str(
        clean_row(["A", "Успех"], row=2, context=ctx).errors[0]
    )
    assert "a lost deal needs a reason" in str(
        clean_row(["B", "Провал"], row=3, context=ctx).errors[0]
    )
    reason = LostReason.objects.first()
    ctx = context(
        ImportKind.DEALS,
        ["Сделка", "Этап"],
        ["deal.title", "deal.stage"],
        {"deal.stage": {"Провал": str(lost.pk)}},
        lost_reason=str(reason.pk),
    )
    row = clean_row(["B", "Провал"], row=3, context=ctx)
    assert row.ok and row.deal["lost_reason"] == reason


def test_cleaning_runs_no_queries(django_assert_num_queries):
    User.objects.create_user("olga", "olga@example.com", "pw").groups.add(
        Group.objects.get(name="Sales")
    )
    ctx = context(
        ImportKind.DEALS,
        ["Сделка", "Сумма", "Ответственный", "Этап", "Email"],
        ["deal.title", "deal.amount", "deal.owner", "deal.stage", "contact.email"],
    )
    stage = Pipeline.objects.get(is_default=True).stages.first()
    with django_assert_num_queries(0):
        for n in range(1000):
            row = clean_row(
                [f"Deal {n}", "100", "olga@example.com", stage.name, f"a{n}@x.ru"],
                row=n + 2,
                context=ctx,
            )
            assert row.ok
