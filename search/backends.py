"""``"BACKEND": "search.backends"``: Wagtail's database search backend, ranked in one pass on
SQLite (:mod:`search.sqlite_ranking`); PostgreSQL, MySQL and SQLite without FTS5 get Wagtail's
own database backend unchanged."""

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_ranking import RankedSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RankedSQLiteSearchBackend(params)
    return backend
