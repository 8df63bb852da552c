"""Totals: quantities, discounts, tax, rounding once per line and per total."""

from decimal import Decimal

import hypothesis.strategies as st
from hypothesis import given, settings

from proposals.money import line_total, round_money, totals


def test_examples():
    lines = [
        line_total(Decimal("3"), Decimal("0.335"), "RUB"),
        line_total(Decimal("1.5"), Decimal("100"), "RUB"),
    ]
    assert lines == [Decimal("1.01"), Decimal("150.00")]
    result = totals(lines, discount_percent=Decimal("10"), tax_rate=Decimal("20"), currency="RUB")
    assert result == {
        "subtotal": Decimal("151.01"),
        "discount": Decimal("15.10"),
        "tax": Decimal("27.18"),
        "total": Decimal("163.09"),
    }
    assert round_money(Decimal("0.005"), "USD") == Decimal("0.01")
    assert totals([], discount_percent=Decimal(0), tax_rate=Decimal(0), currency="EUR")[
        "total"
    ] == Decimal("0.00")


money_values = st.decimals(
    min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
)
quantities = st.decimals(
    min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)
percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(quantities, money_values), max_size=20), percents, percents)
def test_total_is_sum_of_rounded_lines_minus_discount_plus_tax(lines, discount, tax):
    rounded = [line_total(q, p, "RUB") for q, p in lines]
    result = totals(rounded, discount_percent=discount, tax_rate=tax, currency="RUB")
    assert result["subtotal"] == sum(rounded, Decimal(0))
    assert result["total"] == sum(rounded, Decimal(0)) - result["discount"] + result["tax"]
    for value in result.values():
        assert value == value.quantize(Decimal("0.01"))
    assert Decimal(0) <= result["discount"] <= result["subtotal"]
