"""The words of listable pages, for typo tolerance (:mod:`search.correction`) and for telling
a hidden client's name from a public word (:mod:`search.synonyms`).

Where the words come from, and why: the vocabulary is read from **listable** services, cases and
experts only (``serving.public.listable``), field by field as their ``search_fields`` name them,
with a case's client as visitors see it (``client_display``: the name of a public client, the
description of an anonymised one). It is never read from the search index: the index also holds
internal-only cases for staff, so a correction taken from it could spell out a hidden client.

Why in the process and not in a table: reading it is a handful of queries (one per model and
searched relation) and a tokenising pass; a table filled by a background task would need a worker
to be up before typos are corrected at all, and the same read on every process anyway.

Kept through edits: the vocabulary is read once, then each change that names a page's text
(``page:<pk>`` with ``cases``, ``services`` or ``experts`` in the change log) re-reads that page's
words alone and moves the counts (a page no longer listable loses them), so a publish costs the
words of one page, not of the whole site (0.45 s at 10,000 cases). A change of the tree (a page
published, moved or restricted, which may list or hide its children) reads it afresh.
"""

import bisect
import functools
import html
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, F, Subquery, When
from django.db.models.fields.related import ForeignObjectRel, RelatedField

from wagtail.fields import RichTextField
from wagtail.models import Page

from modelsearch.index import RelatedFields, SearchField
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from serving.content_version import content_version
from serving.models import ContentVersion
from serving.per_page import kept_per_page
from serving.public import listable

from .analysis import CYRILLIC, STOPWORDS, TOKEN, index_tokens, stem, tokens, transliterate

MIN_WORD = 3  # shorter words are too ambiguous to be offered
MIN_TYPO = 4  # shorter typed words are never corrected: "api" → "apt" helps nobody
MIN_PREFIX = 5  # a word cut shorter is not completed: "data" is not "database"
TAG = re.compile(r"<[^>]*>")
#: where Wagtail's ``get_text_for_indexing`` puts a space: after a closed block, a break, a rule
BLOCK_END = re.compile(r"</(?:p|h\d|li|blockquote)>|<(?:br|hr)\s*/>", re.IGNORECASE)
#: Fields never read, whatever a model's search fields say: the name of a client who is not public
NEVER = frozenset({"client_name"})
#: one page's words: (all its words, the joined forms of its compounds, its plain words)
Entry = tuple[frozenset, frozenset, frozenset]
EMPTY: Entry = (frozenset(), frozenset(), frozenset())
FEW = 20  # pages re-read in one query after an edit
VOCABULARY = "typo-vocabulary"  # its memo key


