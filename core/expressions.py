"""SQL expressions shared by apps that may not import each other (``leads`` indexes one that
``analytics`` queries: the expression of an index must be the query's own to be used)."""

from django.db.models import FloatField, Func


class Seconds(Func):
    """``end - start`` in seconds (a float), in SQL on both databases: Django's own datetime
    subtraction on SQLite calls a Python function per row, several times slower here."""

    arity = 2
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):
        # a float, not EXTRACT's numeric: faster to sort and to average
        extra.setdefault("template", "EXTRACT(EPOCH FROM (%(expressions)s))::double precision")
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, connection, **extra)
