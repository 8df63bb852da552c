"""The portfolio's index page: the list of public cases, its filters and its pages."""

import math

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from core.models import SeoMixin
from core.untrusted import parse_positive_int

#: Cases a page of the list shows.
PER_PAGE = 12


class CaseIndexPage(SeoMixin, Page):
    """The portfolio: public cases, filterable by service, industry and year, paginated."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1
    #: The filters and the filtered list's page number (``serving.page_cache`` keys on these).
    cache_query_params = ("industry", "page", "service", "year")

    class Meta:
        verbose_name = _("case index page")

    def route(self, request, path_components):
        """``page/N/``: the unfiltered list's page N as a path, so a static export can hold it."""
        if len(path_components) == 2 and path_components[0] == "page":
            number = parse_positive_int(path_components[1])
            if number is not None and number > 1 and str(number) == path_components[1]:
                return RouteResult(self, kwargs={"page_number": number})
            raise Http404
        return super().route(request, path_components)

    def unfiltered_page_count(self) -> int:
        from ..selectors import case_ids_newest_first

        return max(1, math.ceil(len(case_ids_newest_first(index=self)) / PER_PAGE))

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def export_subpaths(self) -> list[str]:
        """The extra pages a static copy needs: every page of the unfiltered list."""
        return [f"page/{n}/" for n in range(2, self.unfiltered_page_count() + 1)]

    def get_context(self, request, *args, page_number=None, **kwargs):
        """The filtered list's page: filters in ``cases.filters``, reads in ``cases.selectors``
        (imported here: they import this module's models)."""
        from ..selectors import case_filter_choices, case_filter_set, case_list_page

        context = super().get_context(request, *args, **kwargs)
        filters = case_filter_set(index=self, data=request.GET)
        page_obj = case_list_page(
            index=self,
            filters=filters,
            number=page_number or request.GET.get("page"),
            from_path=bool(page_number),
            per_page=PER_PAGE,
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(self._page_links(page_obj, query.urlencode()))
        context.update(
            cases=page_obj.object_list,
            page_obj=page_obj,
            filters=filters.state(),
            filter_query=query.urlencode(),
            **case_filter_choices(),
        )
        return context

    def _page_links(self, page_obj, filter_query: str) -> dict:
        """Previous/next links: paths for the plain list, query strings for a filtered one."""

        def link(number):
            if filter_query:
                return f"?{filter_query}&page={number}"
            return self.page_url(number)

        return {
            "previous_url": link(page_obj.previous_page_number())
            if page_obj.has_previous()
            else "",
            "next_url": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        }
