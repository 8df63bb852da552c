"""Typo tolerance: "Did you mean …" from the public site's own words.

``correct(text)`` gives the query with its misspelt words replaced by the nearest words of
listable pages, or None when every word is known or nothing is near enough.

Where the words come from, and why: the vocabulary is read from **listable** services, cases and
experts only (``serving.public.listable``), field by field as their ``search_fields`` name them,
with a case's client as visitors see it (``client_display``: the name of a public client, the
description of an anonymised one). It is never read from the search index: the index also holds
internal-only cases for staff, so a correction taken from it could spell out a hidden client.

Why in the process and not in a table: building it is a handful of queries (one per model and
searched relation) and a tokenising pass, run only when a search finds few results, once per
content version; a table filled by a background task would need a worker to be up before typos
are corrected at all, a migration, and the same read on every process anyway. Cost measured on a
seeded site is in the README ("Search").

How a word is matched: Damerau–Levenshtein distance (rapidfuzz), at most 1 for words of 4–6
letters and 2 for longer ones, among the known words of a near length; the nearest wins, then one
in the same alphabet, then the word more pages use. A word with no near word is tried by its stem
against the site's stems (a typo in an inflected Russian word is often three edits from every
form on the site but one from the stem). Shorter words, numbers, filler words and any
word whose stem (``analysis.stem``) some page already has are left as typed: "сайты" is not a
typo of "сайт".
"""

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, F, When
from django.db.models.fields.related import ForeignObjectRel, RelatedField

from wagtail.fields import RichTextField
from wagtail.models import Page

from modelsearch.index import RelatedFields, SearchField
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from serving.content_version import memoize
from serving.public import listable

from .analysis import CYRILLIC, STOPWORDS, TOKEN, stem, tokens, transliterate

MIN_WORD = 3  # shorter words are too ambiguous to be offered
MIN_TYPO = 4  # shorter typed words are never corrected: "api" → "apt" helps nobody
MAX_WORDS = 16  # words of one query looked at
TAG = re.compile(r"<[^>]*>")
#: Fields never read, whatever a model's search fields say: the name of a client who is not public
NEVER = frozenset({"client_name"})


@dataclass
class Vocabulary:
    """The words of listable pages: how many pages use each, their stems, words and stems by
    length, and each stem's most used word."""

    pages: dict[str, int] = field(default_factory=dict)
    stems: frozenset[str] = frozenset()
    by_length: dict[int, list[str]] = field(default_factory=dict)
    stems_by_length: dict[int, list[str]] = field(default_factory=dict)
    stem_pages: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, page_words: list[set[str]]) -> "Vocabulary":
        counts = Counter(word for words in page_words for word in words)
        stem_pages: Counter = Counter()
        for word, count in counts.items():
            stem_pages[stem(word)] += count
        return cls(
            pages=dict(counts),
            stems=frozenset(stem_pages),
            by_length=_by_length(counts),
            stems_by_length=_by_length(stem_pages),
            stem_pages=dict(stem_pages),
        )

    def knows(self, word: str) -> bool:
        return word in self.pages or stem(word) in self.stems

    def nearest(self, word: str) -> str | None:
        """The known word nearest to an unknown ``word``, or None when none is near enough.

        Words first; then stems, for a typo in an inflected word ("лизенговая" is three edits
        from "лизинговой" but its stem one from "лизингов"): the typed ending is kept on the
        corrected stem ("лизинговая")."""
        if len(word) < MIN_TYPO or not word.isalpha() or word in STOPWORDS or self.knows(word):
            return None
        found = _closest(word, self.by_length, self.pages)
        if found:
            return found
        typed_stem = stem(word)
        if len(typed_stem) >= MIN_TYPO and word.startswith(typed_stem):
            found = _closest(typed_stem, self.stems_by_length, self.stem_pages)
            if found:
                return found + word[len(typed_stem) :]
        if CYRILLIC.search(word):  # a Latin word typed in Cyrillic letters: "Кубернетес"
            latin = transliterate(word)
            if latin != word and latin.isascii():
                return latin if self.knows(latin) else self.nearest(latin)
        return None


def _by_length(counts) -> dict[int, list[str]]:
    by_length: dict[int, list[str]] = {}
    for word in sorted(counts):
        by_length.setdefault(len(word), []).append(word)
    return by_length


