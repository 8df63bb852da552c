"""Money arithmetic of proposals: Decimal only, rounded once per line and once per total."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.formatting import format_money

MINOR_UNITS = {"RUB": 2, "USD": 2, "EUR": 2}
#: Every amount of a proposal (a line, the subtotal, the total) stays below this, so that the
#: accepted total fits a deal's amount (14 digits, 2 of them after the point) and every column.
MAX_AMOUNT = Decimal(10**12)


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNITS.get(currency, 2))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half up (as accountants do)."""
    return Decimal(amount).quantize(quantum(currency), rounding=ROUND_HALF_UP)


def fits(amount: Decimal) -> bool:
    """True when ``amount`` is one a proposal line, total or deal's amount can hold."""
    return abs(Decimal(amount)) < MAX_AMOUNT


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


def too_large_message(what: str, amount: Decimal, currency: str) -> str:
    """Why ``amount`` (a line's or the proposal's total) is refused, in words for sales."""
    limit = format_money(MAX_AMOUNT, currency)
    total = format_money(amount, currency)
    if what == "line":
        return _("This line comes to %(total)s; a line must stay below %(limit)s.") % {
            "total": total,
            "limit": limit,
        }
    return _(
        "This proposal comes to %(total)s; a proposal's total must stay below %(limit)s so "
        "that it fits a deal's amount."
    ) % {"total": total, "limit": limit}


def line_problem(quantity, unit_price, currency: str) -> ValidationError | None:
    """The error for a line whose total no column holds; ``None`` for a line that fits."""
    if quantity is None or unit_price is None:
        return None
    total = line_total(quantity, unit_price, currency)
    if fits(total):
        return None
    return ValidationError(too_large_message("line", total, currency), code="too_large")
