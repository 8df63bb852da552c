"""Typo tolerance: "Did you mean …" from the public site's own words.

``correct(text)`` gives the query with its misspelt words replaced by the nearest words of
listable pages, or None when every word is known or nothing is near enough.

The words are the public site's own (:mod:`search.vocabulary`), never the search index's.

How a word is matched: Damerau–Levenshtein distance (rapidfuzz), at most 1 for words of 4–6
letters and 2 for longer ones, among the known words of a near length; the nearest wins, then one
in the same alphabet, then the word more pages use. A word with no near word is tried by its stem
against the site's stems (a typo in an inflected Russian word is often three edits from every
form on the site but one from the stem). Shorter words, numbers, filler words and any
word whose stem (``analysis.stem``) some page already has are left as typed: "сайты" is not a
typo of "сайт".
"""

from serving.content_version import memoize

from .analysis import TOKEN, tokens
from .tags import SEARCHED
from .vocabulary import Vocabulary, build_vocabulary, search_vocabulary

__all__ = ["Vocabulary", "build_vocabulary", "completed", "correct", "search_vocabulary"]

MAX_WORDS = 16  # words of one query looked at


def correct(text: str) -> str | None:
    """``text`` with each misspelt word replaced by the nearest word of a listable page, the rest
    as typed; None when nothing changes. Kept per content version."""
    text = (text or "")[:1000]
    if not text.strip():
        return None
    return memoize(("typo-correction", text), lambda: _correct(text), tags=SEARCHED)


def _correct(text: str) -> str | None:
    vocabulary = search_vocabulary()
    changed = False
    parts, end = [], 0
    for number, match in enumerate(TOKEN.finditer(text)):
        if number >= MAX_WORDS:
            break
        words = tokens(match.group())
        fix = vocabulary.nearest(words[0]) if len(words) == 1 else None
        if fix:
            parts += [text[end : match.start()], _as_typed(fix, match.group())]
            end = match.end()
            changed = True
    if not changed:
        return None
    return "".join([*parts, text[end:]])


def completed(text: str) -> str | None:
    """``text`` with its last word, cut short, completed from the site's words ("Kubernetes
    migra" → "Kubernetes migration"), for "Did you mean …"; None when it is a whole word."""
    words = TOKEN.findall((text or "")[:1000])
    if not words or len(tokens(words[-1])) != 1:
        return None
    full = search_vocabulary().completion(tokens(words[-1])[0])
    if not full:
        return None
    start = text.rindex(words[-1])
    return text[:start] + _as_typed(full, words[-1]) + text[start + len(words[-1]) :]


def _as_typed(word: str, typed: str) -> str:
    """``word`` in the letter case of ``typed``: "Volga" → "Olga", "SEO" → "SEO"."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
