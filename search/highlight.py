"""Snippets of text around the words a visitor searched for, with those words marked."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

WINDOW = 90
STEM = 5  # match word forms by their beginning: "сайты" and "сайт", "develop" and "development"


def terms(query: str) -> list[str]:
    words = re.findall(r"\w+", query.lower())
    return [word[:STEM] if len(word) > STEM else word for word in words if len(word) > 1][:10]


def highlight(text: str, query: str) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, each matching word in <mark>."""
    plain = " ".join(strip_tags(text or "").split())
    words = terms(query)
    if not plain:
        return mark_safe("")
    if not words:
        return escape(plain[: WINDOW * 2])
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    match = pattern.search(plain)
    start = max(0, match.start() - WINDOW) if match else 0
    excerpt = plain[start : start + WINDOW * 2]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + WINDOW * 2 < len(plain) else ""
    marked = pattern.sub(lambda m: "\x00" + m.group(0) + "\x01", excerpt)
    escaped = escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 - built from escaped text
