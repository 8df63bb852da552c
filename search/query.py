"""A query's analysed terms as a modelsearch query expression, for backends that index
analysed text (``analyses_text``: :mod:`search.db_index`).

Why an expression and not a string: a plain string is split on spaces and every word is
required or every word optional, which cannot say "this stem or its synonym, and that stem".
The terms are already stems in the index's own alphabet (``[0-9a-zа-я]+``), so no operator,
quote or markup can reach the database through them.
"""

from wagtail.search.backends import get_search_backend

from modelsearch.query import And, Or, PlainText


def _all(words: tuple[str, ...]):
    return PlainText(" ".join(words), operator="and")


def build(groups: list[list[tuple[str, ...]]], *, operator: str = "and"):
    """``groups`` as :func:`search.synonyms.expand` gives them: one group per query position,
    each a list of alternatives, each alternative a tuple of stems that must all be present.

    ``operator="and"`` requires every group, ``"or"`` any group. None when nothing is left.
    """
    parts = []
    for group in groups:
        alternatives = [_all(words) for words in dict.fromkeys(group) if words]
        if alternatives:
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def analyses_text() -> bool:
    """Whether the search backend indexes :mod:`search.analysis`'s tokens (``search.db_index``)."""
    return getattr(get_search_backend(), "analyses_text", False)
