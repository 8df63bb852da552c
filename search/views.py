"""The public portfolio search page and the as-you-type suggestions."""

import logging

from django.db import connection, transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog.models import ServiceCategory, ServicePage
from serving.client_address import client_ip
from serving.content_version import memoize
from serving.origin import cors_origin

from .popular import popular_terms, visitor_key
from .selectors import FACETS, clean_query, portfolio_search, title_suggestions
from .tasks import record_search

logger = logging.getLogger(__name__)
SUGGESTIONS = 10


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 10_000)


@require_GET
def search_page(request):
    raw = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "") for name in FACETS}
    outcome = portfolio_search(
        text=raw, filters=filters, page=_page_number(request.GET.get("page"))
    )
    promotions = []
    if outcome.query:
        query_string = normalise_query_string(outcome.query)
        promotions = memoize(  # editors' picks are content: kept per content version
            ("promotions", query_string),
            lambda: list(
                SearchPromotion.objects.filter(query__query_string=query_string)
                .select_related("page")
                .order_by("sort_order")
            ),
            large=True,
        )
        _record(outcome, request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "outcome": outcome,
        "raw_query": raw[:300],
        "promotions": promotions
        if outcome.page_obj is None or outcome.page_obj.number == 1
        else [],
        "base_query": query.urlencode(),
    }
    if not outcome.total:  # nothing searched yet, or nothing found: offer ways on
        context["popular"] = popular_terms()
        context["categories"] = ServiceCategory.objects.filter(
            services__in=ServicePage.listable().values("pk")
        ).distinct()
    return TemplateResponse(request, "search/search_page.html", context)


def _record(outcome, request) -> None:
    """Queue the search for the statistics without making the visitor wait for a disk flush:
    on PostgreSQL this one transaction commits asynchronously (a crash may forget the last
    searches, never content or requests)."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            visitor = visitor_key(client_ip(request), timezone.localdate())
            record_search.enqueue(outcome.query, bool(outcome.total), visitor)
    except Exception:  # statistics must never break a search
        logger.exception("Could not record the search %r", outcome.query)


@require_GET
def suggest(request):
    """Up to ten titles that start with what was typed: ``[{"title", "kind", "url"}]``."""
    text = clean_query(request.GET.get("q", ""))
    if len(text) < 2:
        return _with_cors(request, JsonResponse({"results": []}))
    results = [
        {"title": page.title, "kind": kind, "url": page.get_url(request)}
        for page, kind in title_suggestions(text, SUGGESTIONS)
    ]
    return _with_cors(request, JsonResponse({"results": results}))


def _with_cors(request, response):
    """Let our exported copy (``PUBLIC_SITE_URL``) read suggestions from another origin."""
    origin = cors_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response
