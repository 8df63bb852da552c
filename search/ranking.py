"""The right kind first: a backend-independent order between services, cases and experts.

The database backends score whole rows with BM25, which favours short documents: an expert page
(a name, a position, a few competency names) often outscores the service whose very title the
visitor typed. So after the backend has chosen and ordered the matches, they are put in tiers by
how the page's *title* covers the query, and the backend's order is kept inside each tier:

0. the title is the query (every query term in the title and nothing else in it);
1. every query term is in the title;
2. some query terms are in the title;
3. the rest (body, competency, category matches): services, then cases and experts in the
   backend's order.

Inside tiers 0-2 a service comes before a case and a case before an expert: someone typing a
service's name is looking for the service; its cases prove it; the people come after.

An expert's title is a person's name, so experts take part in the title tiers only when the query
names a person (:func:`names_person`: a word of a public expert's name, a word such as "who",
"expert", "кто", "специалист", or a profession: "consultant", "юрист"). Then the visitor is
looking for people: every matched expert comes first (by the same tiers), then services and
cases. Otherwise experts stay among the rest, after the services.

Matches holding every word of the query are ranked apart from, and before, those holding some
(``search.selectors``): "lawyer personal data" is the lawyer, then "Personal data compliance".

CONTRACT (used by ``search.selectors._matching_pages``):
``rerank(matches: list[tuple[int, str, str]], terms, *, names_person: bool)
-> list[tuple[int, str]]``: ``matches`` are (page id, kind, title) in the backend's order;
``terms`` the query's stems (``search.analysis.query_terms``) or, once synonyms expand them, one
group of alternatives per term (``search.synonyms.expand``: tuples of stems, all required).
"""

import functools
from collections.abc import Iterable, Sequence

from .analysis import MAX_TOKEN, STOPWORDS, index_tokens, stem, tokens

#: expert names against the titles of services and the competencies: titles are what lists sort
#: by, so a new biography keeps them
NAME_TAGS = ("experts:listed", "services:listed", "tree")

KIND_ORDER = {"service": 0, "case": 1, "expert": 2}
REST = 3

#: words that ask for a person, before filler words are removed ("who" and "кто" are filler)
PERSON_WORDS = (
    "who whom expert experts specialist specialists "
    "кто эксперт эксперта эксперты экспертов специалист специалиста специалисты специалистов "
    "консультант консультанты"
)
PERSON_STEMS = frozenset(stem(word) for word in tokens(PERSON_WORDS))
#: professions, compared as typed and not by stem: "consultant" and "consultation" share a stem,
#: and "аналитика" (analytics) is a form of "аналитик"
ROLE_WORDS = frozenset(
    tokens(
        "consultant consultants engineer engineers developer developers programmer programmers "
        "designer designers analyst analysts architect architects lawyer lawyers tester testers "
        "marketer marketers scientist scientists "
        "консультанта консультантов инженер инженера инженеры инженеров разработчик "
        "разработчика разработчики разработчиков программист программиста программисты "
        "программистов дизайнер дизайнера дизайнеры дизайнеров аналитик аналитиков архитектор "
        "архитектора архитекторы архитекторов юрист юриста юристы юристов тестировщик "
        "тестировщика тестировщики тестировщиков маркетолог маркетолога маркетологи маркетологов"
    )
)

Alternatives = list[tuple[str, ...]]


def _alternatives(term: str | Iterable) -> Alternatives:
    """One query position as alternatives: a plain stem or a synonym group."""
    if isinstance(term, str):
        return [(term,)]
    return [(alt,) if isinstance(alt, str) else tuple(alt) for alt in term]


def title_tier(title: str, groups: Sequence[Alternatives]) -> int:
    """0 when the title is the query, 1 when it holds every term, 2 some of them, else 3."""
    return _coverage(title, _stem_sets(groups))[0]


def _stem_sets(groups: Sequence[Alternatives]) -> list[list[frozenset[str]]]:
    """Each query position's alternatives as sets of stems (empty ones dropped)."""
    sets = [[frozenset(alt) for alt in alternatives if alt] for alternatives in groups]
    return [alternatives for alternatives in sets if alternatives]


