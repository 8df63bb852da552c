"""Find the page for a URL without a query on a warm process (two on a cold one) instead of one
per tree level.

Which page a path leads to is kept until the tree changes; the page itself, with the relations
its template shows (``route_select_related`` on the page class), until a change names it. Each
request gets its own copy, so what a request computes on it (cached properties) stays with that
request."""

import copy

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from .content_version import memoize, peek


def _deepest_live(url_paths) -> dict | None:
    return (
        Page.objects.filter(url_path__in=url_paths, live=True)
        .order_by("-depth")
        .values("pk", "content_type_id", "url_path")
        .first()
    )


def page_for_path(root: Page, path_components: list[str]) -> tuple[Page, list[str]] | None:
    """The deepest live page on ``path_components`` below ``root``, as its specific class, and
    the components left over for that page's own ``route`` (``/cases/page/2/`` → the case index
    and ``["page", "2"]``); None when not even the first component is a page."""
    prefixes = {
        root.url_path + "/".join(path_components[:depth]) + "/": depth
        for depth in range(1, len(path_components) + 1)
    }
    row = memoize(("route", *prefixes), lambda: _deepest_live(prefixes), tags=("tree",))
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
    if model is None:
        return None
    page = stored_pages(model, [row["pk"]]).get(row["pk"])
    if page is None:
        return None
    return copy.copy(page), path_components[prefixes[row["url_path"]] :]


def stored_pages(model, pks) -> dict:
    """``{pk: page}`` of ``model`` from memory, each kept until a change names it; those not
    kept are read in one query, with the relations the page's template and cards show. Shared
    between requests: a caller that changes one takes a copy."""
    pages, missing = {}, []
    for pk in pks:
        page = peek(("page", pk), store="pages")
        if page is None:
            missing.append(pk)
        else:
            pages[pk] = page
    if missing:
        related = getattr(model, "route_select_related", ())
        for pk, page in model.objects.select_related(*related).in_bulk(missing).items():
            pages[pk] = memoize(
                ("page", pk), lambda page=page: page, tags=kept_page_tags(model, pk), store="pages"
            )
    return pages


def kept_page_tags(model, pk) -> tuple[str, ...]:
    """What a page object kept in memory depends on: the page, and what its model names for the
    pages its fields hold (``stored_page_tags``: the home page's buttons follow the tree)."""
    return (f"page:{pk}", *getattr(model, "stored_page_tags", ()))
