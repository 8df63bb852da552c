"""Search statistics, written in the background so a search never waits for them."""

from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from django_tasks import task

from .models import NoResultsDailyHits


@task()
def record_search(query_string: str, found: bool) -> None:
    """Count one search of ``query_string`` today (Wagtail's query hits), and apart if it found nothing."""
    query = Query.get(query_string)
    today = timezone.localdate()
    QueryDailyHits.objects.get_or_create(query=query, date=today)
    QueryDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1)
    if not found:
        NoResultsDailyHits.objects.get_or_create(query=query, date=today)
        NoResultsDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1)
