"""Popular searches offered to visitors on an empty or fruitless search page.

Anyone can type anything, so a term is offered only when it found results, for at least
``SEARCH_POPULAR_MIN_VISITORS`` visitor-days in the last ``WINDOW_DAYS`` (one address counts
once a day however often it searches), never found nothing in that time, and is not hidden by
an editor (``HiddenSearchTerm``). Visitors are counted by a keyed hash of their address and the
day: the address itself is never stored, and one day's hash cannot be linked to another's.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac

from serving.client_address import sender_key

from .models import HiddenSearchTerm, NoResultsDailyHits, SearchVisitorDay

WINDOW_DAYS = 30
SALT = "vitrina.search.visitor-day"


def visitor_key(address: str | None, day: datetime.date) -> str:
    """The visitor's mark for ``day``: an HMAC (``SECRET_KEY``) of the sender and the day;
    "" without an address. IPv6 addresses count per /64, like the request form's rate limit."""
    sender = sender_key(address)
    if not sender:
        return ""
    return salted_hmac(SALT, f"{day.isoformat()}|{sender}").hexdigest()[:40]


def popular_terms(limit: int = 8) -> list[str]:
    """The most popular searches that found results, by how many visitor-days asked them."""
    since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
    missed = NoResultsDailyHits.objects.filter(date__gte=since).values("query_id")
    rows = (
        SearchVisitorDay.objects.filter(date__gte=since)
        .exclude(query_id__in=missed)
        .exclude(query__query_string__in=HiddenSearchTerm.objects.values("term"))
        .values("query__query_string")
        .annotate(visitors=Count("id"))
        .filter(visitors__gte=settings.SEARCH_POPULAR_MIN_VISITORS)
        .order_by("-visitors", "query__query_string")
    )
    return [row["query__query_string"] for row in rows[:limit]]


def popular_count_visitor(*, query, visitor: str, day: datetime.date) -> None:
    """Count ``visitor`` once for ``query`` on ``day``; drop the marks older than the window
    once a day."""
    SearchVisitorDay.objects.bulk_create(
        [SearchVisitorDay(query=query, date=day, visitor=visitor)], ignore_conflicts=True
    )
    if cache.add(f"vitrina:search:visitor-days-pruned:{day.isoformat()}", True, 86_400):
        cutoff = day - datetime.timedelta(days=WINDOW_DAYS)
        SearchVisitorDay.objects.filter(date__lt=cutoff).delete()
