"""Numbers as people read them: money and percentages in the active language, by Babel (CLDR).

``format_money(Decimal("1234.5"), "RUB")`` reads "1 234,50 ₽" in Russian and "₽1,234.50" in
English: the locale's separators and symbol placement, and always the currency's minor unit,
so the lines of a proposal visibly add up to its total (1,234.56 stays 1,234.56, never 1,235).

The one exception is a catalog price range ("from 100,000 ₽"): ``whole=True`` (the
``money_whole`` template filter) drops the minor unit of an amount that has none (100000.00),
and keeps it for one that has (1234.56 still reads 1,234.56). Proposals, deals, the admin,
emails and PDFs always show the minor unit.

A negative amount reads with a real minus sign (U+2212, "−₽75.00"), never a hyphen.
Spreadsheets (CSV/XLSX exports) keep raw numbers in their own columns with a currency column;
these functions are only for what people read.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import formats, timezone, translation

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_currency_symbol

from .choices import CURRENCY_SYMBOLS

MINUS = "\u2212"
DEFAULT_CURRENCY = "RUB"
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (default: the active one)."""
    code = translation.to_locale(language or translation.get_language() or settings.LANGUAGE_CODE)
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def to_decimal(value) -> Decimal | None:
    """``value`` (Decimal, int, float or a numeric string such as ``"0.00"``) as a finite
    Decimal; ``None`` for no value or anything that is not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def is_zero(value) -> bool:
    """True for an amount that reads as nothing: ``0``, ``"0.00"``, ``None``, garbage."""
    number = to_decimal(value)
    return number is None or number == 0


def _typographic_minus(text: str, locale: Locale) -> str:
    minus = locale.number_symbols.get("latn", {}).get("minusSign", "-")
    return text.replace(minus, MINUS, 1) if minus != MINUS else text


def format_money(amount, currency: str | None, *, language: str | None = None, whole=False) -> str:
    """``amount`` of ``currency`` for a reader of ``language`` (default: the active one).

    ``""`` for no amount (``None``, ``""``); anything that is not a number is shown as it
    is rather than hidden or raising. ``whole=True``: an amount without a fractional part
    loses the ",00" (catalog price ranges only, see the module docstring).
    """
    if amount is None or amount == "":
        return ""
    value = to_decimal(amount)
    if value is None:
        return str(amount)
    locale = babel_locale(language)
    code = (currency or DEFAULT_CURRENCY).strip().upper()
    if not _CURRENCY_CODE.match(code):
        # not a currency: the number alone, with its minor unit
        return _typographic_minus(format_decimal(value, format="#,##0.00", locale=locale), locale)
    kwargs = {}
    if whole and value == value.to_integral_value():
        pattern = locale.currency_formats["standard"].pattern
        kwargs = {"format": pattern.replace(".00", ""), "currency_digits": False}
    text = format_currency(value, code, locale=locale, **kwargs)
    # CLDR's English symbol of the rouble is its code ("RUB1,500.00"); people write ₽
    symbol, cldr_symbol = CURRENCY_SYMBOLS.get(code), get_currency_symbol(code, locale)
    if symbol and cldr_symbol != symbol:
        text = text.replace(cldr_symbol, symbol)
    return _typographic_minus(text, locale)


def format_number(value, *, language: str | None = None) -> str:
    """A measured value (a case's metric) for a reader of ``language`` (default: the active
    one): ``9800`` → "9,800" in English, "9 800" in Russian; up to two decimals ("1.1" /
    "1,1"), none when whole ("10.00" → "10"), a real minus sign. ``""`` for no value;
    anything that is not a number is shown as it is."""
    if value is None or value == "":
        return ""
    number = to_decimal(value)
    if number is None:
        return str(value)
    locale = babel_locale(language)
    return _typographic_minus(format_decimal(number, format="#,##0.##", locale=locale), locale)


def format_percent(value, *, language: str | None = None, signed: str = "") -> str:
    """``75`` (per cent, not a fraction) → "75%" in English, "75 %" in Russian; up to two
    decimals ("12.5%"). ``signed="-"`` puts a real minus sign before it ("−75%"), as on a
    discount line; ``signed="+"`` a plus. ``""`` for no value or garbage."""
    number = to_decimal(value)
    if number is None:
        return ""
    locale = babel_locale(language)
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.##", 1)
    text = format_decimal(abs(number) / 100, format=pattern, locale=locale)
    sign = {"-": MINUS, "+": "+"}.get(signed, MINUS if number < 0 else "")
    return f"{sign}{text}"


def person_name(user, default: str = "") -> str:
    """How a colleague is named on screen: the full name, the username when it is empty,
    ``default`` for nobody. Lists, cards, the timeline and emails all use this."""
    if user is None:
        return default
    full_name = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full_name or user.get_username()


def format_date(value) -> str:
    """A date-time (shown in the current time zone) or a date in the language's format."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)
