"""The search page's seams: its reads (search/page_selectors.py), its statistics write
(search/services.py), and the queueing between them (search/tasks.py)."""

from types import SimpleNamespace

from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.models import NoResultsDailyHits, SearchVisitorDay
from search.page_selectors import promotion_list, ways_on
from search.services import search_count
from search.tasks import queue_search_count


def hits(model, text: str) -> int:
    row = model.objects.filter(query=Query.get(text), date=timezone.localdate()).first()
    return row.hits if row else 0


def test_search_count_counts_hits_misses_and_visitors(db):
    search_count(query_string="kubernetes", found=True, visitor="v1")
    search_count(query_string="kubernetes", found=True, visitor="v1")
    search_count(query_string="zzzz", found=False, visitor="v2")
    assert hits(QueryDailyHits, "kubernetes") == 2 and hits(NoResultsDailyHits, "kubernetes") == 0
    assert hits(QueryDailyHits, "zzzz") == 1 and hits(NoResultsDailyHits, "zzzz") == 1
    assert list(SearchVisitorDay.objects.values_list("query__query_string", "visitor")) == [
        ("kubernetes", "v1")
    ]


def test_queueing_runs_the_count_and_never_raises(db, monkeypatch):
    queue_search_count(query="django", found=True, address="10.0.0.1")
    assert hits(QueryDailyHits, "django") == 1 and SearchVisitorDay.objects.count() == 1

    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr("search.tasks.record_search", SimpleNamespace(enqueue=broken))
    queue_search_count(query="django", found=True, address="10.0.0.1")  # logged, not raised
    assert hits(QueryDailyHits, "django") == 1


def test_promotions_in_their_order_and_ways_on(portfolio):
    first, second = portfolio.services
    query = Query.get("store")
    SearchPromotion.objects.create(query=query, page=second, sort_order=1)
    SearchPromotion.objects.create(query=query, page=first, sort_order=0)
    assert [p.page.pk for p in promotion_list(query="  Store ")] == [first.pk, second.pk]
    assert promotion_list(query="other") == []
    offered = ways_on()
    assert offered["popular"] == []
    index = portfolio.tree.services
    assert sorted(c["url"] for c in offered["categories"]) == sorted(
        {f"{index.url}#category-{service.category.slug}" for service in portfolio.services}
    )
