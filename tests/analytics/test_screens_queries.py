"""A screen runs the same number of queries with 10 deals and with 1,000 (the frame adds none
per deal: links, charts and money columns are built from the report's rows)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.analytics.screens import FAKE_REPORTS, Q1, superuser

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, Q1).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_deals(client, site_tree, settings):
    from demo.pipeline_history import generate_history

    settings.ANALYTICS_REPORTS = [*FAKE_REPORTS, ("funnel", "analytics.reports.funnel")]
    client.force_login(superuser())
    start = datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    urls = [reverse("analytics:report", args=[slug]) for slug in ("fake", "funnel")]
    urls.append(reverse("analytics:index"))
    generate_history(10, start=start, end=end, seed=1)
    for url in urls:  # the first request of a session caches what every request asks
        count(client, url)
    few = [count(client, url) for url in urls]
    generate_history(990, start=start, end=end, seed=2)
    assert [count(client, url) for url in urls] == few
