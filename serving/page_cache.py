"""Full-page cache for anonymous visitors, on Django's cache framework (``CACHES["pages"]``).

A page is stored per host, language, path and the query parameters it uses, under a *content
version*; any change to content that public pages show (publishing, unpublishing, moving or
deleting a page, editing a snippet, an image or the site settings) bumps the version, so the
next request renders afresh. Never cached: signed-in users, anything with a session, the admin,
documents, static files, views marked ``page_cache_exempt`` (the API, proposals, request
forms, search), previews, non-200 answers and responses
that set a cookie.

Query parameters: a page class names the ones it reads in ``cache_query_params`` (the case
index its filters, a case none). Anything else in the URL (``utm_source``, ``fbclid``, junk) is
left out of the key and out of the request the page is rendered for, so a tagged landing visit
gets, and fills, the clean URL's copy: a million query strings cost one entry. A known parameter
the page does not read, and any query string on a view that declares nothing (the sitemap's
``?p=``), is served uncached. The ``pages`` cache is bounded in bytes
(``PAGE_CACHE_MAX_BYTES``, see :mod:`serving.cache_backends`), least recently used out first.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import QueryDict
from django.utils.translation import get_language

from wagtail import hooks

from .content_version import content_version

# Addresses of Wagtail's admin and documents and of files: no project view. Project views that
# must never be kept say so themselves (``page_cache_exempt``).
WAGTAIL_PREFIXES = ("/admin/", "/documents/")


def skip_prefixes() -> tuple[str, ...]:
    return (*WAGTAIL_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)


def page_cache_exempt(view):
    """A view whose answers the page cache must never keep (a form, search, a private link).

    It marks the response only: headers stay what the view sets (``never_cache`` would add
    ``Cache-Control: private, no-store``, which these answers never had)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_exempt = True
        return response

    return wrapped


CACHE_ALIAS = "pages"


def page_store():
    """The cache pages are kept in: ``CACHES["pages"]``, or the default cache without one."""
    return caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]


@functools.cache
def known_parameters() -> frozenset[str]:
    """Every query parameter some page class reads (``cache_query_params``)."""
    from wagtail.models import get_page_models

    return frozenset(
        name
        for model in get_page_models()
        for name in (getattr(model, "cache_query_params", None) or ())
    )


def canonical_query(query: QueryDict, names) -> QueryDict:
    """Only the parameters in ``names``, sorted by name, each with its values in order."""
    clean = QueryDict(mutable=True)
    for name in sorted(name for name in query if name in names):
        clean.setlist(name, query.getlist(name))
    clean._mutable = False
    return clean


def _key(request, query: str) -> str:
    raw = f"{content_version()}|{request.get_host()}|{get_language()}|{request.path}?{query}"
    return "vitrina:page:" + hashlib.sha256(raw.encode(errors="backslashreplace")).hexdigest()


def _cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(skip_prefixes()) or "preview" in request.GET:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or carrying messages: render for this person
    return not request.user.is_authenticated


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not getattr(response, "page_cache_exempt", False)
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-cache" not in control
        and "no-store" not in control
    )


@hooks.register("before_serve_page")
def serve_with_used_parameters(page, request, args, kwargs):
    """For a request the page cache looks after, render the page from the parameters it
    declares only, in canonical order: the answer is then the clean URL's, fit to be kept."""
    if getattr(request, "page_cache_lookup", None) is None:
        return
    used = getattr(page, "cache_query_params", None)
    if used is None:
        return
    request.page_cache_params = frozenset(used)
    request.GET = canonical_query(request.GET, used)
    request.META["QUERY_STRING"] = request.GET.urlencode()


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache (``X-Page-Cache: hit``).

    An entry is ``(parameters the page declared or None, response)``; the response is kept
    whole (status, every header, body) and served as it was stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        store = page_store()
        lookup = canonical_query(request.GET, known_parameters())
        had_query = bool(request.GET)
        key = _key(request, lookup.urlencode())
        entry = store.get(key)
        if entry is not None:
            declared, cached = entry
            if declared is not None or not had_query:
                cached["X-Page-Cache"] = "hit"
                return cached
        request.page_cache_lookup = lookup
        response = self.get_response(request)
        declared = getattr(request, "page_cache_params", None)
        # A view that names no parameters may read any; a page must read every one in the key.
        fits = not had_query if declared is None else set(lookup) <= declared
        # Store only if no content changed while rendering (the key would no longer match it).
        if fits and _cacheable_response(response) and _key(request, lookup.urlencode()) == key:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            store.set(key, (declared, response), settings.PAGE_CACHE_SECONDS)
        return response
