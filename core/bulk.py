"""Insert many new rows of one model quickly: what ``bulk_create`` writes, without its SQL
compiler.

``bulk_create`` compiles every value of every object into the statement (a placeholder, a check
for expressions, the field's preparation) and sends one multi-row ``INSERT`` per batch: for an
import that writes about eight objects per row that compilation was most of the import's time
(about 60 % of the deals bench, 40 µs an object on SQLite). Here the statement is built once per
model and the values are prepared column by column with the fields' own ``pre_save`` and
``get_db_prep_save``; rows whose ids are not needed go in one ``executemany`` (SQLite and
psycopg reuse the prepared statement), rows whose ids are needed in multi-row ``INSERT …
RETURNING`` (SQLite ≥ 3.35, PostgreSQL), in the order given, as ``bulk_create`` relies on too.

Like ``bulk_create``: no ``save()``, no model signals, the objects are marked saved. Fields
that need their own SQL (``get_placeholder``, expressions as values) are handed to
``bulk_create`` instead.

:func:`insert_rows` takes the rows as ``{attname: value}`` dicts and makes no model instance at
all: at about 60 µs an instance (``Model.__init__`` and its ``pre_init``/``post_init`` signals)
that was a fifth of the deals import, which writes seven or eight objects a row.
"""

from django.db import connections, router
from django.db.models import Expression, Field, ForeignKey
from django.db.models import fields as plain
from django.utils import timezone

_PLAIN_PRE_SAVE = Field.pre_save
#: ``pre_save`` methods that :func:`insert_rows` does without an instance: the plain one, and the
#: date fields' (their value as it is, or the current time for ``auto_now``/``auto_now_add``)
_ROW_PRE_SAVES = (_PLAIN_PRE_SAVE, plain.DateField.pre_save, plain.DateTimeField.pre_save)
_TEXT = (str, type(None))
_INT = (int, type(None))
#: fields (of exactly these classes) whose preparation returns a value of these types unchanged
#: on every backend: such values skip ``get_db_prep_save`` (a function call or four per value)
_AS_IS = {
    plain.CharField: _TEXT,
    plain.TextField: _TEXT,
    plain.EmailField: _TEXT,
    plain.URLField: _TEXT,
    plain.SlugField: _TEXT,
    plain.IntegerField: _INT,
    plain.BigIntegerField: _INT,
    plain.SmallIntegerField: _INT,
    plain.PositiveIntegerField: _INT,
    plain.PositiveSmallIntegerField: _INT,
    plain.PositiveBigIntegerField: _INT,
    plain.AutoField: _INT,
    plain.BigAutoField: _INT,
    plain.BooleanField: (bool, type(None)),
}


def insert(objs: list, *, returning: bool = False, using: str | None = None) -> list:
    """INSERT ``objs`` (new instances of one model); ``returning``: set their primary keys."""
    if not objs:
        return objs
    model = type(objs[0])
    opts = model._meta
    using = using or router.db_for_write(model)
    connection = connections[using]
    fields = _fields(opts, with_pk=getattr(objs[0], opts.pk.attname) is not None)
    if (
        _needs_compiler(fields, connection, returning)
        or any(getattr(obj, opts.pk.attname) is not None for obj in objs)
        and opts.pk not in fields
    ):
        return model._default_manager.db_manager(using).bulk_create(objs)
    columns = [_column(field, objs, connection) for field in fields]
    if any(column is None for column in columns):
        return model._default_manager.db_manager(using).bulk_create(objs)
    ids = _execute(connection, opts, fields, columns, returning=returning and opts.pk not in fields)
    if ids is not None:
        for obj, pk in zip(objs, ids, strict=True):
            setattr(obj, opts.pk.attname, pk)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs


