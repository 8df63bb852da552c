"""Wagtail's database search backend, with relevance ranking on SQLite in one pass.

Upstream (``modelsearch``'s SQLite backend) orders by relevance through a correlated subquery:
for every matching page it runs the full-text match again to fetch that page's score. A word
most pages contain ("client" on a 10,000-case portfolio) then costs 10,000 × 10,000 steps — ten
seconds for one search. Here the full-text match runs once, joined with the page query's
filters as a subquery, returning the allowed entries with their BM25 scores, best first and no
more than needed; Python orders the ids (ties: newest first).
Same scores, same order (best score first, then newest id), same results class otherwise.

**A query whose every word is common is not scored.** When a search for every word of a
query has more than ``COMMON_MATCHES`` matches and they are more than half of the index, BM25
gives it nothing to rank by: a term in half the documents or more has an inverse document
frequency of zero or less, which FTS5 clamps to 10⁻⁶ (Lucene's "common terms" are the same
idea), so the scores only restate the pages' lengths, and computing them is most of the cost
(``bm25()`` reads each match's sizes: "client" on 10,004 of 10,308 entries at 10,000 cases,
145 M instructions scored against 24 M here). Such a query reads, in one pass, how many
matches there are and which of them belong to a model with few entries (services and experts
beside the cases), then the newest matches up to the head's size; those few first, then the
newest. The title tiers (``search.ranking``) then put the pages the query names first, as for
any query. A query with a rare word is scored as before ("client quokka").

Used by :mod:`search.backends` on SQLite only: this module needs SQLite's full-text models.
"""

from django.db import connections
from django.db.models import IntegerField, TextField
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
from .raw_rows import raw_rows

#: the index's entries (Wagtail's own model, whose rowids the full-text table shares)
IndexEntry = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model
INFINITY = float("inf")
#: matches below which a query is always scored (scoring a few thousand costs little)
COMMON_MATCHES = 2000
#: how many times the wanted number of matches SQLite is asked for, for the page query to filter
HEADROOM = 2


