"""Synonyms and spellings: groups of equivalent terms editors keep (per language), applied to a
query's stems on every database backend. CONTRACT (package B fills it in):

``expand(terms: list[str]) -> list[list[tuple[str, ...]]]``: for the query's stems (from
``search.analysis.query_terms``), one group per query position; a group lists the alternatives
that may stand there (each a tuple of stems, all required: a multi-word synonym). Longest spans
first: "online store" (two stems) may be one group. Memoized per content version.
"""


def expand(terms: list[str]) -> list[list[tuple[str, ...]]]:
    return [[(term,)] for term in terms]
