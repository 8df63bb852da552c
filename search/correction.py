"""Typo tolerance: "Did you mean …" from the public site's own words.

``correct(text)`` gives the query with its misspelt words replaced by the nearest words of
listable pages, or None when every word is known or nothing is near enough.

Where the words come from, and why: the vocabulary is read from **listable** services, cases and
experts only (``serving.public.listable``), field by field as their ``search_fields`` name them,
with a case's client as visitors see it (``client_display``: the name of a public client, the
description of an anonymised one). It is never read from the search index: the index also holds
internal-only cases for staff, so a correction taken from it could spell out a hidden client.

Why in the process and not in a table: building it is a handful of queries (one per model and
searched relation) and a tokenising pass, run only when no page holds every word of a search,
once per content version; a table filled by a background task would need a worker to be up before typos
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

import bisect
import functools
import html
import itertools
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

from .analysis import CYRILLIC, STOPWORDS, TOKEN, index_tokens, stem, tokens, transliterate
from .tags import SEARCHED

MIN_WORD = 3  # shorter words are too ambiguous to be offered
MIN_TYPO = 4  # shorter typed words are never corrected: "api" → "apt" helps nobody
MIN_PREFIX = 5  # a word cut shorter is not completed: "data" is not "database"
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

    #: words known but never offered: a compound as the index joins it ("1сбитрикс", "s4hana")
    joined: frozenset[str] = frozenset()
    #: the offered words in order, for completing a word cut short ("kuber" → "kubernetes")
    ordered: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, page_words: list[set[str]], joined: set[str] = frozenset()) -> "Vocabulary":
        counts = Counter(word for words in page_words for word in words)
        stem_pages: Counter = Counter()
        for word, count in counts.items():
            stem_pages[stem(word)] += count
        offered = {word: count for word, count in counts.items() if word not in joined}
        return cls(
            pages=dict(counts),
            stems=frozenset(stem_pages),
            by_length=_by_length(offered),
            stems_by_length=_by_length(stem_pages),
            stem_pages=dict(stem_pages),
            joined=frozenset(joined),
            ordered=sorted(offered),
        )

    def knows(self, word: str) -> bool:
        return word in self.pages or stem(word) in self.stems

    def completion(self, word: str) -> str | None:
        """The most used word that begins with ``word`` (5 letters or more), for a word cut
        short: "kuber" → "kubernetes". Only the public site's words, so never a hidden name.
        Offered, never searched in its place: the first letters of a hidden name may begin a
        public word ("Элект…" of "Электротрейд", "электроники" of its anonymised case's
        description), and the search for them must find nothing whatever the name is."""
        if len(word) < MIN_PREFIX or not word.isalpha() or self.knows(word):
            return None
        start = bisect.bisect_left(self.ordered, word)
        found = []
        for candidate in itertools.islice(self.ordered, start, None):
            if not candidate.startswith(word):
                break
            found.append((-self.pages[candidate], candidate))
        return min(found)[1] if found else None

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
            if len(word) <= 6 and candidate[0] != word[0]:
                continue  # a short word keeps its first letter: "volga" is not "olga"
            same_script = bool(CYRILLIC.search(candidate)) == script
            found.append((distance, not same_script, -pages[candidate], candidate))
    return min(found)[3] if found else None


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


def search_vocabulary() -> Vocabulary:
    """The vocabulary of the current content version, built in this process on first need.

    Kept in the small memo store: it is one entry, and the large one (search answers) is
    emptied every few hundred searches, which would rebuild it again and again."""
    return memoize("typo-vocabulary", build_vocabulary, tags=SEARCHED)


def build_vocabulary() -> Vocabulary:
    from cases.choices import Visibility
    from cases.models import CasePage
    from catalog.models import ServicePage
    from experts.models import ExpertPage

    page_words: dict[tuple[str, int], set[str]] = {}
    joined: set[str] = set()
    plain: set[str] = set()
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
        # The page's own fields in one query; each relation in its own (a join repeats rows).
        own = [(path, text_of) for path, text_of in paths if "__" not in path]
        related = [[(path, text_of)] for path, text_of in paths if "__" in path]
        for group in [own, *related] if own else related:
            names = [path for path, _text_of in group]
            for pk, *values in pages.values_list("pk", *names).iterator(chunk_size=2000):
                words = page_words.setdefault((model.__name__, pk), set())
                for (_path, text_of), value in zip(group, values, strict=True):
                    if value is None or value == "":
                        continue
                    for raw in set(TOKEN.findall(text_of(value))):
                        fit, compound, word = _fit(raw)
                        words.update(fit)
                        joined.update(compound)
                        plain.update(word)
    return Vocabulary.of(list(page_words.values()), joined - plain)


@functools.lru_cache(maxsize=100_000)
def _fit(raw: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One raw token's words as the index holds them (3 letters or more, no numbers), and of
    those the joined forms of a compound and the plain words. A joined form that is nowhere a
    plain word is known but never offered: "Did you mean 1сбитрикс?" would show the index's
    spelling of "1С-Битрикс", not the site's."""
    fit = tuple(w for w in index_tokens(raw) if len(w) >= MIN_WORD and not w.isdigit())
    whole = tuple(w for w in tokens(raw) if w in fit)
    if len(index_tokens(raw)) > len(tokens(raw)):
        return fit, whole, ()
    return fit, (), whole


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
