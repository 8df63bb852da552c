"""PostgreSQL: every search statement can find its matches through the index on the search
index's ``title || body`` (search migration 0005) instead of reading every entry.

Without it a search read and concatenated all 10,358 entries' vectors at 10,000 cases (17 ms
for a word on no page); the planner uses an expression index only when the statement writes
the same expression, so a change on either side (modelsearch's compiler, the migration) fails
here. The planner reads a small table whole whatever its indexes, so the tests add 5,000
entries first, as a site at scale has."""

import re
from importlib import import_module

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.selectors import portfolio_search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)

migration = import_module("search.migrations.0005_postgres_combined_vector_index")


FILLER_ENTRIES = 5_000
#: plans a table of a few rows prefers and one of thousands would not: reading it whole, and
#: looking the entries up page by page (in tests there are a dozen pages, at scale thousands)
PRICED_OUT = ("enable_seqscan", "enable_indexscan", "enable_nestloop")


@pytest.fixture
def large_index(portfolio):
    """The portfolio's entries among 5,000 more of case pages no page has (they join to no
    result), analysed: what a site at scale gives the planner to choose by."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import CasePage

    content_type = ContentType.objects.get_for_model(CasePage)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {migration.TABLE}
                (content_type_id, object_id, title, autocomplete, body, title_norm,
                 title_text, body_text)
            SELECT %s, (900000 + n)::text, to_tsvector('simple', 'filler ' || n),
                   to_tsvector('simple', 'filler'), to_tsvector('simple', 'other words ' || n),
                   1.0, 'filler', 'other words'
            FROM generate_series(1, %s) AS n""",  # noqa: S608 (a constant table name)
            [content_type.pk, FILLER_ENTRIES],
        )
        # what VACUUM does in production: the new entries out of GIN's pending list, which
        # the planner prices as read in full by every search
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [migration.INDEX])
        cursor.execute(f"ANALYZE {migration.TABLE}")
    return portfolio


def _search_statements(search) -> list[tuple[str, tuple]]:
    with CaptureQueriesContext(connection) as captured:
        search()
    statements = [query["sql"] for query in captured.captured_queries if "@@" in query["sql"]]
    assert statements, "the search ran no full-text statement"
    return statements


def _plans(statements) -> list[str]:
    plans = []
    with connection.cursor() as cursor:
        for setting in PRICED_OUT:
            cursor.execute(f"SET LOCAL {setting} = off")
        for sql in statements:
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        for setting in PRICED_OUT:
            cursor.execute(f"SET LOCAL {setting} = on")
    return plans


def _searches(client):
    return {
        "search page": lambda: client.get("/search/", {"q": "kubernetes"}),
        "a misspelt word": lambda: client.get("/search/", {"q": "kubernetse"}),
        "portfolio search": lambda: portfolio_search(text="case kubernetes", per_page=10),
    }


def test_every_search_statement_can_use_the_title_body_index(large_index, client):
    for name, search in _searches(client).items():
        for plan in _plans(_search_statements(search)):
            assert migration.INDEX in plan, f"{name}: the statement reads every entry\n{plan}"


def test_without_the_index_a_search_reads_every_entry(large_index, client):
    """The check above can fail: with the migration reversed, the same kind of search (a
    word not searched before, so not answered from memory) matches every entry's vectors one by one. The test's
    transaction puts the index back."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no DDL with deferred checks pending
    with connection.schema_editor() as editor:
        migration.drop_index(None, editor)
    plans = _plans(_search_statements(lambda: client.get("/search/", {"q": "django"})))
    assert not any(migration.INDEX in plan for plan in plans)
    filtered = re.compile(r"Filter: .*\(title \|\| body\) @@")
    assert all(filtered.search(plan) for plan in plans), "\n".join(plans)
