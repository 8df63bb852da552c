"""Reads of the search page around the search itself (``search.selectors.portfolio_search``):
the editors' promotions for a query, and the ways on it offers when nothing was searched or
nothing found.
"""

from django.db.models import QuerySet

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog.models import ServiceCategory, ServiceIndexPage, ServicePage
from serving.content_version import memoize
from serving.public import listable

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
        tags=lambda promotions: (
            "search",
            "tree",
            *(f"page:{promotion.page_id}" for promotion in promotions if promotion.page_id),
        ),
        large=True,
    )


def ways_on() -> dict:
    """What an empty or fruitless search page offers instead: ``popular`` searches
    (``search.popular``), and the service ``categories`` that have a listable service, each
    with its ``url`` on the services page (the page of the catalog where it begins)."""
    return {
        "popular": popular_terms(),
        # which categories have listed services and where each begins: lists' facts
        "categories": memoize("search-categories", _categories, tags=("services:listed", "tree")),
    }


def _categories() -> list[dict]:
    """Name and address of each category with a listable service; kept per content version, so
    a warm page reads nothing for them."""
    index = listable(ServiceIndexPage).first()
    urls = index.category_urls() if index else {}
    return [
        {"name": category.name, "url": urls.get(category.slug, "")}
        for category in _categories_with_services()
    ]


def _categories_with_services() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.filter(
        services__in=ServicePage.listable().values("pk")
    ).distinct()
