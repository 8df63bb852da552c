"""Search statistics, written in the background so a search never waits for them: the search
page queues (``queue_search_count``), the worker counts (``services.search_count``)."""

import logging

from django.db import connection, transaction
from django.utils import timezone

from django_tasks import task

from .popular import visitor_key
from .services import search_count

logger = logging.getLogger(__name__)


@task()
def record_search(query_string: str, found: bool, visitor: str = "") -> None:
    """Count one search (``services.search_count``)."""
    search_count(query_string=query_string, found=found, visitor=visitor)


def queue_search_count(*, query: str, found: bool, address: str | None) -> None:
    """Queue the search for the statistics without making the visitor wait for a disk flush:
    on PostgreSQL this one transaction commits asynchronously (a crash may forget the last
    searches, never content or requests). ``address``: the visitor's, counted as a keyed
    hash of it and the day (``popular.visitor_key``), never stored."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            visitor = visitor_key(address, timezone.localdate())
            record_search.enqueue(query, found, visitor)
    except Exception:  # statistics must never break a search
        logger.exception("Could not record the search %r", query)
