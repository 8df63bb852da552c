"""An index page whose list is paginated: ``page/N/`` paths for the plain list (a static copy
can hold them), ``?…&page=N`` for a filtered one, and previous/next links for either.

Used by the case, service and expert indexes, so that an index page costs the same whatever
the number of pages it lists: each renders one page of cards. A page of a list whose filter is
known (``key``) is kept in memory until a change touches its kind of page or the tree, so a warm
index reads no list.
"""

import math

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404

from wagtail.url_routing import RouteResult

from serving.change_tags import listed_tags
from serving.content_version import memoize
from serving.routing import stored_pages

from .untrusted import parse_positive_int


class PagedIndexMixin:
    #: items a page of the list shows
    per_page = 24

    def unfiltered_count(self) -> int:
        """How many items the plain (unfiltered) list holds."""
        raise NotImplementedError

    def route(self, request, path_components):
        """``page/N/``: the plain list's page N as a path."""
        if len(path_components) == 2 and path_components[0] == "page":
            number = parse_positive_int(path_components[1])
            if number is not None and number > 1 and str(number) == path_components[1]:
                return RouteResult(self, kwargs={"page_number": number})
            raise Http404
        return super().route(request, path_components)

    def unfiltered_page_count(self) -> int:
        return max(1, math.ceil(self.unfiltered_count() / self.per_page))

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def export_subpaths(self) -> list[str]:
        """The extra pages a static copy needs: every page of the plain list."""
        return [f"page/{n}/" for n in range(2, self.unfiltered_page_count() + 1)]

    def list_page(self, items, request, page_number=None, *, key=None) -> PaginatorPage:
        """Page ``page_number`` (from the path) or ``?page=`` (untrusted: falls back to the first
        or last page) of ``items``; a path number past the last page is a 404, so a static copy
        never holds an empty page.

        ``key`` names a known filter state (not raw input): its count and pages are kept in
        memory until a change touches the items' kind or the tree."""
        paginator = Paginator(items, self.per_page)
        if key is None:
            if page_number and page_number > paginator.num_pages:
                raise Http404
            return paginator.get_page(page_number or request.GET.get("page"))
        tags = (f"page:{self.pk}", *listed_tags(items.model), "tree")
        paginator.count = memoize(("index-count", self.pk, *key), items.count, tags=tags)
        if page_number and page_number > paginator.num_pages:
            raise Http404
        try:
            number = paginator.validate_number(page_number or request.GET.get("page") or 1)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = paginator.num_pages
        ids = memoize(
            ("index-page", self.pk, *key, number),
            lambda: list(paginator.page(number).object_list.values_list("pk", flat=True)),
            tags=tags,
        )
        by_pk = stored_pages(items.model, ids)  # each page names itself: a new summary re-renders
        objects = [by_pk[pk] for pk in ids if pk in by_pk]
        return paginator._get_page(objects, number, paginator)

    def page_links(self, page_obj: PaginatorPage, request) -> dict:
        """``previous_url``/``next_url``, and ``filter_query`` (the request's query without the
        page): paths for the plain list, query strings for a filtered one."""
        query = request.GET.copy()
        query.pop("page", None)
        filter_query = query.urlencode()

        def link(number):
            return f"?{filter_query}&page={number}" if filter_query else self.page_url(number)

        return {
            "page_obj": page_obj,
            "filter_query": filter_query,
            "previous_url": link(page_obj.previous_page_number())
            if page_obj.has_previous()
            else "",
            "next_url": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        }
