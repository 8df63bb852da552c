"""Reads of the portfolio's index page: its cases newest first, a page of them for a filter
state, and the choices its filters offer.

The unfiltered list is the one every visitor sees first: its order is kept as a list of ids,
and each of its pages as a list of cases, until a change touches the cases or the tree
(``serving.content_version.memoize``), so a warm page N reads nothing however many cases there
are. A filtered list pays two queries (count and page).
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404

from catalog.models import ServicePage
from serving.content_version import memoize
from serving.public import NEWEST_FIRST, listable
from serving.routing import stored_pages

from .filters import CaseFilterSet
from .models import CaseIndexPage, CasePage, Industry


def case_list_newest_first(*, index: CaseIndexPage) -> QuerySet[CasePage]:
    """The listable cases under ``index``, by year, then newest first."""
    return CasePage.listable().child_of(index).order_by("-year", *NEWEST_FIRST)


def case_ids_newest_first(*, index: CaseIndexPage) -> list[int]:
    """Ids of the unfiltered list in order: a site fact, sorted once per content version."""
    return memoize(
        ("case-order", index.pk),
        lambda: list(case_list_newest_first(index=index).values_list("pk", flat=True)),
        tags=("cases:listed", "tree"),
    )


def case_filter_set(*, index: CaseIndexPage, data) -> CaseFilterSet:
    """The filters of ``data`` (the request's GET) over ``index``'s cases."""
    return CaseFilterSet(data, queryset=case_list_newest_first(index=index))


def case_list_page(
    *,
    index: CaseIndexPage,
    filters: CaseFilterSet,
    per_page: int,
    number=None,
    from_path: bool = False,
) -> PaginatorPage:
    """Page ``number`` of ``index``'s cases that pass ``filters``, ``per_page`` a page.

    ``number`` from the query string (``?page=``, untrusted) falls back to the first or last
    page as ``Paginator.get_page`` does; a number from the path (``page/N/``, ``from_path``)
    past the last page is a 404, so a static copy never holds an empty page.
    """
    filtered = filters.is_filtered
    cases = filters.qs if filtered else case_ids_newest_first(index=index)
    paginator = Paginator(cases, per_page)
    if from_path and number > paginator.num_pages:
        raise Http404
    page_obj = paginator.get_page(number)
    if not filtered:
        ids = page_obj.object_list
        page_obj.object_list = memoize(
            ("case-list-page", index.pk, page_obj.number),
            lambda: _in_order(ids),
            tags=(f"page:{index.pk}", "cases:listed", "tree"),
        )
    return page_obj


def _in_order(ids: list[int]) -> list[CasePage]:
    """The cases of ``ids`` (listable ones: the order holds no other), each from memory unless
    a change named it."""
    by_pk = stored_pages(CasePage, ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def case_filter_choices() -> dict:
    """``services``, ``industries`` and ``years`` to filter by, kept per content version: only
    what some listable case has (an internal-only or draft case, a draft service must not show
    up as a choice)."""
    return memoize(
        "case-filter-choices", _filter_choices, tags=("cases:listed", "services:listed", "tree")
    )


def _filter_choices() -> dict:
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
