"""PostgreSQL: a GIN index on the search index's ``title || body``, the vector every search
filters on (modelsearch's ``PostgresSearchQueryCompiler`` matches the concatenation of the two).

The GIN indexes wagtailsearch has on ``title`` and on ``body`` separately cannot serve a match
on their concatenation, so without this index PostgreSQL reads and concatenates every entry's
vectors for each search: 17 ms for a word on no page at 10,000 cases, 0.07 ms with it. The
expression must stay the one the compiler writes (``"title" || "body"``) for the planner to use
the index; ``tests/search/test_postgres_index.py`` fails when a search stops using it.

SQLite and other databases: nothing (SQLite searches its FTS5 table). Test databases are built
from the models, so ``tests/conftest.py`` runs :func:`create_index` too.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"
TABLE = "wagtailsearch_indexentry"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "{TABLE}" USING gin (("title" || "body"))'
    )
    # The planner prices a match on the expression by statistics only ANALYZE gathers (until
    # autovacuum comes by, it guesses, and on a large index chose to read every entry).
    schema_editor.execute(f'ANALYZE "{TABLE}"')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_seed_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
