"""Full-page cache for anonymous visitors, on Django's cache framework.

A page is stored per host, language and full path under a *content version*; any change to
content that public pages show (publishing, unpublishing, moving or deleting a page, editing a
snippet, an image or the site settings) bumps the version, so the next request renders afresh.
Never cached: signed-in users, anything with a session, the admin, documents, the API, proposals,
request forms, search, previews, non-200 answers and responses that set a cookie.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from .content_version import content_version

SKIP_PREFIXES = (
    "/admin/",
    "/documents/",
    "/api/",
    "/p/",
    "/requests/",
    "/search/",
    "/static/",
    "/media/",
)


def _key(request) -> str:
    raw = f"{content_version()}|{request.get_host()}|{get_language()}|{request.get_full_path()}"
    return "vitrina:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIP_PREFIXES) or "preview" in request.GET:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or carrying messages: render for this person
    return not request.user.is_authenticated


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-cache" not in control
        and "no-store" not in control
    )


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache (``X-Page-Cache: hit``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        # Store only if no content changed while rendering (the key would no longer match it).
        if _cacheable_response(response) and _key(request) == key:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
