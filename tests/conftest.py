import pytest

from serving.content_version import forget_memoized
from tests.builders import build_portfolio, build_site_tree, ensure_migration_data
from tests.module_data import module_data

DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database without Wagtail's welcome page (and the default site on it).

    Every site tree deletes it, which (an unpublication, URLs computed, the search index and
    the content version updated) cost each such test about as much as creating two pages;
    a test on a ``transaction=True`` database already leaves the next without it.
    """
    from wagtail.models import Page

    with django_db_blocker.unblock():
        ensure_migration_data()  # a reused database may end with a flush of an older run
        root = Page.get_first_root_node()
        for child in root.get_children() if root else ():
            child.delete()


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
