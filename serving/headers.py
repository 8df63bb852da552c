"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The public policy (``CONTENT_SECURITY_POLICY``, django-csp) runs no inline script: public pages
are served from the page cache and the static export, where a per-request nonce cannot work.
Pages and forms call the live app (``PUBLIC_APP_URL``) for search suggestions and requests, so
its origin is added to ``connect-src`` and ``form-action``. Wagtail's admin runs inline scripts
and gets its own policy (``CONTENT_SECURITY_POLICY_ADMIN``) under ``/admin/``.

The middleware sits outside the page cache, so a page served from the cache carries the same
headers as a freshly rendered one; the static export writes them to a ``_headers`` file.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
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
        HEADER: _plain_policy(False, app_url),
        PERMISSIONS_HEADER: settings.PERMISSIONS_POLICY,
    }


def headers_file_text(app_url: str) -> str:
    """The public headers for every path, in the ``_headers`` format of Netlify and
    Cloudflare Pages (README shows the same for nginx)."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in public_headers(app_url).items()]
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=16)
def _plain_policy(admin: bool, app_url: str) -> str:
    """The policy of a response without a nonce or per-view changes, built once (building it
    costs about as much as a tenth of a cached page)."""
    if admin:
        return build_policy(
            config=default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        )
    return build_policy(update=_app_sources(app_url))


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _plain_policy.cache_clear()


PER_VIEW = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


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
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in PER_VIEW)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not (settings.DEBUG and response.status_code in (404, 500))
        )
        if plain:  # the common case, a cached page above all: django-csp's result, kept
            if HEADER not in response:
                admin = request.path_info.startswith(ADMIN_PREFIX)
                response[HEADER] = _plain_policy(admin, settings.PUBLIC_APP_URL)
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        else:
            response = super().process_response(request, response)
        if PERMISSIONS_HEADER not in response and settings.PERMISSIONS_POLICY:
            response[PERMISSIONS_HEADER] = settings.PERMISSIONS_POLICY
        return response
