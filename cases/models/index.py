"""The portfolio's index page: the list of public cases, its filters and its pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.models import SeoMixin
from core.paged_index import PagedIndexMixin

#: Cases a page of the list shows.
PER_PAGE = 12


class CaseIndexPage(PagedIndexMixin, SeoMixin, Page):
    """The portfolio: public cases, filterable by service, industry and year, paginated."""

    change_tags = ()  # a change names this page alone (serving.change_tags)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1
    #: The filters and the filtered list's page number (``serving.page_cache`` keys on these).
    cache_query_params = ("industry", "page", "service", "year")
    per_page = PER_PAGE

    class Meta:
        verbose_name = _("case index page")

    def unfiltered_count(self) -> int:
        from ..selectors import case_ids_newest_first

        return len(case_ids_newest_first(index=self))

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
            per_page=self.per_page,
        )
        context.update(self.page_links(page_obj, request))
        context.update(cases=page_obj.object_list, filters=filters.state(), **case_filter_choices())
        return context
