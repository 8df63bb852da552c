"""Money arithmetic of proposals: Decimal only, rounded once per line and once per total."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

MINOR_UNITS = {"RUB": 2, "USD": 2, "EUR": 2}


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNITS.get(currency, 2))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half up (as accountants do)."""
    return Decimal(amount).quantize(quantum(currency), rounding=ROUND_HALF_UP)


def line_total(quantity: Decimal, unit_price: Decimal, currency: str) -> Decimal:
    return round_money(Decimal(quantity) * Decimal(unit_price), currency)


def totals(
    line_totals: Iterable[Decimal], *, discount_percent: Decimal, tax_rate: Decimal, currency: str
) -> dict[str, Decimal]:
    """Subtotal of the (already rounded) lines, the discount and the tax, each rounded once."""
    subtotal = sum((Decimal(value) for value in line_totals), Decimal(0))
    subtotal = round_money(subtotal, currency)
    discount = round_money(subtotal * Decimal(discount_percent) / 100, currency)
    tax = round_money((subtotal - discount) * Decimal(tax_rate) / 100, currency)
    return {
        "subtotal": subtotal,
        "discount": discount,
        "tax": tax,
        "total": subtotal - discount + tax,
    }
