"""The visitor's path before the request, as recorded by static/js/visitor-path.js (first-party,
in the browser's sessionStorage, no cookies and no third-party trackers).

Whatever the browser sent is text we store: a landing link with ``?utm_source=%00`` puts a NUL
in the UTM tags, which PostgreSQL refuses, so it is taken out here with everything malformed."""

import json
from typing import Any

from core.untrusted import strip_nul

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
MAX_PAGES = 20


def _text(value: Any, limit: int) -> str:
    return strip_nul(value)[:limit] if isinstance(value, str) else ""


def _url(value: Any) -> str:
    text = _text(value, 2000)
    return text if text.startswith(("http://", "https://", "/")) else ""


def parse_visitor_path(raw: str) -> dict[str, Any]:
    """Validate what the browser sent; anything malformed is dropped, never an error."""
    try:
        data = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    utm_raw = data.get("utm") if isinstance(data.get("utm"), dict) else {}
    pages = data.get("pages") if isinstance(data.get("pages"), list) else []
    clean_pages = []
    for item in pages[-MAX_PAGES:]:
        if isinstance(item, dict) and _url(item.get("url")):
            clean_pages.append(
                {
                    "url": _url(item.get("url")),
                    "title": _text(item.get("title"), 300),
                    "at": _text(item.get("at"), 40),
                }
            )
    return {
        "landing": _url(data.get("landing")),
        "referrer": _url(data.get("referrer")),
        "utm": {
            key: _text(utm_raw.get(key), 200) for key in UTM_KEYS if _text(utm_raw.get(key), 200)
        },
        "pages": clean_pages,
    }
