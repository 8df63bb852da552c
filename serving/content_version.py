"""The content version: one number that changes whenever anything public pages show changes.

It lives in the database (``serving.ContentVersion``) and is bumped in the same transaction as the
change, so every process sees the new number exactly when it sees the new content. A request
reads it once; the full-page cache keys pages by it, and :func:`memoize` keeps site-wide values
(the site, its settings, the menu, the restricted sections) in this process until it changes.
"""

from contextvars import ContextVar

from django.db import connection
from django.db.models import F

_request_version: ContextVar[dict | None] = ContextVar("vitrina_content_version", default=None)
_memo: dict = {"version": None, "values": {}, "large": {}}
MEMO_LIMIT = 20_000  # entries per process: a few dozen MB of rendered fragments at most
LARGE_MEMO_LIMIT = 300  # search answers (up to a thousand matches each): some tens of MB

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


def _read() -> int:
    """One plain statement: on a cached page it is the only query, and building it through the
    ORM cost more than the rest of the hit."""
    from serving.models import ContentVersion

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {ContentVersion._meta.db_table} ORDER BY id LIMIT 1")  # noqa: S608
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


def bump_content_version(**kwargs) -> None:
    """Signal receiver: whatever public pages show has changed."""
    from serving.models import ContentVersion

    if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
        ContentVersion.objects.bulk_create([ContentVersion(pk=1, value=1)], ignore_conflicts=True)
    holder = _request_version.get()
    if holder is not None:
        holder.pop("value", None)
    forget_memoized()


def bump_for_content_models(sender, **kwargs) -> None:
    """Any save or delete of a content model; renditions are made while rendering, so they don't count."""
    meta = sender._meta
    if (
        sender.__module__ != "__fake__"  # historical models of a running migration
        and meta.app_label in _content_apps
        and (meta.app_label, meta.model_name) not in _not_content
        and not meta.model_name.endswith("rendition")
    ):
        bump_content_version()


def memoize(key, compute, *, large: bool = False):
    """``compute()``, kept in this process for as long as the content version stays the same.

    ``large`` values (search answers) go to a store of a few hundred entries, the rest (rendered
    fragments, site facts) to one of tens of thousands; a full store starts afresh."""
    version = content_version()
    if _memo["version"] != version:
        forget_memoized()
        _memo["version"] = version
    values = _memo["large" if large else "values"]
    if key not in values:
        if len(values) >= (LARGE_MEMO_LIMIT if large else MEMO_LIMIT):
            values.clear()
        values[key] = compute()
    return values[key]


def forget_memoized() -> None:
    _memo["version"], _memo["values"], _memo["large"] = None, {}, {}


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
