"""Wagtail's database search backend, with relevance ranking on SQLite in one pass.

Upstream (``modelsearch``'s SQLite backend) orders by relevance through a correlated subquery:
for every matching page it runs the full-text match again to fetch that page's score. A word
most pages contain ("client" on a 10,000-case portfolio) then costs 10,000 × 10,000 steps — ten
seconds for one search. Here the full-text match runs once, joined with the page query's
filters as a subquery, returning the allowed entries with their BM25 scores, best first and no
more than needed; Python orders the ids (ties: newest first).
Same scores, same order (best score first, then newest id), same results class otherwise.

Used by :mod:`search.backends` on SQLite only: this module needs SQLite's full-text models.
"""

from django.db.models import TextField
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .db_index import AnalysedSQLiteIndex

#: how many times the wanted number of matches SQLite is asked for, for the page query to filter
HEADROOM = 2


class OnePassRanking:
    """Compiler mixin: the ids of the matches, best first, from a single full-text query.

    A search restricted to model fields (``fields=["name"]``, as the admin's snippet listings
    search) cannot name them in the full-text table, whose only columns are ``title``, ``body``
    and ``autocomplete``: upstream then fails with "no such column: name". Such a search looks in
    all the model's indexed text instead, which for the admin listings is the same thing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields and not set(self.fields) <= set(self.FTS_TABLE_FIELDS):
            self.fields = None

    def ranked_pks(self, config, limit: int | None = None, allowed=None) -> list | None:
        """The pks of the matches allowed by the page query, best first (at least the first
        ``limit`` of them). None when the query is not a plain ranked match (match-all,
        negation): upstream's path handles those.

        SQLite orders by score and stops at a few times ``limit`` (a word on every page of a
        10,000-case site need not bring 10,000 rows into Python); when the page query refuses
        so many of those that fewer than ``limit`` are left, every match is read instead.

        ``allowed`` (the pks the page query allows, kept by the caller) filters in Python
        instead: joining the match with the page query as a subquery was half of a broad
        search's time in SQLite at 10,000 cases."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
        )
        if allowed is None:
            # the page query's filters (live, public, listable) as a subquery: SQLite keeps only
            # the entries it allows, so the head below holds allowed pages only
            keys = self.queryset.order_by().annotate(_key=Cast("pk", TextField())).values("_key")
            entries = entries.filter(index_entry__object_id__in=keys)
        entries = entries.annotate(
            score=self._build_rank_expression(self.get_search_vectors(), config)
        ).values_list("index_entry__object_id", "score")
        if limit:
            head = list(entries.order_by("score", "-index_entry__object_id")[: limit * HEADROOM])
            ranked = self._best_first(head, allowed)
            if len(ranked) >= limit or len(head) < limit * HEADROOM:
                return ranked
        return self._best_first(list(entries), allowed)

    def _build_rank_expression(self, vectors, config):
        """Upstream sums ``tsrank · boost`` over the index's vectors (the title's weight, the
        body's), computing SQLite's ``bm25()`` once per vector for every matching row; tsrank
        does not depend on the vector, so this is ``tsrank · Σ boost``: the same score (up to
        float rounding) with one ``bm25()`` per row instead of two."""
        total = vectors[0][1]
        for _vector, boost in vectors[1:]:
            total = total + boost
        return self.build_tsrank(vectors[0][0], self.query, config=config) * total

    def _best_first(self, entries, allowed=None) -> list:
        """The pks of ``(object id, score)`` entries (``allowed`` ones, when given), best score
        first, then newest."""
        to_pk = self.queryset.model._meta.pk.to_python
        best = {}
        for object_id, score in entries:
            pk = to_pk(object_id)
            if allowed is None or pk in allowed:
                best[pk] = min(score, best.get(pk, score))
        return sorted(best, key=lambda pk: (best[pk], -pk))


class RankedSearchQueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
    pass


class RankedAutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSearchResults(SQLiteSearchResults):
    #: ``rows`` takes the caller's ``known`` rows of the allowed pages
    takes_known_rows = True

    def _window(self, allowed=None) -> list | None:
        """The pks of this slice in rank order, or None when upstream's path must answer
        (no relevance order, a score field, a match-all or negated query)."""
        compiler = self.query_compiler
        if not compiler.order_by_relevance or self._score_field is not None:
            return None
        ranked = compiler.ranked_pks(compiler.get_config(self.backend), self.stop, allowed)
        return None if ranked is None else ranked[self.start : self.stop]

    def _do_search(self):
        window = self._window()
        if window is None:
            return super()._do_search()
        by_pk = self.query_compiler.queryset.in_bulk(window)
        return [by_pk[pk] for pk in window if pk in by_pk]

    def rows(self, fields: tuple[str, ...], known: dict | None = None) -> list[tuple]:
        """(pk, *fields) of the results in rank order, without building model instances (as
        ``search.db_index.RowResults``). ``known`` maps every pk the page query allows to its
        ``fields``, kept by the caller: then no page is read at all."""
        window = self._window(allowed=known)
        if window is not None and known is not None:
            return [(pk, *known[pk]) for pk in window]
        if window is None:
            objects = super()._do_search()
            return [(obj.pk, *(getattr(obj, f) for f in fields)) for obj in objects]
        found = self.query_compiler.queryset.filter(pk__in=window).values_list("pk", *fields)
        by_pk = {row[0]: row for row in found}
        return [by_pk[pk] for pk in window if pk in by_pk]


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    """Indexes analysed text (:mod:`search.db_index`): queries must be analysed too."""

    index_class = AnalysedSQLiteIndex
    analyses_text = True
    query_compiler_class = RankedSearchQueryCompiler
    autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
    results_class = RankedSearchResults
