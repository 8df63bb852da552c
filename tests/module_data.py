"""Data built once per test module (per xdist worker) instead of once per test.

A module-scoped fixture made with :func:`module_data` opens a transaction on every database,
builds its data in it and hands the build's result to the tests; each test's own ``db``
fixture (pytest-django's ``TestCase``) then runs in a savepoint inside that transaction and is
rolled back to it, so every test sees the data as it was built, whatever the tests before it
wrote. At the module's end the transaction is rolled back: the next module starts from the
database as the session left it.

Only for modules whose tests all use the ``db`` fixture (or none): a ``transaction=True`` /
``transactional_db`` / ``live_server`` test flushes the database, which an open transaction
forbids (``tests/conftest.py`` stops such a test with a message). Hand the tests primary keys,
or re-read the rows in a cheap function-scoped fixture: an instance a test changes in memory
would reach the next test as it left it. Files a build writes (images in MEDIA_ROOT) are not
rolled back: keep them if no test deletes them.

Ready to import into a test module, each under the name of the per-test fixture it replaces:
``portfolio_once`` with ``site_tree_once`` (the portfolio and its tree) and
``bare_site_tree_once`` with ``site_tree_rows`` (the tree alone).
"""

import dataclasses
from collections.abc import Callable
from contextlib import ExitStack
from types import SimpleNamespace
from typing import Any

from django.db import connections, transaction
from django.db.models import Model

import pytest

from serving.content_version import forget_memoized
from tests.builders import build_site_tree


def module_data(build: Callable[[], Any], *, name: str):
    """A module-scoped fixture ``name`` whose value is ``build()``, run once per module in a
    transaction that every test of the module shares and that is rolled back after the module's
    last test. Use it in a conftest or a test module::

        world_rows = module_data(build_world, name="world_rows")
    """

    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker):
        atomics = ExitStack()
        with django_db_blocker.unblock():
            for alias in connections:
                atomics.enter_context(_rolled_back(alias))
            try:
                value = build()
            except BaseException:
                atomics.close()
                raise
            forget_memoized()  # values memoized while building name rows only this module has
        try:
            yield value
        finally:
            with django_db_blocker.unblock():
                atomics.close()
            forget_memoized()

    return fixture


class _rolled_back:
    """``transaction.atomic(using=alias)`` that never commits."""

    def __init__(self, alias: str):
        self.alias = alias
        self.atomic = transaction.atomic(using=alias)

    def __enter__(self):
        self.atomic.__enter__()

    def __exit__(self, *exc):
        transaction.set_rollback(True, using=self.alias)
        self.atomic.__exit__(*exc)
        return False


def fresh(value, _seen: dict | None = None):
    """``value`` with every model instance in it read again from the database (by its class and
    primary key), through dicts, lists, tuples, namespaces and dataclasses; an instance found
    twice is read once and stays one object. Anything else is handed over as it is."""
    seen = {} if _seen is None else _seen
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, Model):
        copy = type(value)._base_manager.get(pk=value.pk)
    elif isinstance(value, dict):
        copy = {key: fresh(item, seen) for key, item in value.items()}
    elif isinstance(value, list | tuple):
        copy = type(value)(fresh(item, seen) for item in value)
    elif isinstance(value, SimpleNamespace):
        copy = SimpleNamespace(**fresh(vars(value), seen))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        copy = dataclasses.replace(
            value,
            **{
                field.name: fresh(getattr(value, field.name), seen)
                for field in dataclasses.fields(value)
                if field.init
            },
        )
    else:
        return value
    seen[id(value)] = copy
    return copy


@pytest.fixture(name="portfolio")
def portfolio_once(db, portfolio_rows):
    """``portfolio`` built once per module and read afresh for each test, whose changes are
    rolled back after it. A module imports it with ``site_tree_once`` (``from tests.module_data
    import portfolio_once, site_tree_once``) when every one of its database tests uses the
    portfolio (directly or through a fixture that does)."""
    return fresh(portfolio_rows)


@pytest.fixture(name="site_tree")
def site_tree_once(portfolio):
    """The tree of ``portfolio_once``: the site tree is never built again under it."""
    return portfolio.tree


#: the bare site tree (no portfolio) built once per test module, for ``bare_site_tree_once``
site_tree_rows = module_data(build_site_tree, name="site_tree_rows")


@pytest.fixture(name="site_tree")
def bare_site_tree_once(db, site_tree_rows):
    """``site_tree`` (the home page and the three index pages, no portfolio) built once per
    module and read afresh for each test. A module whose every database test uses the site tree
    and none the portfolio imports it with its rows (``from tests.module_data import
    bare_site_tree_once, site_tree_rows``)."""
    return fresh(site_tree_rows)
