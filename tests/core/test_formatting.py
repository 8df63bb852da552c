"""Money, percentages and names as people read them (core.formatting)."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import translation

import pytest

from core.formatting import MINUS, format_money, format_percent, is_zero, person_name

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (Decimal("1500000"), "RUB", "ru", f"1{NBSP}500{NBSP}000,00{NBSP}₽"),
        (Decimal("1500000"), "RUB", "en", "₽1,500,000.00"),
        (Decimal("1234.56"), "RUB", "en", "₽1,234.56"),
        (Decimal("1234.5"), "RUB", "ru", f"1{NBSP}234,50{NBSP}₽"),
        (Decimal("2000000.00"), "USD", "en", "$2,000,000.00"),
        (Decimal("2000000.00"), "USD", "ru", f"2{NBSP}000{NBSP}000,00{NBSP}$"),
        (Decimal("99.9"), "EUR", "en", "€99.90"),
        (Decimal("99.9"), "EUR", "ru", f"99,90{NBSP}€"),
        (1700000, "RUB", "ru", f"1{NBSP}700{NBSP}000,00{NBSP}₽"),
        ("1500000.00", "RUB", "en", "₽1,500,000.00"),  # a snapshot keeps totals as text
        (0.1 + 0.2, "RUB", "en", "₽0.30"),
        ("0.00", "RUB", "en", "₽0.00"),
    ],
)
def test_money_reads_in_the_language_with_its_minor_unit(amount, currency, language, expected):
    assert format_money(amount, currency, language=language) == expected


def test_minor_unit_is_never_rounded_away():
    lines = [Decimal("1234.56"), Decimal("765.44")]
    shown = [format_money(line, "RUB", language="en") for line in lines]
    assert shown == ["₽1,234.56", "₽765.44"]
    assert format_money(sum(lines), "RUB", language="en") == "₽2,000.00"


def test_negative_amount_has_a_real_minus_sign():
    assert format_money(Decimal("-75"), "RUB", language="en") == f"{MINUS}₽75.00"
    assert format_money("-75", "RUB", language="ru") == f"{MINUS}75,00{NBSP}₽"
    assert "-" not in format_money(-1, "USD", language="en")


@pytest.mark.parametrize("amount", [None, ""])
def test_no_amount_reads_as_nothing(amount):
    assert format_money(amount, "RUB") == ""


@pytest.mark.parametrize("garbage", ["abc", "1,5", "NaN", "Infinity", "<b>1</b>", object()])
def test_garbage_is_shown_as_it_is_never_raises(garbage):
    assert format_money(garbage, "RUB", language="en") == str(garbage)


def test_missing_or_odd_currency_never_raises():
    assert format_money(10, "", language="en") == "₽10.00"  # the site's default currency
    assert format_money(10, None, language="ru") == f"10,00{NBSP}₽"
    assert format_money(10, "usd", language="en") == "$10.00"
    assert format_money(1000, "not money", language="en") == "1,000.00"


def test_whole_drops_the_minor_unit_only_of_whole_amounts():
    assert format_money(Decimal("100000.00"), "RUB", language="en", whole=True) == "₽100,000"
    assert format_money(100000, "RUB", language="ru", whole=True) == f"100{NBSP}000{NBSP}₽"
    assert format_money("1234.56", "RUB", language="en", whole=True) == "₽1,234.56"


def test_language_defaults_to_the_active_one():
    with translation.override("ru"):
        assert format_money(1500, "RUB") == f"1{NBSP}500,00{NBSP}₽"
    with translation.override("en"):
        assert format_money(1500, "RUB") == "₽1,500.00"


@pytest.mark.parametrize(
    ("value", "language", "signed", "expected"),
    [
        ("75", "en", "-", f"{MINUS}75%"),
        ("75", "ru", "-", f"{MINUS}75{NBSP}%"),
        (Decimal("12.5"), "en", "", "12.5%"),
        (Decimal("12.5"), "ru", "", f"12,5{NBSP}%"),
        ("20", "en", "+", "+20%"),
        ("-3", "en", "", f"{MINUS}3%"),
        ("garbage", "en", "-", ""),
        (None, "ru", "", ""),
    ],
)
def test_percent(value, language, signed, expected):
    assert format_percent(value, language=language, signed=signed) == expected


@pytest.mark.parametrize(
    ("value", "zero"),
    [("0.00", True), (Decimal("0"), True), (None, True), ("x", True), ("0.01", False), (5, False)],
)
def test_is_zero(value, zero):
    assert is_zero(value) is zero


def test_template_filters():
    template = Template(
        "{% load core_tags %}{{ a|money:'RUB' }}|{{ a|money_whole:'RUB' }}|"
        "{{ p|percent:'-' }}|{% if z|nonzero %}shown{% else %}hidden{% endif %}"
    )
    with translation.override("en"):
        text = template.render(Context({"a": Decimal("100000"), "p": "75", "z": "0.00"}))
    assert text == f"₽100,000.00|₽100,000|{MINUS}75%|hidden"


def test_person_name_prefers_the_full_name(db):
    users = get_user_model().objects
    named = users.create_user("anna", first_name="Anna", last_name="Petrova")
    bare = users.create_user("ivan42")
    assert person_name(named) == "Anna Petrova"
    assert person_name(bare) == "ivan42"
    assert person_name(None, "Unassigned") == "Unassigned"