def _closest(word: str, by_length: dict[int, list[str]], pages: dict[str, int]) -> str | None:
    """The entry of ``by_length`` nearest to ``word`` (one edit for 4-6 letters, two for longer):
    the nearest, then one in the same alphabet, then the one more pages use."""
    limit = 1 if len(word) <= 6 else 2
    script = bool(CYRILLIC.search(word))
    found = []
    for length in range(len(word) - limit, len(word) + limit + 1):
        bucket = by_length.get(length)
        if not bucket:
            continue
        for candidate, distance, _index in process.extract(
            word, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
        ):
            same_script = bool(CYRILLIC.search(candidate)) == script
            found.append((distance, not same_script, -pages[candidate], candidate))
    return min(found)[3] if found else None


def correct(text: str) -> str | None:
    """``text`` with each misspelt word replaced by the nearest word of a listable page, the rest
    as typed; None when nothing changes. Kept per content version."""
    text = (text or "")[:1000]
    if not text.strip():
        return None
    return memoize(("typo-correction", text), lambda: _correct(text))


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
            parts += [text[end : match.start()], fix]
            end = match.end()
            changed = True
    if not changed:
        return None
    return "".join([*parts, text[end:]])


def search_vocabulary() -> Vocabulary:
    """The vocabulary of the current content version, built in this process on first need.

    Kept in the small memo store: it is one entry, and the large one (search answers) is
    emptied every few hundred searches, which would rebuild it again and again."""
    return memoize("typo-vocabulary", build_vocabulary)


def build_vocabulary() -> Vocabulary:
    from cases.choices import Visibility
    from cases.models import CasePage
    from catalog.models import ServicePage
    from experts.models import ExpertPage

    page_words: dict[tuple[str, int], set[str]] = {}
    for model in (ServicePage, CasePage, ExpertPage):
        pages = listable(model)
        paths = _searched_paths(model)
        if model is CasePage:
            # The client as a visitor reads it (``client_display``), worked out by the database
            # so the name of a client who is not public is never even loaded.
            pages = pages.annotate(
                public_client=Case(
                    When(visibility=Visibility.PUBLIC, then=F("client_name")),
                    default=F("client_description"),
                )
            )
            paths = [(p, t) for p, t in paths if p != "client_display"] + [("public_client", str)]
        for path, text_of in paths:
            for pk, value in pages.values_list("pk", path).iterator(chunk_size=2000):
                if value is None or value == "":
                    continue
                words = page_words.setdefault((model.__name__, pk), set())
                words.update(_words(text_of(value)))
    return Vocabulary.of(list(page_words.values()))


def _words(text: str) -> set[str]:
    """The words of ``text`` fit to be offered (3 letters or more, no numbers); each distinct
    raw word is analysed once, as texts repeat most of their words."""
    words = set()
    for raw in set(TOKEN.findall(text)):
        words.update(_fit(raw))
    return words


@functools.lru_cache(maxsize=100_000)
def _fit(raw: str) -> tuple[str, ...]:
    return tuple(word for word in tokens(raw) if len(word) >= MIN_WORD and not word.isdigit())


def _searched_paths(model) -> list[tuple[str, callable]]:
    """``(values_list path, value → text)`` for each text the search indexes for ``model``:
    its searched fields and those of its searched relations, except relations to pages (their
    words are their own pages', when those are listable) and fields in :data:`NEVER`."""
    paths = []

    def walk(current, fields, prefix):
        for search_field in fields:
            name = search_field.field_name
            if name in NEVER:
                continue
            if isinstance(search_field, RelatedFields):
                relation = current._meta.get_field(name)
                if not isinstance(relation, (RelatedField, ForeignObjectRel)):
                    continue
                target = relation.related_model
                if issubclass(target, Page):
                    continue
                walk(target, search_field.fields, f"{prefix}{name}__")
            elif isinstance(search_field, SearchField):
                paths.append((f"{prefix}{name}", _text_reader(current, name)))

    walk(model, model.get_search_fields(), "")
    return list(dict(paths).items())


def _text_reader(model, name):
    """How a stored value becomes searchable text: rich text without its tags, streams as the
    indexer reads them (``get_searchable_content``), the rest as it is."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a property (client_display), annotated by the caller
        return str
    if isinstance(model_field, RichTextField):
        # the words only, not Wagtail's exact text: an HTML parser per text was most of the cost
        return lambda value: html.unescape(TAG.sub(" ", str(value)))
    reader = getattr(model_field, "get_searchable_content", None)
    if reader is None:
        return str
    return lambda value: " ".join(str(part) for part in reader(value))
