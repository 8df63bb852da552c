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
        large=True,
    )


def ways_on() -> dict:
    """What an empty or fruitless search page offers instead: ``popular`` searches
    (``search.popular``), the service ``categories`` that have a listable service, and
    ``services_url``, the services page they link to (``#category-<slug>``)."""
    return {
        "popular": popular_terms(),
        "categories": _categories_with_services(),
        "services_url": memoize("services-index-url", _services_url),
    }


def _services_url() -> str:
    """The services index page's address ("" without one); kept per content version, so a warm
    page reads nothing for it."""
    index = listable(ServiceIndexPage).first()
    return index.get_url() if index else ""


def _categories_with_services() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.filter(
        services__in=ServicePage.listable().values("pk")
    ).distinct()
