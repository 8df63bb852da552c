"""Index classes for modelsearch's SQLite and PostgreSQL backends that store analysed text.

Why: FTS5's plain tokenizer does not stem at all, and PostgreSQL's ``russian`` configuration
stems differently (one pass, no ё = е, no compound tokens), so the same query found different
pages on the two databases and "аудита" missed "аудит" on SQLite. Here every SearchField value
goes through :func:`search.analysis.analyse` (stems) and every AutocompleteField value through
:func:`search.analysis.fold` (folded words, not stemmed) before the database sees it; the
database then only splits on spaces (FTS5 ``unicode61``, PostgreSQL ``simple``), so both hold
the same tokens and queries built from :func:`search.analysis.query_terms` match them alike.

Upstream's ``add_items`` builds its module-level ``ObjectIndexer`` directly, with no hook for
another indexer class, so each index copies the part of ``add_items`` it must (marked below);
``tests/search/test_analysis.py`` fails when modelsearch's version or those upstream lines
change, so an upgrade is checked by hand instead of silently indexing raw text.
"""

from modelsearch.backends.database.postgres import postgres as upstream_postgres
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

from .analysis import analyse, fold
from .postgres_ranking import RowResults

#: the modelsearch release whose ``add_items`` the classes below copy
UPSTREAM_VERSION = "1.3.2"


class AnalysedValues:
    """Indexer mixin: the value of each field as search compares it (the last item of what
    upstream's ``prepare_field`` yields is the text, on both backends)."""

    def prepare_field(self, obj, field):
        for prepared in super().prepare_field(obj, field):
            current, *rest, value = prepared
            if isinstance(current, SearchField):
                value = analyse(value)
            elif isinstance(current, AutocompleteField):
                value = fold(value)
            yield (current, *rest, value)


class AnalysedPostgresIndexer(AnalysedValues, upstream_postgres.ObjectIndexer):
    pass


class AnalysedPostgresIndex(upstream_postgres.PostgresIndex):
    def add_items(self, model, objs):
        """Upstream's ``add_items`` with the analysed indexer: it reads the module-level
        ``ObjectIndexer`` when called, so the copy is the smallest that changes it."""
        # Copied from modelsearch 1.3.2 backends/database/postgres/postgres.py,
        # PostgresIndex.add_items (lines 371-445); only the indexer class differs.
        if not model.get_search_fields():
            return
        indexers = [AnalysedPostgresIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        IndexEntry = upstream_postgres.IndexEntry
        content_type_pk = get_content_type_pk(model)
        compiler = upstream_postgres.InsertQuery(IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                data_params,
            )
        self._refresh_title_norms()


class AnalysedPostgresSearchBackend(upstream_postgres.PostgresSearchBackend):
    """PostgreSQL full text over analysed text: the ``simple`` configuration everywhere, so
    PostgreSQL neither stems a second time nor drops words the analyser kept."""

    index_class = AnalysedPostgresIndex
    analyses_text = True
    results_class = RowResults

    def __init__(self, params):
        super().__init__(params)
        self.config = "simple"
        self.autocomplete_config = "simple"


try:
    from modelsearch.backends.database.sqlite import sqlite as upstream_sqlite
except LookupError:  # modelsearch defines its FTS5 model on SQLite only
    upstream_sqlite = None

if upstream_sqlite is not None:

    class AnalysedSQLiteIndexer(AnalysedValues, upstream_sqlite.ObjectIndexer):
        pass

    class AnalysedSQLiteIndex(upstream_sqlite.SQLiteIndex):
        def add_items(self, model, objs):
            # Copied from modelsearch 1.3.2 backends/database/sqlite/sqlite.py,
            # SQLiteIndex.add_items (lines 214-263); only the indexer class differs.
            if not model.get_search_fields():
                return
            indexers = [AnalysedSQLiteIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            ids_and_data = {
                indexer.id: (indexer.title, indexer.autocomplete, indexer.body)
                for indexer in indexers
            }
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed_ids = frozenset(
                entries.filter(object_id__in=ids_and_data.keys()).values_list(
                    "object_id", flat=True
                )
            )
            for indexed_id in indexed_ids:
                title, autocomplete, body = ids_and_data[indexed_id]
                entries.filter(object_id=indexed_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                upstream_sqlite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in ids_and_data.items()
                if object_id not in indexed_ids
            )
            self._refresh_title_norms()