class OnePassRanking:
    """Compiler mixin: the ids of the matches, best first, from a single full-text query.

    A search restricted to model fields (``fields=["name"]``, as the admin's snippet listings
    search) cannot name them in the full-text table, whose only columns are ``title``, ``body``
    and ``autocomplete``: upstream then fails with "no such column: name". Such a search looks in
    all the model's indexed text instead, which for the admin listings is the same thing.
    """

    def __init__(self, *args, operator=None, **kwargs):
        super().__init__(*args, operator=operator, **kwargs)
        #: "and" when every term is required (``search(..., operator="and")``)
        self.operator = operator
        if self.fields and not set(self.fields) <= set(self.FTS_TABLE_FIELDS):
            self.fields = None

    def ranked_pks(self, config, limit: int | None = None, allowed=None) -> list | None:
        """The pks of the matches allowed by the page query, best first (at least the first
        ``limit`` of them). None when the query is not a plain ranked match (match-all,
        negation): upstream's path handles those.

        SQLite orders by score and stops at a few times ``limit`` (a word on every page of a
        10,000-case site need not bring 10,000 rows into Python), or takes the newest as many
        when every term is common (module docstring); when the page query refuses so many of
        those that fewer than ``limit`` are left, every match is read and scored instead.

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
            size = limit * HEADROOM
            head = None
            if self.operator == "and":
                head = self._newest_if_common(match, size, allowed)
            if head is None:
                head = raw_rows(entries.order_by("score", "-index_entry__object_id")[:size])
            read = len(head)
            ranked = self._best_first(head, allowed)
            if len(ranked) >= limit or read < size:
                return ranked
        return self._best_first(raw_rows(entries), allowed)

    def _newest_if_common(self, match, size: int, allowed) -> list[tuple[str, int]] | None:
        """(object id, score) of the matches to rank when every term of the query is common
        (module docstring: more than ``COMMON_MATCHES`` matches, in more than half the index),
        of this page query's models (and of its own pages when ``allowed`` is not given): every
        match of a model with few entries (services and experts beside ten thousand cases: the
        title tiers put them first), then the newest ``size`` (score 0). Nothing when the
        counting pass finds no match at all (a misspelling, searched before its correction is).
        None otherwise: the query is scored.

        Plain SQL: one pass counts the matches and picks those few; FTS5 then gives its matches
        newest first by itself, each joined with its entry until ``size`` are found (the ORM
        would prepare a thousand rows one by one)."""
        using = self.queryset.db
        kinds = get_descendants_content_types_pks(self.queryset.model)
        total, few = _entries_of_few(using, kinds, size)
        if total <= max(size, COMMON_MATCHES):  # too few entries for so many matches
            return None
        table, entries = SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table
        compiler = SQLiteFTSIndexEntry.objects.none().query.get_compiler(using=using)
        params = match.as_sql(compiler, connections[using])[1]
        where = f"FROM {table} WHERE {table} MATCH %s"
        listed = ", ".join(["%s"] * len(few)) or "NULL"
        of_kinds = ", ".join(["%s"] * len(kinds))
        with connections[using].cursor() as cursor:
            picking = f"group_concat(rowid) FILTER (WHERE +rowid IN ({listed}))"
            scan = f"SELECT count(*), {picking} {where}"
            cursor.execute(scan, [*few, *params])
            found, picked = cursor.fetchone()
            if not found:  # a word on no page (most often a misspelling): nothing to score
                return []
            if found <= max(size, COMMON_MATCHES) or found * 2 <= total:
                return None
            newest = (
                f"SELECT e.object_id FROM {table} JOIN {entries} e ON e.id = {table}.rowid "  # noqa: S608
                f"WHERE {table} MATCH %s AND e.content_type_id IN ({of_kinds}) "
                f"ORDER BY {table}.rowid DESC LIMIT %s"
            )
            cursor.execute(newest, [*params, *kinds, size])
            keys = [(few[int(rowid)], -1) for rowid in (picked or "").split(",") if rowid]
            keys += [(key, 0) for (key,) in cursor.fetchall()]
        if allowed is None:
            pks = {key for key, _score in keys}
            kept = {str(pk) for pk in self.queryset.filter(pk__in=pks).values_list("pk", flat=True)}
            keys = [(key, score) for key, score in keys if key in kept]
        return keys

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
        pk_field = self.queryset.model._meta.pk
        pk_field = pk_field.target_field if pk_field.is_relation else pk_field
        # int() itself for integer keys: a thousand matches through ``to_python`` cost ~2 M
        to_pk = int if isinstance(pk_field, IntegerField) else pk_field.to_python
        best = {}
        for object_id, score in entries:
            pk = to_pk(object_id)
            if (allowed is None or pk in allowed) and score < best.get(pk, INFINITY):
                best[pk] = score
        ordered = sorted(best, reverse=True)  # newest first among equal scores (a stable sort)
        ordered.sort(key=best.__getitem__)
        return ordered


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


def _entries_of_few(using: str, kinds, size: int) -> tuple[int, dict[int, str]]:
    """How many entries the index holds, and rowid → object id of the entries of ``kinds``
    (content types) that have at most ``size`` entries each. Kept until the tree changes: an
    entry keeps its rowid and object for life, and a page indexed since is among the newest."""
    from serving.content_version import memoize

    def read():
        with connections[using].cursor() as cursor:
            table = IndexEntry._meta.db_table
            cursor.execute(f"SELECT content_type_id, count(*) FROM {table} GROUP BY 1")  # noqa: S608
            counts = dict(cursor.fetchall())
            total = sum(counts.values())
            few = [kind for kind in kinds if counts.get(kind, 0) <= size]
            if not few or total <= max(size, COMMON_MATCHES):  # no query is common here
                return total, {}
            cursor.execute(
                f"SELECT id, object_id FROM {table} "  # noqa: S608
                f"WHERE content_type_id IN ({', '.join(['%s'] * len(few))})",
                few,
            )
            return total, dict(cursor.fetchall())

    return memoize(("search-entries-of-few", using, tuple(kinds), size), read, tags=("tree",))
