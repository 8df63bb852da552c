"""How one cell of a file becomes a value: django-import-export's widgets, made to say what is
wrong in words a person can act on.

django-import-export turns only ``ValueError`` into a field error (``resources.py``
``import_instance``); ``Decimal("8 (800)")`` raises ``InvalidOperation``, which would surface as
a traceback. So every widget here raises ``ValueError(<message>)``, and the message names the
value: "'8 (800)' is not a phone number".
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from import_export import widgets

from core.choices import Currency
from core.untrusted import sane_date, storable_text

from ..forms import normalise_phone
from ..normalise import email_key, tax_number_valid
from .numbers import NotANumber, decimal_in

#: the largest amount a Deal holds (DecimalField(max_digits=14, decimal_places=2))
MAX_AMOUNT = Decimal("999999999999.99")
#: a custom number's bounds: beyond them a cell is a mistake (an id, a phone) more than a number
MAX_NUMBER = Decimal(10) ** 15
NUMBER_DECIMALS = 10
_SHOWN = 60


def shown(value) -> str:
    """The value as quoted in a message (long values cut)."""
    text = str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def text_of(value) -> str:
    """A cell as text: numbers without a spurious ".0", no NUL, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return storable_text(str(value)).strip()


class TextWidget(widgets.CharWidget):
    def __init__(self, max_length=None):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = (
            " ".join(text_of(value).split())
            if self.max_length and self.max_length <= 500
            else (text_of(value))
        )
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("the value is longer than %(limit)s characters") % {"limit": self.max_length}
            )
        return text


class EmailWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = email_key(text_of(value))
        if not text:
            return ""
        try:
            validate_email(text)
        except ValidationError:
            raise ValueError(
                _("'%(value)s' is not an email address") % {"value": shown(text)}
            ) from None
        return text


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if not text:
            return ""
        if isinstance(value, int | float) and not text.startswith("+") and len(text) == 11:
            text = "+" + text if text.startswith("7") else text
        try:
            return normalise_phone(text[:40])
        except ValidationError:
            raise ValueError(
                _("'%(value)s' is not a phone number") % {"value": shown(text)}
            ) from None


class TaxNumberWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = re.sub(r"[\s\u00a0-]", "", text_of(value))
        if not text:
            return ""
        if isinstance(value, int | float) and len(text) in (9, 11):
            text = text.zfill(len(text) + 1)  # a leading zero a spreadsheet dropped
        if not tax_number_valid(text):
            raise ValueError(
                _("'%(value)s' is not a valid tax number (ИНН: 10 or 12 digits)")
                % {"value": shown(text)}
            )
        return text


class UrlWidget(widgets.CharWidget):
    def __init__(self, max_length=200):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if not text:
            return ""
        if "://" not in text:
            text = "https://" + text
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise ValueError(
                _("'%(value)s' is not a web address") % {"value": shown(text)}
            ) from None
        if len(text) > self.max_length:
            raise ValueError(
                _("the value is longer than %(limit)s characters") % {"limit": self.max_length}
            )
        return text


_MONEY_CURRENCY = (
    ("₽", "RUB"),
    ("руб", "RUB"),
    ("$", "USD"),
    ("€", "EUR"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("rub", "RUB"),
)


def currency_in_amount(value) -> str:
    """The currency an amount's text names ("1 500 $" → "USD"), or ""."""
    text = text_of(value).casefold()
    for sign, code in _MONEY_CURRENCY:
        if sign in text:
            return code
    return ""


class MoneyWidget(widgets.DecimalWidget):
    """``1 500 000,50``, ``1.500.000``, ``1 500 ₽``, ``1500.5`` → Decimal with two decimals, never
    negative (separators as in :mod:`leads.imports.numbers`)."""

    def clean(self, value, row=None, **kwargs):
        try:
            number = decimal_in(value)
        except NotANumber:
            raise ValueError(
                _("'%(value)s' is not an amount") % {"value": shown(text_of(value))}
            ) from None
        if number is None:
            return None
        if number < 0:
            raise ValueError(_("the amount cannot be negative"))
        if number > MAX_AMOUNT:
            raise ValueError(_("the amount is too large"))
        return number.quantize(Decimal("0.01"))


class NumberWidget(widgets.DecimalWidget):
    """A custom field's number, kept as the text JSON holds: negative or large, with every
    decimal it has ("0.125"), written the same way whatever the cell held ("-5", "1500", never
    "1.5E+3" or "-5.00"), so that equal numbers compare equal."""

    def clean(self, value, row=None, **kwargs):
        try:
            number = decimal_in(value)
        except NotANumber:
            raise ValueError(
                _("'%(value)s' is not a number") % {"value": shown(text_of(value))}
            ) from None
        if number is None:
            return None
        if abs(number) > MAX_NUMBER:
            raise ValueError(_("the number is too large"))
        if number.as_tuple().exponent < -NUMBER_DECIMALS:  # 1e-999999 is not a million zeros
            number = number.quantize(Decimal(1).scaleb(-NUMBER_DECIMALS))
        return format(number.normalize() if number else Decimal(0), "f")


class PercentWidget(widgets.IntegerWidget):
    """A probability, 0–100. "45", "45 %", "45,5%" are percent. A spreadsheet's cell formatted
    as a percentage holds a fraction (45 % is 0.45, 100 % is 1): the readers (``sheets``,
    ``ods``) give such cells as text "45%", since the fraction alone cannot tell 100 % from 1 %.
    An unformatted float strictly between 0 and 1 is still taken as a fraction (0.45 → 45): no
    one writes a probability below 1 %, while a computed 0.45 is common."""

    def clean(self, value, row=None, **kwargs):
        text = text_of(value).rstrip("%").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("'%(value)s' is not a percentage") % {"value": shown(value)}
            ) from None
        if isinstance(value, float) and 0 < number < 1:
            number *= 100  # a spreadsheet's 45 % cell holds 0.45
        if not number.is_finite() or not 0 <= number <= 100:
            raise ValueError(_("the probability must be between 0 and 100"))
        return int(number.to_integral_value())


