"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The public policy (``CONTENT_SECURITY_POLICY``, django-csp) runs no inline script: public pages
are served from the page cache and the static export, where a per-request nonce cannot work.
Pages and forms call the live app (``PUBLIC_APP_URL``) for search suggestions and requests, so
its origin is added to ``connect-src`` and ``form-action``. Wagtail's admin runs inline scripts
and gets its own policy (``CONTENT_SECURITY_POLICY_ADMIN``) under ``/admin/``.

The middleware sits outside the page cache, so a page served from the cache carries the same
headers as a freshly rendered one; the static export writes them to a ``_headers`` file.
"""

from urllib.parse import urlsplit

from django.conf import settings

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy, default_config

ADMIN_PREFIX = "/admin/"
APP_DIRECTIVES = ("connect-src", "form-action")
PERMISSIONS_HEADER = "Permissions-Policy"
HEADERS_FILE = "_headers"


def app_origin(app_url: str) -> str:
    """``https://app.example.com`` from ``https://app.example.com/any/path``; "" for none."""
    parts = urlsplit(app_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def _app_sources(app_url: str) -> dict | None:
    origin = app_origin(app_url)
    return {name: [origin] for name in APP_DIRECTIVES} if origin else None


def public_headers(app_url: str) -> dict[str, str]:
    """The security headers of a public page whose forms and search call ``app_url``."""
    return {
        HEADER: build_policy(update=_app_sources(app_url)),
        PERMISSIONS_HEADER: settings.PERMISSIONS_POLICY,
    }


def headers_file_text(app_url: str) -> str:
    """The public headers for every path, in the ``_headers`` format of Netlify and
    Cloudflare Pages (README shows the same for nginx)."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in public_headers(app_url).items()]
    return "\n".join(lines) + "\n"


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy, the app's origin in the public
    policy, and the Permissions-Policy header."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            if parts.config is None:
                parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif parts.update is None:
            parts.update = _app_sources(settings.PUBLIC_APP_URL)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if PERMISSIONS_HEADER not in response and settings.PERMISSIONS_POLICY:
            response[PERMISSIONS_HEADER] = settings.PERMISSIONS_POLICY
        return response
