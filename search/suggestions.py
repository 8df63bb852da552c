"""As-you-type suggestions: the listable pages whose titles start with what was typed."""

from wagtail.models import Page

from serving.content_version import memoize

from .analysis import STOPWORDS, fold, tokens
from .ranking import KIND_ORDER
from .selectors import KINDS, analyses_text, searchable_pages
from .tags import SEARCHED


def title_suggestions(text: str, limit: int) -> list[tuple[Page, str]]:
    """(page, kind) of the pages whose titles start with ``text``'s words, kept per content
    version: as-you-type asks the same few prefixes again and again."""

    def find():
        kinds = {model: kind for kind, model in KINDS.items()}
        # The autocomplete column holds titles folded (search.db_index): the prefix must be too
        # ("ёлк" finds "Елки", "1С" with a Cyrillic С finds "1C"); other backends fold for
        # themselves and get the words as typed.
        # Filler words are dropped, but not the last word: it may be a prefix ("the" → "theory").
        words = tokens(text) if analyses_text() else text.split()
        prefix = " ".join([w for w in words[:-1] if w.lower() not in STOPWORDS] + words[-1:])
        if not prefix:
            return []
        pages = searchable_pages().specific(defer=True).autocomplete(prefix)[: limit * 3]
        found = [(page, kinds[type(page)]) for page in pages if type(page) in kinds]
        # As on the results page, a service before its cases and people ("Kuber" suggests
        # "Kubernetes migration" first), then titles that begin with what was typed.
        start = fold(prefix)
        found.sort(key=lambda hit: (KIND_ORDER[hit[1]], not fold(hit[0].title).startswith(start)))
        return found[:limit]

    return memoize(("suggest", text, limit), find, large=True, tags=SEARCHED)
