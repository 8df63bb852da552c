"""The portfolio's index page: the list of public cases, its filters and its pages."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from catalog.models import ServicePage
from core.models import SeoMixin
from core.untrusted import parse_positive_int
from serving.content_version import memoize
from serving.public import NEWEST_FIRST, listable

from .snippets import Industry

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

    def _newest_first(self):
        return CasePage.listable().child_of(self).order_by("-year", *NEWEST_FIRST)

    def _plain_order(self) -> list[int]:
        """Ids of the unfiltered list in order: a site fact, sorted once per content version, so
        page N reads only its twelve cases however many there are."""
        return memoize(
            ("case-order", self.pk), lambda: list(self._newest_first().values_list("pk", flat=True))
        )

    def unfiltered_page_count(self) -> int:
        return max(1, math.ceil(len(self._plain_order()) / PER_PAGE))

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def export_subpaths(self) -> list[str]:
        """The extra pages a static copy needs: every page of the unfiltered list."""
        return [f"page/{n}/" for n in range(2, self.unfiltered_page_count() + 1)]

    def get_context(self, request, *args, page_number=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = self._newest_first()
        filters = {
            "service": request.GET.get("service", ""),
            "industry": request.GET.get("industry", ""),
            "year": request.GET.get("year", ""),
        }
        service_id = parse_positive_int(filters["service"])
        if service_id is not None:
            cases = cases.filter(services__id=service_id)
        else:
            filters["service"] = ""
        if filters["industry"]:
            cases = cases.filter(industry__slug=filters["industry"])
        year = parse_positive_int(filters["year"], maximum=9999)
        if year is not None and len(filters["year"]) == 4:
            cases = cases.filter(year=year)
        else:
            filters["year"] = ""
        if not any(filters.values()):
            cases = self._plain_order()
        paginator = Paginator(cases, PER_PAGE)
        if page_number and page_number > paginator.num_pages:
            raise Http404
        page_obj = paginator.get_page(page_number or request.GET.get("page"))
        if not any(filters.values()):
            by_pk = CasePage.listable().in_bulk(page_obj.object_list)
            page_obj.object_list = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        query = request.GET.copy()
        query.pop("page", None)
        context.update(self._page_links(page_obj, query.urlencode()))
        context.update(
            cases=page_obj.object_list,
            page_obj=page_obj,
            filters=filters,
            filter_query=query.urlencode(),
            **memoize("case-filter-choices", self._filter_choices),
        )
        return context

    @staticmethod
    def _filter_choices() -> dict:
        """Only what some listable case has: an internal-only or draft case, a draft service
        must not show up as a choice."""
        cases = CasePage.listable().values("pk")
        return {
            "services": list(
                listable(ServicePage)
                .filter(
                    pk__in=CasePage.services.through.objects.filter(casepage__in=cases).values(
                        "servicepage_id"
                    )
                )
                .only("id", "title")
                .order_by("title")
            ),
            "industries": list(Industry.objects.filter(cases__in=cases).distinct()),
            "years": list(
                CasePage.listable().order_by("-year").values_list("year", flat=True).distinct()
            ),
        }

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


# Imported once the index page is defined, so the page types register in the order they always
# had (index page, then case page): the admin's page type lists and content type ids keep it.
from .pages import CasePage  # noqa: E402
