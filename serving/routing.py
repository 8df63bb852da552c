"""Find the page for a URL without a query on a warm process (two on a cold one) instead of one
per tree level.

Which page a path leads to is kept until the tree changes; the page itself, with the relations
its template shows (``route_select_related`` on the page class), until a change names it. Each
request gets its own copy, so what a request computes on it (cached properties) stays with that
request."""

import copy
from functools import cache, lru_cache

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from .change_tags import instance_tags
from .content_version import ANY, is_content_model, memoize, peek


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
    kept are read in one query, with the relations the page's template and cards show (those
    kept in memory, :func:`kept_related`, are taken from there). Shared between requests: a
    caller that changes one takes a copy."""
    pages, missing = {}, []
    for pk in pks:
        page = peek(("page", pk), store="pages")
        if page is None:
            missing.append(pk)
        else:
            pages[pk] = page
    if missing:
        read = _read(model, list(dict.fromkeys(missing)))
        kept_related(_relations(model)[1], list(read.values()))
        for pk, page in read.items():
            pages[pk] = memoize(
                ("page", pk), lambda page=page: page, tags=kept_page_tags(model, pk), store="pages"
            )
    return pages


def _read(model, pks: list) -> dict:
    """``{pk: page}`` of ``model`` in one query, with the relations not kept apart joined.

    A page is read again after each change that names it, and compiling the query (some sixty
    columns) costs twice what the rest of the read does; so the statement is compiled once per
    process (:func:`_statement`) and run as a raw query, which makes the same instances (each
    column converted, a stream field's value) as the queryset would. The ids are padded to one
    of a few counts by repeating the last, so that a page read alone after a publish takes the
    statement the first list of such pages compiled."""
    joined = _relations(model)[0]
    queryset = model.objects.select_related(*joined).order_by()  # a dict keeps no order
    size = next((size for size in STATEMENT_SIZES if size >= len(pks)), None)
    sql = None if joined or size is None else _statement(model, size, queryset.db)
    if sql is None:
        return queryset.in_bulk(pks)
    padded = pks + pks[-1:] * (size - len(pks))
    return {page.pk: page for page in queryset.raw(sql, padded)}


#: how many ids a compiled statement takes (more pages at once take the queryset)
STATEMENT_SIZES = (8, 32)


@lru_cache(maxsize=64)
def _statement(model, size: int, using: str) -> str | None:
    """The SQL that reads up to ``size`` pages of ``model`` by id (``size`` ids, its only
    parameters, in order), or None when the compiled query takes others."""
    ids = list(range(1, size + 1))
    queryset = model.objects.using(using).order_by().filter(pk__in=ids)
    sql, params = queryset.query.sql_with_params()
    return sql if list(params) == ids else None


@cache
def _relations(model) -> tuple[tuple[str, ...], tuple]:
    """``route_select_related`` split into the relations joined in the page's query and the
    foreign keys to content that is not a page (images, snippets), kept in memory apart: a
    republished page is read without the joins (each a dozen columns to compile) when its
    image and industry are kept already."""
    joined, kept = [], []
    for name in getattr(model, "route_select_related", ()):
        field = None if "__" in name else model._meta.get_field(name)
        if field is not None and field.many_to_one and _keepable(field.related_model):
            kept.append(field)
        else:
            joined.append(name)
    return tuple(joined), tuple(kept)


def _keepable(model) -> bool:
    """Kept apart only when its saves name what they change (a content model) and it is no
    page (a page's own tags and ``stored_page_tags`` say what a kept page depends on)."""
    return is_content_model(model) and not issubclass(model, Page)


def kept_related(fields, instances) -> None:
    """Give each of ``instances`` the objects its foreign keys ``fields`` point to, as
    ``select_related`` would: from memory, the missing ones read in one query per model and
    kept until a change names them."""
    by_model: dict = {}
    for field in fields:
        by_model.setdefault(field.related_model, []).append(field)
    for model, model_fields in by_model.items():
        label = model._meta.label_lower
        wanted = {getattr(obj, field.attname) for field in model_fields for obj in instances}
        found, missing = {}, []
        for pk in wanted - {None}:
            obj = peek(("related", label, pk), store="pages")
            if obj is None:
                missing.append(pk)
            else:
                found[pk] = obj
        if missing:
            for pk, obj in model._base_manager.order_by().in_bulk(missing).items():
                found[pk] = memoize(
                    ("related", label, pk),
                    lambda obj=obj: obj,
                    tags=_related_tags(obj),
                    store="pages",
                )
        for field in model_fields:
            for instance in instances:
                field.set_cached_value(instance, found.get(getattr(instance, field.attname)))


def _related_tags(obj) -> set[str]:
    """What a change of ``obj`` names; one that names everything (an image: images declare no
    ``change_tags``) drops every kept value anyway, so the object names its model alone, which
    no change names by itself (depending on "any change" would drop it on every change)."""
    tags = instance_tags(obj)
    return {f"related:{obj._meta.label_lower}"} if ANY in tags else tags


def kept_page_tags(model, pk) -> tuple[str, ...]:
    """What a page object kept in memory depends on: the page, and what its model names for the
    pages its fields hold (``stored_page_tags``: the home page's buttons follow the tree)."""
    return (f"page:{pk}", *getattr(model, "stored_page_tags", ()))