def _coverage(title: str, groups: list[list[frozenset[str]]]) -> tuple[int, int]:
    """The title's tier, and how many of the query's positions (:func:`_stem_sets`) it holds
    (among titles holding some of them, more is better: "online store for a retail chain" puts
    "Online store for a fashion retailer" before cases that only say "chain")."""
    if not groups:
        return REST, 0
    present = title_stems(title)
    if len(groups) == 1 and len(groups[0]) == 1:  # one word, no synonym: most queries
        (wanted,) = groups[0]
        if wanted <= present:
            return (0 if present <= wanted else 1), 1
        return REST, 0
    covered: set[str] = set()
    found = 0
    for alternatives in groups:
        matching = [alt for alt in alternatives if alt <= present]
        if matching:
            found += 1
            covered.update(*matching)
    if not found:
        return REST, 0
    if found < len(groups):
        return 2, found
    return (0 if present <= covered else 1), found


@functools.lru_cache(maxsize=50_000)
def title_stems(title: str) -> frozenset[str]:
    """The stems a title holds, a compound's parts too ("1С:ERP implementation" holds the query
    "1C ERP"); kept per title, as a broad search looks at a thousand titles, and per word, as
    those titles share most of their words (no word spans a space, so each is read alone)."""
    stems: set[str] = set()
    for word in title.split():
        if word.isdigit() and word.isascii() and len(word) <= MAX_TOKEN:
            stems.add(word)  # a number is itself (a thousand titles may each hold their own)
        else:
            stems.update(_word_stems(word))
    return frozenset(stems)


@functools.lru_cache(maxsize=50_000)
def _word_stems(word: str) -> tuple[str, ...]:
    """The stems of one space-free piece of a title (a compound's parts too), filler words
    left out."""
    return tuple(stem(token) for token in index_tokens(word) if token not in STOPWORDS)


def rerank(
    matches: Sequence[tuple[int, str, str]], terms: Sequence, *, names_person: bool = False
) -> list[tuple[int, str]]:
    """(page id, kind) of ``matches`` in tiers (module docstring), stable on the backend order."""
    groups = _stem_sets([_alternatives(term) for term in terms])

    def key(item):
        position, (_pk, kind, title) = item
        if kind == "expert" and not names_person:
            return (1, REST, 0, 1, position)
        tier, found = _coverage(title or "", groups)
        if tier < REST:
            kind_rank = KIND_ORDER.get(kind, len(KIND_ORDER))
        else:  # the offering first, then cases and people as the backend ranks them
            kind_rank = 0 if kind == "service" else 1
        if names_person:
            # People first when people are asked for; services and cases keep their tiers after.
            return (0 if kind == "expert" else 1, tier, -found, kind_rank, position)
        return (1, tier, -found, kind_rank, position)

    ordered = sorted(enumerate(matches), key=key)
    return [(pk, kind) for _position, (pk, kind, _title) in ordered]


def person_words_in(text: str, name_stems: Iterable[str] = ()) -> bool:
    """Whether ``text`` asks for a person: a person word, or a word of one of ``name_stems``."""
    words = set(tokens((text or "")[:1000]))
    stems = {stem(word) for word in words}
    return bool(words & ROLE_WORDS or stems & PERSON_STEMS or stems & set(name_stems))


def expert_name_stems() -> frozenset[str]:
    """Stems of the words of public experts' names that are not also words of a public service's
    title or a competency's name ("Data" as a surname must not make "data warehouse" a person
    query). Kept per content version: one query when cold, none when warm."""
    from catalog.models import ServicePage
    from experts.models import Competency, ExpertPage
    from serving.content_version import memoize
    from serving.public import listable

    def load():
        names = {
            stem(word)
            for title in listable(ExpertPage).values_list("title", flat=True)
            for word in index_tokens(title)
            if len(word) > 1 and not word.isdigit()
        }
        other = {
            stem(word)
            for title in [
                *listable(ServicePage).values_list("title", flat=True),
                *Competency.objects.values_list("name", flat=True),
            ]
            for word in index_tokens(title)
        }
        return frozenset(names - other)

    return memoize(("search-expert-name-stems",), load, tags=NAME_TAGS)


def names_person(text: str) -> bool:
    """Whether the raw query (before filler words are dropped) asks for a person."""
    if person_words_in(text):
        return True
    return person_words_in(text, expert_name_stems())
