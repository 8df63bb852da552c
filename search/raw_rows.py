"""A queryset's rows as the database gives them, for the ranking statements of both database
backends (``search.sqlite_ranking``, ``search.postgres_ranking``): text ids and float scores need
none of the ORM's per-row converters (a third of a broad search's Python)."""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def raw_rows(queryset) -> list[tuple]:
    """The rows of ``queryset``'s statement, unconverted; none when no row can pass its filter
    (an empty list of ids or content types)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