_CURRENCY_NAMES = {
    "RUB": (
        "rub",
        "rur",
        "руб",
        "руб.",
        "р",
        "р.",
        "₽",
        "рубль",
        "рубли",
        "рублей",
        "российский рубль",
        "russian rouble",
        "russian ruble",
        "rouble",
        "ruble",
    ),
    "USD": ("usd", "$", "доллар", "доллар сша", "доллары", "us dollar", "dollar"),
    "EUR": ("eur", "€", "евро", "euro"),
}
CURRENCY_BY_NAME = {name: code for code, names in _CURRENCY_NAMES.items() for name in names}


def currency_code(value) -> str | None:
    """ "Российский рубль", "руб", "RUB", "$" → a ``Currency`` code; None when unknown."""
    text = " ".join(text_of(value).casefold().replace("ё", "е").split())
    if text.upper() in Currency.values:
        return text.upper()
    return CURRENCY_BY_NAME.get(text)


class CurrencyWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if not text_of(value):
            return ""
        code = currency_code(value)
        if code is None:
            raise ValueError(
                _("'%(value)s' is not a currency we keep (%(codes)s)")
                % {"value": shown(text_of(value)), "codes": ", ".join(Currency.values)}
            )
        return code


#: text dates, day first (Russian exports) then ISO
DATETIME_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
)
MONTH_FIRST_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


class DateTimeWidget(widgets.DateTimeWidget):
    """Text in the formats above, ISO with an offset, a spreadsheet's date or serial number →
    an aware datetime; a time without a zone is in the file's zone (``tz``)."""

    def __init__(self, tz, *, day_first=True):
        super().__init__()
        self.tz = tz
        self.formats = (
            DATETIME_FORMATS
            if day_first
            else (DATETIME_FORMATS[9:14] + MONTH_FIRST_FORMATS + DATETIME_FORMATS)
        )

    def parse(self, value) -> datetime.datetime | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        elif isinstance(value, datetime.date):
            moment = datetime.datetime.combine(value, datetime.time())
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            if not 1 <= value < 2958466:
                raise ValueError(_("'%(value)s' is not a date") % {"value": shown(value)})
            moment = _EXCEL_EPOCH + datetime.timedelta(days=float(value))
            moment = moment.replace(microsecond=0)
        else:
            text = " ".join(text_of(value).split())
            if not text:
                return None
            moment = self._parse_text(text)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, self.tz)
        try:
            sane_date(moment.astimezone(self.tz))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return moment

    def _parse_text(self, text: str) -> datetime.datetime:
        return _parse_text(text, self.formats)

    def clean(self, value, row=None, **kwargs):
        return self.parse(value)


@functools.lru_cache(maxsize=8192)
def _parse_text(text: str, formats: tuple[str, ...]) -> datetime.datetime:
    """The first format that reads ``text`` (cached: a file repeats its dates, and trying up to
    twenty formats with ``strptime`` was a good part of a deals file's cleaning; a datetime is
    immutable, an error is not cached)."""
    for format_ in formats:
        try:
            return datetime.datetime.strptime(text, format_)
        except ValueError:
            continue
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(_("'%(value)s' is not a date") % {"value": shown(text)}) from None


class DateWidget(DateTimeWidget):
    def clean(self, value, row=None, **kwargs):
        moment = self.parse(value)
        if moment is None:
            return None
        return moment.astimezone(self.tz).date()


_TRUE = {"1", "yes", "y", "true", "да", "д", "+", "x", "✓", "on"}
_FALSE = {"0", "no", "n", "false", "нет", "н", "-", "off"}


class BooleanWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = text_of(value).casefold()
        if not text:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(_("'%(value)s' is neither yes nor no") % {"value": shown(value)})


def default_time_zone():
    return timezone.get_default_timezone() if settings.USE_TZ else None
