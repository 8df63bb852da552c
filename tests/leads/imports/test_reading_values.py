"""What a cell's value becomes: numbers and amounts with either separator, percentages from
formatted spreadsheet cells, and text files with a huge cell or stray NUL bytes (the outside
tester's findings on leads.imports)."""

from decimal import Decimal

import pytest

from leads.imports.reading import open_table
from leads.imports.widgets import MoneyWidget, NumberWidget


def read(data, **kwargs):
    table = open_table(data, filename=kwargs.pop("filename", "deals.csv"), **kwargs)
    return table, list(table.rows())


def error_of(widget, value) -> str:
    with pytest.raises(ValueError) as error:
        widget.clean(value)
    return str(error.value)


# A custom field's number


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        (-5, "-5"),
        (-5.5, "-5.5"),
        (Decimal("-3"), "-3"),
        ("-5", "-5"),
        ("5", "5"),
        ("5.00", "5"),
        ("\u22127", "-7"),  # a typographic minus
        (1e13, "10000000000000"),
        ("0.125", "0.125"),
        (0.125, "0.125"),
        ("1500", "1500"),
        (1500.0, "1500"),
        ("1 500", "1500"),
        ("-0", "0"),
    ],
)
def test_number_keeps_its_sign_size_and_decimals_as_plain_text(cell, stored):
    assert NumberWidget().clean(cell) == stored


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (1e16, "the number is too large"),
        ("-2e15", "the number is too large"),
        ("abc", "'abc' is not a number"),
        ("01.02.2024", "'01.02.2024' is not a number"),
    ],
)
def test_number_errors_speak_of_a_number(cell, message):
    assert error_of(NumberWidget(), cell) == message


def test_amount_keeps_its_rules_and_words():
    money = MoneyWidget()
    assert money.clean("1 500 000,50 ₽") == Decimal("1500000.50")
    assert money.clean("0.125") == Decimal("0.12")
    assert error_of(money, -5) == "the amount cannot be negative"
    assert error_of(money, "\u22125") == "the amount cannot be negative"
    assert error_of(money, 1e13) == "the amount is too large"
    assert error_of(money, "abc") == "'abc' is not an amount"


# Separators: the same text is the same number in an amount and in a custom number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.500", "1500"),
        ("1,500", "1500"),
        ("12.345", "12345"),
        ("1.500.000", "1500000"),
        ("1,500,000", "1500000"),
        ("1 500 000", "1500000"),
        ("1.500.000,50", "1500000.5"),
        ("1,500,000.50", "1500000.5"),
        ("0.125", "0.125"),
        ("0,125", "0.125"),
        ("1,5", "1.5"),
        ("1.50", "1.5"),
        ("1234.567", "1234.567"),
    ],
)
def test_thousands_and_decimal_separators_read_alike_in_both_widgets(text, number):
    assert NumberWidget().clean(text) == number
    assert MoneyWidget().clean(text) == Decimal(number).quantize(Decimal("0.01"))
