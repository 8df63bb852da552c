"""Reads of the search page around the search itself (``search.selectors.portfolio_search``):
the editors' promotions for a query, and the ways on it offers when nothing was searched or
nothing found.
"""

from django.db.models import QuerySet

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog.models import ServiceCategory, ServicePage
from serving.content_version import memoize

from .popular import popular_terms


def promotion_list(*, query: str) -> list[SearchPromotion]:
    """Editors' picks for ``query`` (Wagtail's search promotions), in their order, with their
    pages. They are content: kept per content version, so a repeated search reads none."""
    query_string = normalise_query_string(query)
    return memoize(
        ("promotions", query_string),
        lambda: list(
            SearchPromotion.objects.filter(query__query_string=query_string)
            .select_related("page")
            .order_by("sort_order")
        ),
        large=True,
    )


def ways_on() -> dict:
    """What an empty or fruitless search page offers instead: ``popular`` searches
    (``search.popular``) and the service ``categories`` that have a listable service."""
    return {"popular": popular_terms(), "categories": _categories_with_services()}


def _categories_with_services() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.filter(
        services__in=ServicePage.listable().values("pk")
    ).distinct()
