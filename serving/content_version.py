"""The content version: one number that changes whenever anything public pages show changes,
and a log of what each change touched.

Both live in the database (``serving.ContentVersion``, ``serving.ContentChange``) and are written
in the same transaction as the change, so every process sees the new number exactly when it sees
the new content. A request reads the number once; the full-page cache keys pages by it.

:func:`memoize` keeps site-wide values (the site, its settings, the menu, rendered cards) in this
process. Each value names the tags it depends on (``page:12``, ``cases``, ``menu``…; none means
"any change"). When the number moves, the process reads the log rows since the number it last
saw (one query) and drops only the values whose tags a change named: a case's publish re-renders
that case's card and the lists of cases, not the menu, the footer or the experts' cards. What a
change names is decided in :mod:`serving.change_tags`.

A value may outlive a change that names one of its tags (``memoize(keep=…)``): a search answer
depends on every page's text, yet an edit of a page that neither held nor now holds the query's
words leaves it as it was. Such a value, touched only by its ``soft`` tags, stays until next
asked for; then its check sees the changes since (``search.kept``) and it is kept or computed
again.
"""

from collections import defaultdict
from contextvars import ContextVar

from django.db import connection, transaction

_request_version: ContextVar[dict | None] = ContextVar("vitrina_content_version", default=None)
# The tag sets of the values being computed, outermost first: a value computed inside another
# (a card inside a list of cards) adds its tags to the outer one's.
_gathering: ContextVar[tuple[set, ...]] = ContextVar("vitrina_memo_gathering", default=())
#: entries per store and process; a full store starts afresh
LIMITS = {
    "values": 20_000,  # rendered fragments and site facts: a few dozen MB at most
    "large": 300,  # search answers (up to a thousand matches each): some tens of MB
    "pages": 3_000,  # page instances with their relations (serving.routing): some tens of MB
}
KEEP_CHANGES = 2_000  # log rows kept; a process further behind than this drops everything
ANY = "*"  # a change's tag for "everything"; also the dependency of values that name none

_memo: dict = {}


def forget_memoized() -> None:
    """Drop every memoized value; the next request starts from the version it reads."""
    _memo.update(
        seen=None,
        uncommitted=set(),
        by_tag=defaultdict(set),
        log={},
        keepers={},  # (store, key) → (soft tags, check) of values that may outlive a change
        pending={},  # (store, key) → the changes its check has yet to see
        **{store: {} for store in LIMITS},
    )


forget_memoized()

# Which models public pages show: each app declares its own (register_content_app in its
# AppConfig.ready); serving names none of them.
_content_apps: set[str] = set()
_not_content: set[tuple[str, str]] = set()


def register_content_app(app_label: str, *, not_content: tuple[str, ...] = ()) -> None:
    """Saves and deletes of ``app_label``'s models change what public pages show, except the
    models named in ``not_content`` (bookkeeping such as search statistics); renditions never do,
    they are made while rendering."""
    _content_apps.add(app_label)
    _not_content.update((app_label, name.lower()) for name in not_content)


def is_content_model(model) -> bool:
    meta = model._meta
    return (
        model.__module__ != "__fake__"  # historical models of a running migration
        and meta.app_label in _content_apps
        and (meta.app_label, meta.model_name) not in _not_content
        and not meta.model_name.endswith("rendition")
    )


def _table(name: str) -> str:
    from django.apps import apps

    return apps.get_model("serving", name)._meta.db_table


