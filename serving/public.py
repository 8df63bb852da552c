"""Site-wide facts every public page needs, kept in memory per content version.

Wagtail asks the database for them on every request: which site a host is, its root page,
which sections are private (once per ``.public()`` queryset and once more before serving), the
menu. They change only when content changes, so they are :func:`memoize`-d under the content
version and cost no query on a warm process.
"""

from functools import cache, reduce
from operator import or_

from django.apps import apps
from django.db.models import F, Q

from wagtail.models import Page, PageViewRestriction, Site

from .content_version import memoize
from .routing import kept_page_tags

#: Newest first, the same on every database: pages never published (imported or built by code)
#: last, where PostgreSQL would put them first and SQLite last; ties by id so pages never swap.
NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-pk")


def _restricted_paths() -> tuple[str, ...]:
    restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
    rows = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of_id__in=restricted))
    return tuple(rows.values_list("path", flat=True))


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction (and of their aliases)."""
    return memoize("restricted-paths", _restricted_paths, tags=("tree",))


def public(queryset):
    """``queryset.public()`` without its query for the restrictions."""
    paths = restricted_paths()
    if not paths:
        return queryset
    return queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


@cache
def _unlisted_rules() -> tuple[tuple[type, Q], ...]:
    """``(model, condition)`` for each page model that declares ``unlisted_when``."""
    return tuple(
        (model, model.unlisted_when)
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "unlisted_when", None) is not None
    )


def listable(source):
    """What a visitor may be shown of pages, anywhere: live, public (no view restriction on
    them or an ancestor) and not kept out of public lists by their model's ``unlisted_when``
    (an internal-only case).

    The one rule for public pages' own copies, lists, related pages, filters, facets and API
    relations. ``source`` is a page model, a related manager or a page queryset; the answer is a
    queryset of the same model (other models' conditions become a subquery, no extra query).
    """
    queryset = source.objects.all() if isinstance(source, type) else source.all()
    queryset = public(queryset.live())
    model = queryset.model
    for declaring, condition in _unlisted_rules():
        if issubclass(model, declaring):
            queryset = queryset.exclude(condition)
        elif issubclass(declaring, model):
            hidden = declaring.objects.filter(condition).values("pk")
            queryset = queryset.exclude(pk__in=hidden)
    return queryset


def is_restricted(page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


class PublicPageMixin:
    """Skips Wagtail's restriction query before serving a page no restriction covers."""

    def get_view_restrictions(self):
        if is_restricted(self) or getattr(self, "alias_of_id", None):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def _find_site(hostname: str, port: int):
    site = Site._find_for_request(_HostOnly(hostname, port))
    if site is not None:
        site.root_page = site.root_page.specific
    return site


class _HostOnly:
    """Just enough of a request for ``Site._find_for_request``."""

    def __init__(self, hostname, port):
        self._host, self._port = hostname, port

    def _get_raw_host(self):
        return self._host

    def get_port(self):
        return self._port


def _site_tags(site) -> tuple[str, ...]:
    """The site is served with its root page: a change of that page or the menu drops it, and
    what the root page's model names for the pages its fields hold (``stored_page_tags``)."""
    if not site:
        return ("menu",)
    return ("menu", *kept_page_tags(type(site.root_page), site.root_page_id))


def site_for_request(request):
    """``Site.find_for_request`` (root page included, as its specific class) from memory."""
    if not hasattr(request, "_wagtail_site"):
        host, port = request._get_raw_host(), request.get_port()
        request._wagtail_site = memoize(
            ("site", host, port), lambda: _find_site(host, port), tags=_site_tags
        )
    return request._wagtail_site


class SiteMiddleware:
    """Find the request's site once per content version instead of once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for_request(request)
        return self.get_response(request)


def menu_pages(site) -> list:
    """Live public children of the site's root marked "show in menus"."""
    return memoize(
        ("menu", site.pk),
        lambda: list(public(site.root_page.get_children().live().in_menu()).specific()),
        tags=("menu",),
    )


def ancestors(page) -> list:
    """The ancestors of ``page`` below the tree root, for the breadcrumb trail."""
    if page is None or page.depth <= 2:
        return []
    return memoize(
        ("ancestors", page.path),
        lambda: list(page.get_ancestors().filter(depth__gt=1)),
        tags=("tree", "menu"),
    )
