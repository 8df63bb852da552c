"""The public portfolio search page and the as-you-type suggestions."""

from urllib.parse import quote, urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from serving.client_address import client_ip
from serving.origin import cors_origin

from .page_selectors import promotion_list, ways_on
from .selectors import FACETS, clean_query, portfolio_search
from .suggestions import title_suggestions
from .tasks import queue_search_count

SUGGESTIONS = 10
FACET_ITEMS_SHOWN = 12


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
    exact = request.GET.get("exact") == "1"  # "Search instead for …": no correction
    outcome = portfolio_search(
        text=raw, filters=filters, page=_page_number(request.GET.get("page")), exact=exact
    )
    promotions = []
    if outcome.query:
        promotions = promotion_list(query=outcome.query)
        # What the query AS TYPED found with every word: a misspelling shown corrected results,
        # or words only some of which were found ("buy cheap pills kubernetes"), found nothing,
        # so they never become a popular search.
        found = bool(outcome.total and outcome.complete) and not outcome.corrected
        queue_search_count(query=outcome.query, found=found, address=client_ip(request))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "outcome": outcome,
        "raw_query": raw[:300],
        "promotions": promotions
        if outcome.page_obj is None or outcome.page_obj.number == 1
        else [],
        "base_query": query.urlencode(),
        "exact": exact,
        "facet_links": _facet_links(outcome, exact),
    }
    context.update(_indexing(request, outcome, exact))
    if outcome.corrected or outcome.suggestion:
        context.update(_correction_links(query, raw[:300], outcome.suggestion))
    if not outcome.total:  # nothing searched yet, or nothing found: offer ways on
        context.update(ways_on())
    return TemplateResponse(request, "search/search_page.html", context)


def _facet_links(outcome, exact: bool) -> list[tuple[str, list[dict]]]:
    """Each facet's first values with the address its link leads to: a value adds itself to the
    other filters and the query; the chosen value's link takes it away. Made here, not in the
    template: a broad search lists some eighty values, whose links the template's loops took
    longer to write than the rest of the page's results."""
    tail = ("exact=1&" if exact else "") + "q=" + quote(outcome.query)
    sections = []
    for name, items in outcome.facets.items():
        if not items:
            continue
        others = "".join(
            f"{key}={quote(value)}&" for key, value in outcome.filters.items() if key != name
        )
        links = [
            {
                **item,
                "href": f"?{others}{tail}"
                if item["selected"]
                else f"?{others}{name}={quote(str(item['value']))}&{tail}",
            }
            for item in items[:FACET_ITEMS_SHOWN]
        ]
        sections.append((name, links))
    return sections


def _indexing(request, outcome, exact: bool) -> dict:
    """Whether search engines may index this page, with its canonical address and description.

    A search that found pages holding every word it asked for, unfiltered, on its first page,
    is a useful landing page ("kubernetes" → the services, cases and experts for it): indexed
    under one address per query. Anything else is thin or duplicate (no results, a misspelling
    corrected, a filter, a later page, "search as typed") and stays out of the index."""
    page = outcome.page_obj
    indexable = bool(
        outcome.query
        and outcome.total
        and outcome.complete
        and not outcome.corrected
        and not outcome.filters
        and not exact
        and (page is None or page.number == 1)
        and request.GET.get("page", "1") == "1"  # a page past the last one shows the last
    )
    if not indexable:
        return {"indexable": False}
    canonical = request.build_absolute_uri(f"{request.path}?{urlencode({'q': outcome.query})}")
    titles = ", ".join(hit.page.title for hit in outcome.hits[:3])
    return {"indexable": True, "canonical_url": canonical, "top_titles": titles}


def _correction_links(query, raw: str, suggestion: str) -> dict:
    """``exact_url``: this search as typed, not corrected; ``suggestion_url``: the spelling
    offered. Both keep the filters and start again from the first page."""
    exact = query.copy()
    exact["q"], exact["exact"] = raw, "1"
    offered = query.copy()
    offered["q"] = suggestion
    offered.pop("exact", None)
    return {"exact_url": "?" + exact.urlencode(), "suggestion_url": "?" + offered.urlencode()}


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
