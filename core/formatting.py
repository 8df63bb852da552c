"""Numbers as people read them: money in the active language's format, by Babel (CLDR).

``format_money(Decimal("1234.5"), "RUB")`` reads "1 234,50 ₽" in Russian and "₽1,234.50" in
English: the currency's minor unit, the locale's separators and symbol placement. Spreadsheets
keep raw numbers in their own columns; this is for what people read."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, get_currency_symbol

from .choices import CURRENCY_SYMBOLS


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (default: the active one)."""
    code = translation.to_locale(language or translation.get_language() or settings.LANGUAGE_CODE)
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_money(amount, currency: str, *, language: str | None = None) -> str:
    """``amount`` of ``currency`` for a reader of ``language``; "" for no amount."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return str(amount)
    locale = babel_locale(language)
    currency = currency or "RUB"
    text = format_currency(value, currency, locale=locale)
    # CLDR's English symbol of the rouble is its code ("RUB1,500.00"); people write ₽
    symbol, cldr_symbol = CURRENCY_SYMBOLS.get(currency), get_currency_symbol(currency, locale)
    if symbol and cldr_symbol != symbol:
        text = text.replace(cldr_symbol, symbol)
    return text