def insert_rows(model, rows: list[dict], *, returning: bool = False, using: str | None = None):
    """INSERT ``rows`` of ``model``, each a ``{attname: value}`` dict, as new records without
    making their model instances; a field a row leaves out takes its default (a callable one is
    called per row), ``auto_now``/``auto_now_add`` fields the current time, as ``save()`` would
    set them. Returns the new primary keys in the rows' order when ``returning`` (else None).
    Rows naming anything but concrete fields' attnames, or fields that need more than their
    own ``get_db_prep_save``, go through :func:`insert` with instances instead."""
    if not rows:
        return [] if returning else None
    opts = model._meta
    using = using or router.db_for_write(model)
    connection = connections[using]
    fields = _fields(opts, with_pk=opts.pk.attname in rows[0])
    names = {field.attname for field in fields}
    if (
        any(name not in names for row in rows for name in row)
        or _needs_compiler(fields, connection, returning)
        or any(type(field).pre_save not in _ROW_PRE_SAVES for field in fields)
    ):
        return _insert_instances(model, rows, returning=returning, using=using)
    columns = [_prepared(field, _row_values(field, rows), connection) for field in fields]
    if any(column is None for column in columns):
        return _insert_instances(model, rows, returning=returning, using=using)
    if opts.pk in fields:
        _execute(connection, opts, fields, columns, returning=False)
        return [row[opts.pk.attname] for row in rows] if returning else None
    return _execute(connection, opts, fields, columns, returning=returning)


def _insert_instances(model, rows: list[dict], *, returning: bool, using: str) -> list | None:
    objs = insert([model(**row) for row in rows], returning=returning, using=using)
    return [obj.pk for obj in objs] if returning else None


def _fields(opts, *, with_pk: bool) -> list:
    """The columns an INSERT writes: every concrete field but generated ones, and the primary
    key only when the rows give it."""
    return [
        field
        for field in opts.concrete_fields
        if not getattr(field, "generated", False) and (with_pk or field is not opts.pk)
    ]


def _needs_compiler(fields, connection, returning: bool) -> bool:
    """A field with its own SQL placeholder, or ids wanted from a database that cannot return
    them from a multi-row INSERT: left to ``bulk_create``."""
    return any(hasattr(field, "get_placeholder") for field in fields) or (
        returning and not connection.features.can_return_rows_from_bulk_insert
    )


def _sets_now(field) -> bool:
    return isinstance(field, plain.DateField) and bool(field.auto_now or field.auto_now_add)


def _row_values(field, rows: list[dict]) -> list:
    """The values of ``field`` in ``rows``, with what ``Model.__init__`` and ``save()`` put in
    for a field a row leaves out."""
    if _sets_now(field):
        now = timezone.now()
        now = now if isinstance(field, plain.DateTimeField) else timezone.localdate(now)
        return [now] * len(rows)
    name = field.attname
    if field.has_default() and callable(field.default):
        return [row[name] if name in row else field.get_default() for row in rows]
    default = field.get_default()
    return [row.get(name, default) for row in rows]


def _execute(connection, opts, fields, columns, *, returning: bool) -> list | None:
    """One INSERT statement for ``columns`` (one list of prepared values per field); the new
    primary keys in order when ``returning``."""
    rows = list(zip(*columns, strict=True))
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({})".format(
        quote(opts.db_table), ", ".join(quote(field.column) for field in fields)
    )
    one = "({})".format(", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        if not returning:
            cursor.executemany(f"{head} VALUES {one}", rows)
            return None
        size = max(1, (connection.features.max_query_params or 999) // max(len(fields), 1))
        size = min(size, 500)
        ids = []
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            sql = f"{head} VALUES {', '.join([one] * len(batch))} RETURNING {quote(opts.pk.column)}"
            cursor.execute(sql, [value for row in batch for value in row])
            ids.extend(row[0] for row in cursor.fetchall())
        return ids


def _column(field, objs, connection) -> list | None:
    """The values of ``field`` for ``objs`` as the database takes them (None: not plain)."""
    if type(field).pre_save is _PLAIN_PRE_SAVE:
        attname = field.attname
        raw = [
            obj.__dict__.get(attname) if attname in obj.__dict__ else getattr(obj, attname)
            for obj in objs
        ]
    else:  # auto_now_add and the like set the value on the object, as save() does
        raw = [field.pre_save(obj, True) for obj in objs]
    return _prepared(field, raw, connection)


def _prepared(field, raw: list, connection) -> list | None:
    """``raw`` values of ``field`` as the database takes them (None: an expression among them)."""
    if any(hasattr(value, "resolve_expression") or isinstance(value, Expression) for value in raw):
        return None
    prepare = field.get_db_prep_save
    target = field.target_field if type(field) is ForeignKey else field
    as_is = _AS_IS.get(type(target), ())
    return [value if type(value) in as_is else prepare(value, connection) for value in raw]
