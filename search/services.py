"""Writes of the search statistics: one search counted (run by ``search.tasks.record_search``,
in the background, so a search never waits for it)."""

from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .models import NoResultsDailyHits
from .popular import popular_count_visitor


def search_count(*, query_string: str, found: bool, visitor: str = "") -> None:
    """Count one search of ``query_string`` today (Wagtail's query hits), and apart if it found
    nothing; a search that found results also counts its visitor (``popular.visitor_key``) once
    a day towards the popular searches."""
    query = Query.get(query_string)
    today = timezone.localdate()
    if found and visitor:
        popular_count_visitor(query=query, visitor=visitor, day=today)
    QueryDailyHits.objects.get_or_create(query=query, date=today)
    QueryDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1)
    if not found:
        NoResultsDailyHits.objects.get_or_create(query=query, date=today)
        NoResultsDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1)
