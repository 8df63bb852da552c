"""Which sites may talk to the app: cross-site protection of the request form, CORS for search.

Cached and exported pages cannot carry a per-visitor CSRF token, so the form is CSRF-exempt and
protected instead by: the browser's ``Origin`` (or ``Referer``) having to be this site, the public
app URL or a trusted origin; the signed "form shown at" stamp; the honeypot; the per-IP rate limit.
A forged cross-site POST from a browser always carries a foreign Origin and is refused.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _allowed_hosts(request) -> set[str]:
    hosts = {request.get_host().lower()}
    for url in [settings.PUBLIC_SITE_URL, settings.PUBLIC_APP_URL, *settings.CSRF_TRUSTED_ORIGINS]:
        if url:
            hosts.add(urlsplit(url).netloc.lower())
    return hosts


def same_site(request) -> bool:
    """False only when the browser says the form was posted from another site."""
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not origin or origin == "null":
        return origin != "null"
    return _is_ours(origin, request)


def _is_ours(url: str, request) -> bool:
    return urlsplit(url).netloc.lower() in _allowed_hosts(request)


def cors_origin(request) -> str | None:
    """The request's ``Origin`` when it is one of ours (an exported copy on a CDN, say), else None."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null" and _is_ours(origin, request):
        return origin
    return None