@dataclass
class Vocabulary:
    """The words of listable pages: how many pages use each, their stems, words and stems by
    length, and each stem's most used word; changed one page at a time (:meth:`replace`)."""

    pages: Counter = field(default_factory=Counter)  # word → pages using it
    stem_pages: Counter = field(default_factory=Counter)  # stem → uses of its words
    by_length: dict[int, list[str]] = field(default_factory=dict)  # offered words
    stems_by_length: dict[int, list[str]] = field(default_factory=dict)
    #: the offered words in order, for completing a word cut short ("kuber" → "kubernetes")
    ordered: list[str] = field(default_factory=list)
    #: pages holding a word as a compound's joined form ("1сбитрикс", "s4hana"), or plain: a
    #: joined form that is nowhere a plain word is known but never offered
    joined_pages: Counter = field(default_factory=Counter)
    plain_pages: Counter = field(default_factory=Counter)
    entries: dict = field(default_factory=dict)  # page key → Entry
    #: page key → the content version at which its text was last seen changed (since
    #: ``built_at``), and a fingerprint of that text
    changed_at: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    #: the content version it was read whole at: the newest the rows it read may show
    built_at: int = 0
    version: int = 0  # the content version it shows
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def of(cls, page_words: list[set[str]], joined: set[str] = frozenset()) -> "Vocabulary":
        """From word sets (``joined``: the joined forms among them, never offered)."""
        vocabulary = cls()
        for number, words in enumerate(page_words):
            words = frozenset(words)
            vocabulary.replace(number, (words, words & joined, words - joined))
        return vocabulary

    @property
    def stems(self):
        return self.stem_pages.keys()

    def replace(self, key, entry: Entry | None, version: int = 0, text: int | None = None):
        """Page ``key`` now holds ``entry``'s words (None: it is gone, or no longer listable),
        read at content ``version`` when it is an edit; ``text`` fingerprints all its text, so
        an edit that keeps the words but not how often they come counts as a change."""
        old = self.entries.pop(key, EMPTY)
        new = entry or EMPTY
        if new != EMPTY:
            self.entries[key] = new
        old_text = self.texts.pop(key, None)
        if text is not None:
            self.texts[key] = text
        if version and (new != old or text != old_text):
            self.changed_at[key] = version
        touched = set()
        for counts, before, after in zip(
            (self.pages, self.joined_pages, self.plain_pages), old, new, strict=True
        ):
            for word in before - after:
                _move(counts, word, -1)
                touched.add(word)
            for word in after - before:
                _move(counts, word, 1)
                touched.add(word)
        for word in old[0] - new[0]:
            if _move(self.stem_pages, stem(word), -1) == 0:
                _unlist(self.stems_by_length.get(len(stem(word)), []), stem(word))
        for word in new[0] - old[0]:
            if _move(self.stem_pages, stem(word), 1) == 1:
                bisect.insort(self.stems_by_length.setdefault(len(stem(word)), []), stem(word))
        for word in touched:
            self._offer(word)

    def _offer(self, word: str) -> None:
        """Offer ``word`` when a page uses it and it is not only a joined form; else not."""
        offered = word in self.pages and not (
            self.joined_pages[word] and not self.plain_pages[word]
        )
        bucket = self.by_length.setdefault(len(word), [])
        position = bisect.bisect_left(bucket, word)
        listed = position < len(bucket) and bucket[position] == word
        if offered and not listed:
            bucket.insert(position, word)
            bisect.insort(self.ordered, word)
        elif listed and not offered:
            del bucket[position]
            _unlist(self.ordered, word)

    def words_changed(self, pk: int, since: int) -> bool:
        """Whether page ``pk``'s text may have changed after content version ``since``."""
        return self.built_at > since or any(
            self.changed_at.get((model.__name__, pk), 0) > since for model in _searched_models()
        )

    def forms(self, pk: int) -> set[str]:
        """The words of page ``pk`` (listable) and their stems: what a query term may match."""
        found = set()
        for model in _searched_models():
            words = self.entries.get((model.__name__, pk), EMPTY)[0]
            found.update(words)
            found.update(stem(word) for word in words)
        return found

    def knows(self, word: str) -> bool:
        return word in self.pages or stem(word) in self.stem_pages

    def completion(self, word: str) -> str | None:
        """The most used word that begins with ``word`` (5 letters or more), for a word cut
        short: "kuber" → "kubernetes". Only the public site's words, so never a hidden name.
        Offered, never searched in its place: the first letters of a hidden name may begin a
        public word ("Элект…" of "Электротрейд", "электроники" of its anonymised case's
        description), and the search for them must find nothing whatever the name is."""
        if len(word) < MIN_PREFIX or not word.isalpha() or self.knows(word):
            return None
        found = []
        with self.lock:
            start = bisect.bisect_left(self.ordered, word)
            for candidate in self.ordered[start:]:
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
        with self.lock:
            found = _closest(word, self.by_length, self.pages)
        if found:
            return found
        typed_stem = stem(word)
        if len(typed_stem) >= MIN_TYPO and word.startswith(typed_stem):
            with self.lock:
                found = _closest(typed_stem, self.stems_by_length, self.stem_pages)
            if found:
                return found + word[len(typed_stem) :]
        if CYRILLIC.search(word):  # a Latin word typed in Cyrillic letters: "Кубернетес"
            latin = transliterate(word)
            if latin != word and latin.isascii():
                return latin if self.knows(latin) else self.nearest(latin)
        return None


def _move(counts: Counter, key, step: int) -> int:
    counts[key] += step
    if counts[key] <= 0:
        del counts[key]
        return 0
    return counts[key]


def _unlist(ordered: list[str], word: str) -> None:
    position = bisect.bisect_left(ordered, word)
    if position < len(ordered) and ordered[position] == word:
        del ordered[position]