def _read() -> int:
    """One plain statement: on a cached page it is the only query, and building it through the
    ORM cost more than the rest of the hit."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {_table('ContentVersion')} ORDER BY id LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def content_version() -> int:
    """The current version; read once per request, on every call outside one."""
    holder = _request_version.get()
    if holder is None:
        return _read()
    if "value" not in holder:
        holder["value"] = _read()
    return holder["value"]


def bump_content_version(tags=(ANY,)) -> None:
    """Whatever public pages show has changed; ``tags`` say what (see :mod:`serving.change_tags`)."""
    tags = set(tags) or {ANY}
    version_table, change_table = _table("ContentVersion"), _table("ContentChange")
    with connection.cursor() as cursor:
        # The row lock taken by the UPDATE orders concurrent changes: versions commit in turn.
        cursor.execute(f"UPDATE {version_table} SET value = value + 1 WHERE id = 1")  # noqa: S608
        if not cursor.rowcount:  # the migration makes the row; a flushed test database has none
            # two processes may both find it missing: the second insert does nothing, and both
            # count their change on the row
            cursor.execute(
                f"INSERT INTO {version_table} (id, value) VALUES (1, 0) "  # noqa: S608
                "ON CONFLICT (id) DO NOTHING"
            )
            cursor.execute(f"UPDATE {version_table} SET value = value + 1 WHERE id = 1")  # noqa: S608
        cursor.execute(f"SELECT value FROM {version_table} WHERE id = 1")  # noqa: S608
        version = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {change_table} (version, tags) VALUES (%s, %s)",  # noqa: S608
            [version, " ".join(sorted(tags))],
        )
        if version % 100 == 0:
            prune = f"DELETE FROM {change_table} WHERE version < %s"  # noqa: S608
            cursor.execute(prune, [version - KEEP_CHANGES])
    holder = _request_version.get()
    if holder is not None:
        holder.pop("value", None)
        holder["changed"] = True  # nothing computed later in this request is kept
    _drop(tags, [tags])
    # Until the change commits, what this process computes may show it; a rollback (no commit
    # came before the transaction ended) makes the process start afresh (_catch_up).
    token = object()
    _memo["uncommitted"].add(token)
    transaction.on_commit(lambda: _memo["uncommitted"].discard(token))


def _drop(tags, changes=None) -> None:
    """Drop the values depending on ``tags``; a value that names all of those it depends on
    among its ``soft`` tags is kept until next asked for, when its check sees ``changes``."""
    if ANY in tags:
        # every value goes; where the process stands, and what it has not committed, stay
        seen, uncommitted = _memo["seen"], _memo["uncommitted"]
        forget_memoized()
        _memo.update(seen=seen, uncommitted=uncommitted)
        return
    by_tag, keepers = _memo["by_tag"], _memo["keepers"]
    hit = set()
    for tag in (*tags, ANY):
        hit.update(by_tag.pop(tag, ()))
    for entry in hit:
        store, key = entry
        found = _memo[store].get(key)
        if found is None:
            continue
        named = found[1].intersection(tags)
        keeper = keepers.get(entry)
        if keeper is not None and changes is not None and named <= keeper[0]:
            waiting = _memo["pending"].setdefault(entry, [])
            waiting.extend(changes)
            if len(waiting) <= KEEP_CHANGES:  # a value nobody asks for is not kept forever
                for tag in named:
                    by_tag[tag].add(entry)
                continue
        _forget(entry)


def _forget(entry) -> None:
    store, key = entry
    _memo[store].pop(key, None)
    _memo["keepers"].pop(entry, None)
    _memo["pending"].pop(entry, None)


def _clear(store: str) -> None:
    """Empty a full store, and its entries from the tag index."""
    _memo[store].clear()
    for extra in ("keepers", "pending"):
        for entry in [entry for entry in _memo[extra] if entry[0] == store]:
            del _memo[extra][entry]
    for tag, entries in list(_memo["by_tag"].items()):
        kept = {entry for entry in entries if entry[0] != store}
        if kept:
            _memo["by_tag"][tag] = kept
        else:
            del _memo["by_tag"][tag]


def _catch_up(version: int) -> None:
    """Drop what the changes since the version this process last saw touched."""
    if _memo["uncommitted"] and not connection.in_atomic_block:
        forget_memoized()  # a change of this process was rolled back: values may show it
    seen = _memo["seen"]
    if seen == version:
        return
    changes = None if seen is None else changes_between(seen, version)
    if changes is None:  # a cold process, a pruned log, or a database rolled back (tests)
        forget_memoized()
    else:
        _drop({tag for tags in changes for tag in tags}, changes)
    _memo["seen"] = version


def changes_between(since: int, until: int) -> list[set[str]] | None:
    """The tags of each change after version ``since`` up to ``until`` (one query), or None when
    the log no longer holds them all (pruned, written before the log existed, or ``until`` is
    older than ``since``: a database rolled back)."""
    if until < since:
        return None
    read = _memo["log"]  # rows this process read already (the vocabulary asks after _catch_up)
    wanted = range(since + 1, until + 1)
    if all(version in read for version in wanted):
        return [read[version] for version in wanted]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, tags FROM {_table('ContentChange')} "  # noqa: S608
            "WHERE version > %s AND version <= %s",
            [since, until],
        )
        rows = cursor.fetchall()
    if len(rows) != until - since:
        return None
    if len(read) > KEEP_CHANGES:
        read.clear()
    read.update((version, set(tags.split())) for version, tags in rows)
    return [read[version] for version in wanted]


def memoize(key, compute, *, large: bool = False, tags=None, store: str = "", keep=None):
    """``compute()``, kept in this process until a change touches one of ``tags`` (any change
    when there are none; a callable gets the value and answers them).

    ``store`` names one of :data:`LIMITS` (rendered fragments and site facts by default);
    ``large=True`` is the store of search answers.

    ``keep=(soft, checker)``: a change that touches only ``soft`` tags among those the value
    depends on does not drop it at once; ``checker(value)`` gives a check (or None: drop as
    usual) that is asked, when the value is next wanted, whether it outlives the changes since
    (their tag sets, oldest first)."""
    _catch_up(content_version())
    store = store or ("large" if large else "values")
    values = _memo[store]
    entry = (store, key)
    changes = _memo["pending"].pop(entry, None)
    if changes is not None:
        keeper = _memo["keepers"].get(entry)  # another thread may have dropped it meanwhile
        if keeper is None or not keeper[1](changes):
            _forget(entry)
    if key in values:
        value, depends = values[key]
        _gathered(depends)
        return value
    gathered: set[str] = set()
    token = _gathering.set((*_gathering.get(), gathered))
    try:
        value = compute()
    finally:
        _gathering.reset(token)
    depends = frozenset(tags(value) if callable(tags) else tags or (ANY,)) | gathered
    _gathered(depends)
    holder = _request_version.get()
    if holder is not None and holder.get("changed"):
        return value  # this request changed content: its transaction may yet roll back
    if len(values) >= LIMITS[store]:
        _clear(store)
    values[key] = (value, depends)
    for tag in depends:
        _memo["by_tag"][tag].add(entry)
    check = keep[1](value) if keep else None
    if check is not None:
        _memo["keepers"][entry] = (frozenset(keep[0]), check)
    return value


def peek(key, *, store: str = "values"):
    """The value kept under ``key``, or None, without computing it (as :func:`memoize` would
    return it: its tags count for an enclosing value)."""
    _catch_up(content_version())
    found = _memo[store].get(key)
    if found is None or (store, key) in _memo["pending"]:  # only memoize asks a kept value
        return None
    value, depends = found
    _gathered(depends)
    return value


def _gathered(depends) -> None:
    for outer in _gathering.get():
        outer.update(depends)


class ContentVersionMiddleware:
    """Read the content version at most once per request, when something first asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set({})
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)
