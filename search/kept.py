"""Which search answers outlive an edit of a page's text.

A search answer depends on every page's text, so any edit used to drop every answer, and the
first search after a publish was a search not asked before. Most edits touch no answer: a page
that neither held nor now holds a query's terms cannot enter or leave its matches. The answers
are kept with ``serving.content_version.memoize``'s ``keep``: an edit naming only the texts
(``search.tags.TEXT_TAGS``) leaves them in place, and the check below decides, when one is next
asked for, from the pages the edits named and the public site's words (``search.vocabulary``,
which follows each edit page by page). Anything else a search depends on (which pages are
listed, titles, synonyms, the tree) still drops them.
"""

from serving.change_tags import named_pages
from serving.content_version import content_version, peek

from .analysis import query_terms
from .query import analyses_text
from .synonyms import expand
from .tags import TEXT_TAGS
from .vocabulary import MIN_WORD, search_vocabulary


def text_check(text: str, include_internal: bool, matched: frozenset[int], shown=frozenset()):
    """A check of whether an answer for ``text`` outlives edits of pages' texts, or None
    when it cannot tell: staff answers (internal pages have no vocabulary), a backend that
    analyses text itself, a term the vocabulary does not hold (short, a number).

    An edited page whose words did not change (a new photo, price or metric figure; a
    republish) scores as it did: the matches, their order and facets stand. One whose words
    changed, that was not among the ``matched`` pages and holds none of the query's terms now,
    cannot be among them either.
    ``shown`` pages (loaded into a page of results) must not have changed at all. What this
    leaves: BM25 weighs a page's words by the average page length, which an edit moves slightly,
    so two matches with nearly equal scores could swap places before the next full answer; and
    a page's text is compared as its distinct texts, so removing one of two rows with the same
    text (two metrics with one label) counts as no change."""
    groups = expand(query_terms(text)) if text else []
    stems = {word for group in groups for alternative in group for word in alternative}
    if include_internal or not analyses_text() or not stems:
        return None
    if any(len(word) < MIN_WORD or word.isdigit() for word in stems):
        return None
    # The site's words from now on: whether a matched page's words change later is known only
    # from the edits the vocabulary sees after this (most processes read it for the first typo).
    search_vocabulary()
    since = content_version()

    def check(changes) -> bool:
        named = set().union(*map(named_pages, changes))
        if not named:
            return True
        if named & shown or expand(query_terms(text)) != groups:
            return False
        vocabulary = search_vocabulary()  # brought up to date with the edits
        return not any(
            vocabulary.words_changed(pk, since) and (pk in matched or stems & vocabulary.forms(pk))
            for pk in named
        )

    return check


def kept_matches(text: str, include_internal: bool):
    """``keep`` for the ranked matches of ``text`` (``serving.content_version.memoize``)."""
    return TEXT_TAGS, lambda found: text_check(
        text, include_internal, frozenset(pk for pk, _kind in found[0])
    )


def kept_outcome(matches_key: tuple, typos: bool):
    """``keep`` for a page of results: as its matches (kept under ``matches_key``: the search,
    its text, whether for staff), and its shown pages unchanged; not an answer a spelling
    correction decided (the vocabulary moves with every edit)."""
    _search, text, include_internal = matches_key

    def checker(outcome):
        if outcome.corrected or outcome.suggestion or (typos and not outcome.complete):
            return None
        found = peek(matches_key, store="large")
        if found is None:
            return None
        matched = frozenset(pk for pk, _kind in found[0])
        shown = frozenset(hit.page.pk for hit in outcome.hits)
        return text_check(text, include_internal, matched, shown)

    return TEXT_TAGS, checker