def _closest(word: str, by_length: dict[int, list[str]], pages) -> str | None:
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


def _searched_models():
    from cases.models import CasePage
    from catalog.models import ServicePage
    from experts.models import ExpertPage

    return (ServicePage, CasePage, ExpertPage)


def search_vocabulary() -> Vocabulary:
    """The vocabulary of the current content version, built in this process on first need and
    brought up to date page by page after that (``serving.per_page``).

    Kept in the small memo store: it is one entry, and the large one (search answers) is
    emptied every few hundred searches, which would rebuild it again and again."""
    return kept_per_page(VOCABULARY, build_vocabulary, _patch, _searched_models())


def _patch(vocabulary: Vocabulary, changed: dict) -> None:
    """Re-read the words of the changed pages (a page no longer listable has none)."""
    for model, pks in changed.items():
        entries, texts, read_at = read_entries(model, pks)
        # the version the rows show, which may be newer than the request's (another process
        # committed since): stamped with the request's, a later edit would look seen already
        version = max(read_at, content_version())
        for pk in pks:
            key = (model.__name__, pk)
            vocabulary.replace(key, entries.get(key), version, texts.get(key))


def build_vocabulary() -> Vocabulary:
    vocabulary = Vocabulary(version=content_version())
    for model in _searched_models():
        entries, texts, read_at = read_entries(model)
        vocabulary.built_at = max(vocabulary.built_at, read_at, vocabulary.version)
        for key, entry in entries.items():
            vocabulary.replace(key, entry, text=texts.get(key))
    return vocabulary


def read_entries(model, pks=None) -> tuple[dict, dict, int]:
    """``{(model name, pk): Entry}`` of ``model``'s listable pages (those of ``pks`` only, when
    given): the page's own fields in one query, each searched relation in its own (a join would
    repeat each page's row once per related row); all in one for a few pages. With them, each
    page's text fingerprint, and the newest content version the rows show (each query reads
    the version in its own snapshot)."""
    from cases.choices import Visibility
    from cases.models import CasePage

    pages = listable(model)
    if pks is not None:
        pages = pages.filter(pk__in=pks)
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
    own = [(path, text_of) for path, text_of in paths if "__" not in path]
    related = [[(path, text_of)] for path, text_of in paths if "__" in path]
    groups = [own, *related] if own else related
    if pks is not None and len(pks) <= FEW:  # a few pages: one query, its repeated rows are few
        groups = [[path for group in groups for path in group]]
    found: dict = {}
    texts: dict = {}
    read_at = 0
    pages = pages.annotate(read_at=Subquery(ContentVersion.objects.values("value")[:1]))
    for group in groups:
        names = [path for path, _text_of in group]
        rows = pages.values_list("pk", "read_at", *names)
        # the whole site in chunks; a few pages at once (a server-side cursor costs statements)
        for pk, version, *values in rows.iterator(chunk_size=2000) if pks is None else rows:
            read_at = max(read_at, version or 0)
            key = (model.__name__, pk)
            words, joined, plain = found.setdefault(key, (set(), set(), set()))
            text = texts.setdefault(key, set())
            for (path, text_of), value in zip(group, values, strict=True):
                if value is None or value == "":
                    continue
                value = text_of(value)
                text.add((path, value))
                for raw in set(TOKEN.findall(value)):
                    fit, compound, word = _fit(raw)
                    words.update(fit)
                    joined.update(compound)
                    plain.update(word)
    entries = {key: tuple(map(frozenset, sets)) for key, sets in found.items()}
    return entries, {key: hash(frozenset(text)) for key, text in texts.items()}, read_at


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
        # the words as Wagtail's indexer reads them (``get_text_for_indexing``: a space after a
        # block, none for inline markup, so "Zebra<b>fish</b>" is one word), by regular
        # expressions: an HTML parser per text was most of the cost
        return lambda value: html.unescape(TAG.sub("", BLOCK_END.sub(r"\g<0> ", str(value))))
    reader = getattr(model_field, "get_searchable_content", None)
    if reader is None:
        return str
    return lambda value: " ".join(str(part) for part in reader(value))
