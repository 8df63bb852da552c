"""The reports' query counts on generated pipelines (``demo.pipeline_history``) of 10 and 1,000
deals: each report's queries do not grow with the deals.

These tests build their own data (a site tree, or the portfolio, and the generated deals)
instead of the hand-built history, so they live here, apart from the reports' modules, which
then build the history once per module (``history_once``).
"""

import datetime

import pytest

from analytics import page_views
from analytics.base import Scope
from analytics.models import DealPageView
from analytics.reports import content, forecast, lost_reasons, repeat, segments, sources, win_rate
from analytics.reports import proposals as report_module
from leads.models import Deal
from proposals.choices import ProposalStatus
from proposals.models import Proposal
from tests.analytics.history import NOW, PERIOD


def generate(deals: int) -> None:
    """``deals`` generated over a year up to ``NOW`` (``demo.pipeline_history``)."""
    from demo.pipeline_history import generate_history

    generate_history(deals, start=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), end=NOW)


def every_deal(**params) -> Scope:
    """Every deal over ``PERIOD``, with the report's ``params``."""
    return Scope(deals=Deal.objects.all(), period=PERIOD, now=NOW, params=params)


@pytest.mark.parametrize("deals", [10, 1000])
def test_content_query_count_does_not_grow_with_deals(deals, portfolio, django_assert_num_queries):
    generate(deals)
    page_views.rebuild()  # the generator writes with bulk_create: no post_save
    assert DealPageView.objects.filter(content=True).exists()
    scope = every_deal()
    with django_assert_num_queries(6):
        content.build(scope)


@pytest.mark.parametrize("deals", [10, 1000])
def test_forecast_query_count_does_not_grow_with_deals(deals, site_tree, django_assert_num_queries):
    generate(deals)
    Deal.objects.filter(pk__in=Deal.objects.filter(status="open").values("pk")[:3]).update(
        probability=50, expected_close_date=datetime.date(2026, 6, 1)
    )
    scope = every_deal()
    with django_assert_num_queries(1):
        report = forecast.build(scope)
    assert report.headline[0][1] == Deal.objects.filter(status="open").count()
    with django_assert_num_queries(1):
        forecast.next_month(scope)


@pytest.mark.parametrize("deals", [10, 1000])
def test_lost_reasons_query_count_does_not_grow_with_deals(
    deals, site_tree, django_assert_num_queries
):
    generate(deals)
    scope = every_deal()
    with django_assert_num_queries(2):
        reasons, _stages, _pairs = lost_reasons.build(scope).tables
    lost = Deal.objects.filter(
        status="lost", closed_at__gte=PERIOD.since, closed_at__lt=PERIOD.until
    )
    assert sum(row["lost"] for row in reasons.rows) == lost.count()


@pytest.mark.parametrize("deals", [10, 1000])
def test_proposals_query_count_does_not_grow_with_deals(
    deals, site_tree, django_assert_num_queries
):
    generate(deals)
    scope = every_deal()
    with django_assert_num_queries(5):
        report = report_module.build(scope)
    assert (
        report.headline[0][1]
        == Proposal.objects.filter(sent_at__gte=PERIOD.since, sent_at__lt=PERIOD.until)
        .exclude(status=ProposalStatus.SUPERSEDED)
        .count()
    )


@pytest.mark.parametrize("deals", [10, 1000])
def test_repeat_query_count_does_not_grow_with_deals(deals, site_tree, django_assert_num_queries):
    generate(deals)
    scope = every_deal()
    with django_assert_num_queries(4):
        report = repeat.build(scope)
    assert report.tables[1].rows


@pytest.mark.parametrize("deals", [10, 1000])
def test_segments_query_count_does_not_grow_with_deals(deals, site_tree, django_assert_num_queries):
    generate(deals)
    for dimension in segments.DIMENSIONS:
        scope = every_deal(dimension=dimension.slug)
        with django_assert_num_queries(4):
            segments.build(scope)


@pytest.mark.parametrize("deals", [10, 1000])
def test_sources_query_count_does_not_grow_with_deals(deals, site_tree, django_assert_num_queries):
    generate(deals)
    for dimension in sources.DIMENSIONS:
        scope = every_deal(dimension=dimension.slug)
        with django_assert_num_queries(3):
            (table,) = sources.build(scope).tables
        created = Deal.objects.filter(created_at__gte=PERIOD.since, created_at__lt=PERIOD.until)
        assert sum(row["requests"] for row in table.rows) == created.count()


@pytest.mark.parametrize("deals", [10, 1000])
def test_win_rate_query_count_does_not_grow_with_deals(deals, site_tree, django_assert_num_queries):
    generate(deals)
    scope = every_deal()
    with django_assert_num_queries(6):
        report = win_rate.build(scope)
    created = Deal.objects.filter(created_at__gte=PERIOD.since, created_at__lt=PERIOD.until)
    assert report.headline[0][1] == created.count()
    with django_assert_num_queries(2):
        win_rate.summary(scope)
