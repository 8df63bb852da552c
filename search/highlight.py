"""Snippets of text around the words a visitor searched for, with those words marked.

A word is marked when its stem (:func:`search.analysis.stem`, the one the index holds) is one of
the query's stems, so "сайты" marks "сайтов" and "C#" marks "C#" but not every "C": the same
rule that found the page, not a guess from the first letters.
"""

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .analysis import TOKEN, index_tokens, query_terms, stem

WINDOW = 90
MAX_TERMS = 16


def terms(query: str) -> frozenset[str]:
    """The query's stems (filler words dropped)."""
    return frozenset(term for term in query_terms(query)[:MAX_TERMS] if term)


def _matches(text: str, wanted: frozenset[str]):
    """Spans of the words of ``text`` with a wanted stem (a compound: joined or one of its
    parts, as the index has it)."""
    for match in TOKEN.finditer(text):
        if any(stem(word) in wanted for word in index_tokens(match.group(0))):
            yield match.span()


def highlight(text: str, query: str) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, each matching word in <mark>."""
    plain = " ".join(strip_tags(text or "").split())
    wanted = terms(query)
    if not plain:
        return mark_safe("")
    if not wanted:
        return escape(plain[: WINDOW * 2])
    first = next(_matches(plain, wanted), None)
    start = max(0, first[0] - WINDOW) if first else 0
    excerpt = plain[start : start + WINDOW * 2]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + WINDOW * 2 < len(plain) else ""
    pieces, last = [], 0
    for begin, end in _matches(excerpt, wanted):
        pieces += [escape(excerpt[last:begin]), "<mark>", escape(excerpt[begin:end]), "</mark>"]
        last = end
    pieces.append(escape(excerpt[last:]))
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - built from escaped text
