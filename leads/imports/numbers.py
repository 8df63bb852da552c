"""A number cell → ``Decimal``, shared by the amount and number widgets so that both read the
same text the same way.

Thousands and decimal separators (a file may use either "." or "," for either):

- several of one separator and no other: thousands ("1.500.000", "1,500,000"; spaces, also
  non-breaking, are always thousands: "1 500 000");
- both "," and ".": the last one is the decimal separator ("1.500.000,50", "1,500.5");
- one separator after one to three digits (not zero) and before exactly three: thousands
  ("1.500", "12,345"): a file that writes thousands with "." must not lose a factor of 1,000;
- otherwise the decimal separator ("0.125", "0,125", "1,5", "1.50", "1234.567").

Groups of thousands must have three digits, so a date typed in a number column ("01.02.2024")
is refused rather than read as 1,022,024. A leading "-" or "−" (U+2212, what typographers and
some exports write) is a minus; an exponent ("1,5E+12", how Excel shows a big number in a CSV)
is kept.
"""

import re
from decimal import Decimal, InvalidOperation

from core.untrusted import storable_text

#: currency signs and spaces an amount's text may carry around its digits
NOISE = re.compile(r"[\s\u00a0\u202f'’]|руб\.?|р\.|₽|\$|€|rub|usd|eur", re.IGNORECASE)
_SHAPE = re.compile(r"([-+\u2212]?)([\d.,]+)((?:e[-+]?\d+)?)", re.IGNORECASE)


class NotANumber(ValueError):
    """The cell holds no number; each widget says so in its own words."""


def decimal_in(value) -> Decimal | None:
    """The cell's number (``None`` when empty); :class:`NotANumber` when it holds none."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise NotANumber
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = NOISE.sub("", storable_text(str(value)))
        if not text:
            return None
        match = _SHAPE.fullmatch(text)
        digits = _plain_digits(match.group(2)) if match else None
        if digits is None:
            raise NotANumber
        sign = "-" if match.group(1) in ("-", "\u2212") else ""
        try:
            number = Decimal(sign + digits + match.group(3))
        except (InvalidOperation, ValueError):
            raise NotANumber from None
    if not number.is_finite():
        raise NotANumber
    return number


def _plain_digits(text: str) -> str | None:
    """Digits with separators → digits with at most one "." (``None`` when the separators make
    no sense)."""
    separators = [sign for sign in ",." if sign in text]
    if len(separators) == 2:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        whole, _dot, fraction = text.rpartition(decimal)
        thousands = "." if decimal == "," else ","
        return _grouped(whole, thousands) and f"{_grouped(whole, thousands)}.{fraction}"
    if not separators:
        return text
    separator = separators[0]
    whole, _dot, fraction = text.partition(separator)
    if text.count(separator) > 1:
        return _grouped(text, separator)
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole.strip("0"):
        return whole + fraction  # "1.500", "12,345": thousands
    return f"{whole or '0'}.{fraction}" if fraction or whole else None


def _grouped(text: str, separator: str) -> str | None:
    """ "1.500.000" → "1500000"; ``None`` unless every group after the first has three digits
    (and no other separator is left)."""
    first, *groups = text.split(separator)
    if not first.isdigit() or (len(first) > 3 and groups):
        return None
    if any(len(group) != 3 or not group.isdigit() for group in groups):
        return None
    return first + "".join(groups)
