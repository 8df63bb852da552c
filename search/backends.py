"""``"BACKEND": "search.backends"``: Wagtail's database search backend over analysed text.

SQLite with FTS5 and PostgreSQL index the stems :mod:`search.analysis` gives (``analyses_text``:
queries must be analysed the same way, see ``search.query``), so word forms, ё/е and tokens
such as S/4HANA behave the same on both; SQLite also ranks in one pass
(:mod:`search.sqlite_ranking`). MySQL and SQLite without FTS5 get Wagtail's own database backend
unchanged (raw text, no ``analyses_text``)."""

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_ranking import RankedSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RankedSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from .db_index import AnalysedPostgresSearchBackend

        return AnalysedPostgresSearchBackend(params)
    return backend
