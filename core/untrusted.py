"""What visitors send, made safe to use: numbers parsed without surprises, NUL characters kept
out of the database, and addresses with a NUL refused before any view sees them.

* ``str.isdigit()`` says yes to "²" and "①", which ``int()`` refuses, and ``int()`` takes
  "٣" and refuses more than 4,300 digits: :func:`parse_positive_int` takes ASCII digits only,
  and no more than the database's integer columns hold.
* PostgreSQL refuses NUL (``\\x00``) in text and JSON: :func:`strip_nul` removes it from the
  free text and JSON metadata we store (a visitor's UTM tags, titles, headers), and puts U+FFFD
  in place of a lone UTF-16 surrogate (``"\\ud800"`` in JSON parses to one, and no database,
  hash or UTF-8 encoder takes it): JSON from a browser or an API client goes through it as
  soon as it is parsed;
  :class:`UnusableUrlMiddleware` answers 400 to a path or query string that holds one (no
  page, filter or slug of ours contains it). Form fields refuse it with a message (Django's
  ``CharField`` does; ``leads.forms`` makes the consent checkbox do so too).
* A path segment longer than any slug, token or file name of ours is answered 404 at once
  (thousands of digits in place of an id failed as a 500 in Wagtail's document view).
* Dates a form takes (a task's due time, a proposal's validity, a listing's date filter) stay
  within :data:`EARLIEST_DATE`–:data:`LATEST_DATE` (:func:`sane_date`, :func:`sane_datetime`):
  0001-01-01 in Moscow or 9999-12-31 in New York exist where they were typed but not in UTC,
  which SQLite fails on (OverflowError) and PostgreSQL stores as a BC / year-10000 time that
  every later page loading it fails on.
"""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.utils import formats
from django.utils.translation import gettext as _

#: The largest number a parameter may name: the top of a signed 64-bit integer column.
MAX_INT = 2**63 - 1
_MAX_DIGITS = len(str(MAX_INT))
_ENCODED_NUL = re.compile(r"%00|\x00")
NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
#: The longest path segment a URL of ours has: a page slug or a file name (255 characters).
MAX_SEGMENT = 255


#: The range of dates a form takes (any time zone can show every moment of these days).
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def sane_date(value: datetime.date | None) -> None:
    """Validator: refuses a date (or a datetime's date, in its own zone) outside
    ``EARLIEST_DATE``–``LATEST_DATE``, with a message naming the range."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {
                "earliest": formats.date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
            code="date_out_of_range",
        )


#: The same check for a date and time (the date as it was typed, in its own zone).
sane_datetime = sane_date


def parse_positive_int(
    value: Any, *, allow_zero: bool = False, maximum: int = MAX_INT
) -> int | None:
    """``"12"`` → 12; ``None`` for anything else: signs, spaces, Unicode digits, zero (unless
    ``allow_zero``), numbers above ``maximum``."""
    if not isinstance(value, str) or not 0 < len(value) <= _MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    if number > maximum or (number == 0 and not allow_zero):
        return None
    return number


def storable_text(text: str) -> str:
    """``text`` as any database and encoder takes it: no NUL, a lone surrogate (U+D800–U+DFFF,
    what JSON's ``"\\ud800"`` parses to) replaced by U+FFFD."""
    if NUL in text:
        text = text.replace(NUL, "")
    if not text.isascii():
        text = _SURROGATE.sub(REPLACEMENT, text)
    return text


def strip_nul(value: Any) -> Any:
    """``value`` made storable (:func:`storable_text`: no NUL, no lone surrogate) in strings,
    in dict keys and values and in lists (nested as deep as they go); anything else unchanged."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {strip_nul(key): strip_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [strip_nul(item) for item in value]
    return value


def has_nul(request) -> bool:
    """True when the path or the query string holds a NUL character (raw or as ``%00``)."""
    return NUL in request.path_info or bool(
        _ENCODED_NUL.search(request.META.get("QUERY_STRING", ""))
    )


def has_overlong_segment(request) -> bool:
    return len(request.path_info) > MAX_SEGMENT and any(
        len(segment) > MAX_SEGMENT for segment in request.path_info.split("/")
    )


class UnusableUrlMiddleware:
    """Answers, before any view or cache sees them, the addresses no URL of ours can be:
    400 for a NUL character in the path or query string (PostgreSQL would fail on the first
    query that used it), 404 for a path segment longer than ``MAX_SEGMENT``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return HttpResponseBadRequest(
                _("This address contains a null character, which no page of this site has."),
                content_type="text/plain; charset=utf-8",
            )
        if has_overlong_segment(request):
            return HttpResponseNotFound(
                _("No page of this site has an address this long."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
