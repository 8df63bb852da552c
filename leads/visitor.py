"""Where a visitor came from, as recorded by static/js/visitor-path.js in their own browser
(first-party, no cookies and no third-party trackers) and sent with the request form.

* **Last touch**, this visit (``sessionStorage``): landing page, referrer, UTM tags and the last
  pages seen: ``{"landing", "referrer", "utm", "pages"}``, the shape the form always sent.
* **First touch**, the visit that first brought the visitor (``localStorage``, 90 days):
  ``{"landing", "referrer", "utm", "at"}`` under the key ``"first"``. Older pages and API clients
  send none: the last touch is the first then.

Whatever the browser sent is text we store: a landing link with ``?utm_source=%00`` puts a NUL
in the UTM tags, which PostgreSQL refuses, and a ``"\\ud800"`` escape parses to a lone surrogate
no database or encoder takes, so the parsed JSON is made storable at once (keys and values,
:func:`core.untrusted.strip_nul`); everything malformed is dropped: wrong types, overlong text,
links that are not http(s), times out of any calendar or before 2000 or ahead of now (by
more than a day), never an error."""

import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from core.untrusted import strip_nul

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
MAX_PAGES = 20
MAX_URL = 2000
#: The range of times a first visit may have begun (a browser's clock may be a little ahead).
EARLIEST_MOMENT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
FUTURE_SLACK = datetime.timedelta(days=1)
_absolute_url = URLValidator(schemes=["http", "https"])


def _text(value: Any, limit: int) -> str:
    return strip_nul(value)[:limit] if isinstance(value, str) else ""


def _url(value: Any) -> str:
    """A page of this site (``/path``) or an http(s) link; "" for anything else."""
    text = _text(value, MAX_URL)
    return text if text.startswith(("http://", "https://", "/")) else ""


def _absolute(value: Any) -> str:
    """An http(s) link the deal's URL fields accept; "" for anything else."""
    text = _text(value, MAX_URL)
    if not text.startswith(("http://", "https://")):
        return ""
    try:
        _absolute_url(text)
    except ValidationError:
        return ""
    return text


def _utm(value: Any) -> dict[str, str]:
    utm = value if isinstance(value, dict) else {}
    return {key: _text(utm.get(key), 200) for key in UTM_KEYS if _text(utm.get(key), 200)}


def _moment(value: Any) -> str:
    """An ISO 8601 time with its zone (what the browser's ``toISOString`` gives), normalised to
    UTC; "" for anything else, and for a time before 2000 or more than a day ahead."""
    text = _text(value, 40)
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            return ""
        # 9999-12-31T23:59-14:00 is past the last moment Python has in UTC: OverflowError
        moment = moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return ""
    # 9999-12-31T23:59:59Z exists in UTC but not in Moscow (nor 0001-01-01 in New York): shown
    # in the site's zone it fails the deal's page; no visit began before 2000 or in the future
    if not EARLIEST_MOMENT <= moment <= timezone.now() + FUTURE_SLACK:
        return ""
    return moment.isoformat(timespec="seconds")


def _pages(value: Any) -> list[dict[str, str]]:
    pages = value if isinstance(value, list) else []
    return [
        {
            "url": _url(item.get("url")),
            "title": _text(item.get("title"), 300),
            "at": _text(item.get("at"), 40),
        }
        for item in pages[-MAX_PAGES:]
        if isinstance(item, dict) and _url(item.get("url"))
    ]


def parse_touch(value: Any) -> dict[str, Any]:
    """One visit's ``{"landing", "referrer", "utm", "at"}``; ``{}`` when nothing usable is left."""
    if not isinstance(value, dict):
        return {}
    touch = {
        "landing": _absolute(value.get("landing")),
        "referrer": _absolute(value.get("referrer")),
        "utm": _utm(value.get("utm")),
        "at": _moment(value.get("at")),
    }
    return touch if touch["landing"] or touch["referrer"] or touch["utm"] else {}


def parse_visitor_path(raw: str) -> dict[str, Any]:
    """Validate what the browser sent: the last touch's ``landing``, ``referrer``, ``utm`` and
    ``pages``, and the ``first`` touch; anything malformed is dropped. A visitor with no stored
    first touch (older pages, storage off, API clients) came first on this visit: ``first`` is
    the last touch then (``{}`` when that is empty too)."""
    try:
        data = strip_nul(json.loads(raw)) if raw else {}
    except (ValueError, RecursionError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    last = parse_touch(data)
    return {
        "landing": last.get("landing", ""),
        "referrer": last.get("referrer", ""),
        "utm": last.get("utm", {}),
        "pages": _pages(data.get("pages")),
        "first": parse_touch(data.get("first")) or last,
    }
