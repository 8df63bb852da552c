"""PostgreSQL: a visitor's search ranks the index entries alone, and Python keeps the listed pages.

Upstream (``modelsearch``'s PostgreSQL backend) joins the page query with the index entries:
``page.id::varchar = entry.object_id``, a join no index serves, so PostgreSQL reads every page
(10,000 at 10,000 cases) and the list of internal cases the page query excludes, and hashes
them, whatever the query finds: 6 ms of a narrow word's 6.5 ms statement, 8 of a medium one's
11 ms. When the caller keeps the pks of every page it may show (``known``, as on SQLite: see
``search.selectors._listed_rows``), the statement here reads only the matching entries, found
through the index on ``title || body`` (migration 0005), scores them as upstream does (the
same rank expression, so the same floats) and orders them as upstream does (best score first,
then the newest page); Python keeps the known pages. A narrow word's statement: 0.9 ms.

The statement stops at ``HEADROOM`` times the wanted matches; when the known pages are fewer
than wanted among those, every match is read (the internal cases a visitor may not see are a
fifth of the generated portfolio: the head nearly always suffices).
"""

from django.db.models import BigIntegerField, F, IntegerField
from django.db.models.functions import Cast

from modelsearch.backends.database.postgres import postgres as upstream_postgres
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .raw_rows import raw_rows

#: how many times the wanted number of matches PostgreSQL is asked for, for Python to filter
HEADROOM = 2
#: an integer pk as text, as ``pk::varchar`` writes it (and within bigint)
CANONICAL_ID = r"^[1-9][0-9]{0,17}$"


class RowResults(upstream_postgres.PostgresSearchResults):
    #: ``rows`` takes the caller's ``known`` rows of the allowed pages
    takes_known_rows = True

    def rows(self, fields: tuple[str, ...], known: dict | None = None) -> list[tuple]:
        """(pk, *fields) of the results in rank order, without building model instances: a
        broad search ranks a thousand pages, and a page instance costs ~75 µs to build.
        ``known`` maps every pk the page query allows to its ``fields``, kept by the caller:
        then the statement reads the index entries alone (module docstring) and no page."""
        ranked = None if known is None else self._ranked_known(known)
        if ranked is None:
            return list(self.get_queryset().values_list("pk", *fields))
        return [(pk, *known[pk]) for pk in ranked[self.start : self.stop]]

    def _ranked_known(self, known: dict) -> list | None:
        """The ``known`` pks among the matches, best first (at least the first ``stop``), or
        None when upstream's statement must answer: no relevance order, a score asked for,
        fields named, a match-all or fuzzy query, a model whose pk is not an integer, an
        autocomplete (which matches another vector)."""
        compiler = self.query_compiler
        model = compiler.queryset.model
        query = compiler.query
        pk = model._meta.pk.target_field if model._meta.pk.is_relation else model._meta.pk
        if (
            not compiler.order_by_relevance
            or self._score_field is not None
            or compiler.fields is not None
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
            or not isinstance(pk, IntegerField)
            or isinstance(compiler, upstream_postgres.PostgresAutocompleteQueryCompiler)
        ):
            return None
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(query, config=config)
        # the entry's own columns where upstream names them through the page's relation
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        entries = (
            upstream_postgres.IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(model),
                # an id as the page's own would read: upstream compares ``pk::varchar``, so an
                # entry written otherwise ("007", "legacy-1") is no page's and must not fail
                object_id__regex=CANONICAL_ID,
            )
            .annotate(_vector_=F("title")._combine(F("body"), "||", False))
            .filter(_vector_=search_query)
            .annotate(_score_=compiler._build_rank_expression(vectors, config))
            .order_by(F("_score_").desc(), Cast("object_id", BigIntegerField()).desc())
            .values_list("object_id")
        )
        if self.stop is not None:
            size = self.stop * HEADROOM
            head = raw_rows(entries[:size])
            ranked = _known_first_seen(head, known)
            if len(ranked) >= self.stop or len(head) < size:
                return ranked
        return _known_first_seen(raw_rows(entries), known)


def _known_first_seen(rows: list[tuple[str]], known: dict) -> list[int]:
    """The pks of ``rows``' object ids that ``known`` holds, in order, each once."""
    ranked, seen = [], set()
    for (object_id,) in rows:
        pk = int(object_id)
        if pk in known and pk not in seen:
            seen.add(pk)
            ranked.append(pk)
    return ranked
