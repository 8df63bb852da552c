from importlib import import_module

import pytest

from serving.content_version import forget_memoized
from tests.builders import build_portfolio, build_site_tree, ensure_migration_data
from tests.module_data import module_data

DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(scope="session")
def django_db_createdb(request) -> bool:
    """Built from the models, a test database is built afresh even with ``--reuse-db``: on a
    kept one (PostgreSQL; SQLite's is in memory) syncdb only adds missing tables, and a changed
    model would meet its old columns, where the migrations would have altered them. Building
    costs a few seconds."""
    return request.config.getvalue("create_db") or request.config.getvalue("nomigrations")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database without Wagtail's welcome page (and the default site on it).

    Every site tree deletes it, which (an unpublication, URLs computed, the search index and
    the content version updated) cost each such test about as much as creating two pages;
    a test on a ``transaction=True`` database already leaves the next without it.

    The tables come from the models (``--no-migrations`` in pyproject.toml's addopts: rendering
    the 258 migrations' states cost each worker 30-37 s of CPU a phase), the objects the
    models cannot describe (SQLite: wagtailsearch's FTS5 table; PostgreSQL: the search app's
    index on ``title || body``), and the rows the migrations write
    from ``ensure_migration_data``; tests/test_schema.py checks both against a database built
    by the migrations. ``--migrations`` builds the test databases by the migrations again.
    """
    from django.db import connection

    from wagtail.models import Page

    with django_db_blocker.unblock():
        _sqlite_search_table(connection)
        _postgres_search_index(connection)
        ensure_migration_data()  # a reused database may end with a flush of an older run
        root = Page.get_first_root_node()
        for child in root.get_children() if root else ():
            child.delete()


def _sqlite_search_table(connection) -> None:
    """On SQLite, wagtailsearch's index as its migration 0006 makes it: an FTS5 virtual table
    kept by three triggers on the entries table. Built from the models, the same name is a
    plain table (its model is only the ORM's view of the virtual one), which no search finds."""
    from django.db import migrations

    from wagtail.search.models import IndexEntry

    table = f"{IndexEntry._meta.db_table}_fts"
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        row = cursor.fetchone()
    if row is None or row[0].startswith("CREATE VIRTUAL TABLE"):
        return  # no FTS5 in this SQLite (no such model either), or built by the migrations
    migration = import_module("wagtail.search.migrations.0006_customise_indexentry").Migration
    (fts,) = (
        op for op in migration.operations if isinstance(op, migrations.SeparateDatabaseAndState)
    )
    with connection.schema_editor() as editor:
        editor.execute(f'DROP TABLE "{table}"')
        for operation in fts.database_operations:  # the virtual table and its triggers
            editor.execute(operation.sql)


def _postgres_search_index(connection) -> None:
    """On PostgreSQL, the GIN index on the search index's ``title || body`` that the search
    app's migration 0005 adds (an index on an expression of another app's table: no model
    describes it)."""
    migration = import_module("search.migrations.0005_postgres_combined_vector_index")
    with connection.schema_editor() as editor:
        migration.create_index(None, editor)


@pytest.fixture(autouse=True)
def _migration_rows(request, django_db_blocker):
    """Every database test starts with the rows migrations insert, even after a flush.

    Tests on ``transaction=True`` databases end by emptying every table: once that flush is
    done (``transactional_db``'s teardown, before this fixture's), the rows are written again
    and committed, so the tests in a transaction after it find them as after the migrations,
    without each checking them (about ten queries a test).
    """
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & DB_FIXTURES:
        yield
        return
    transactional = (marker and marker.kwargs.get("transaction")) or names & {
        "transactional_db",
        "live_server",
    }
    if transactional:
        from django.db import connection

        # tests.module_data's shared transaction is open: a flush would empty it
        assert not connection.in_atomic_block, (
            "a transaction=True test in a module with tests.module_data fixtures"
        )
    request.getfixturevalue("transactional_db" if transactional else "db")
    if transactional:
        ensure_migration_data()
    forget_memoized()  # a rolled-back test may leave the same version number behind
    yield
    if transactional:
        with django_db_blocker.unblock():
            ensure_migration_data()


@pytest.fixture
def site_tree(db):
    """Home page as the default site's root, with the service, case and expert index pages."""
    return build_site_tree()


@pytest.fixture
def portfolio(site_tree):
    """A small coherent portfolio: services, experts and cases linked together."""
    return build_portfolio(site_tree, cases=3)


#: ``portfolio`` built once per test module (tests.module_data), for ``portfolio_once``
portfolio_rows = module_data(
    lambda: build_portfolio(build_site_tree(), cases=3), name="portfolio_rows"
)
