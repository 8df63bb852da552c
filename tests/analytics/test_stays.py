"""``analytics.stays.stay_figures``: the nearest-rank median and 90th percentile are the same
whichever way the stays at the wanted ranks are read (walking the index of the stays by length,
SQLite's way, or numbering them with a window, PostgreSQL's), on both databases: ties, an odd
and an even number of stays, a single stay, a stage without stays; the stays that ended outside
the period and those of deals outside the scope are not counted. Two queries either way."""

import datetime
from decimal import Decimal as D

import pytest

from analytics import stays
from analytics.base import Period
from leads.choices import StageKind
from leads.factories import DealFactory, default_pipeline
from leads.models import Deal, StageChange

pytestmark = pytest.mark.django_db

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
ENDED = datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture(params=[True, False], ids=["by_index", "by_window"])
def by_index(request, monkeypatch):
    monkeypatch.setattr(stays, "_by_index", lambda alias: request.param)
    return request.param


def test_median_and_p90_at_their_ranks(by_index, django_assert_num_queries):
    pipeline = default_pipeline()
    a, b, c, d, empty = pipeline.stages.filter(kind=StageKind.OPEN).order_by("sort_order")[:5]
    lost = pipeline.stages.filter(kind=StageKind.LOST).first()
    counted = DealFactory()
    other = DealFactory()

    def stay(deal, stage, days, ended=ENDED):
        since = ended - datetime.timedelta(days=days)
        StageChange.objects.create(
            deal=deal, from_stage=stage, to_stage=lost, changed_at=ended, from_stage_since=since
        )

    for days in (2, 5, 2, 1, 2):  # n = 5: median the 3rd (a tie of three 2s), p90 the 5th
        stay(counted, a, days)
    stay(counted, b, 3)  # n = 1: everything is that stay
    for days in (4, 1, 4, 1):  # n = 4: median (1 + 4) / 2, p90 the 4th (⌈3.6⌉)
        stay(counted, c, days)
    for days in range(10, 0, -1):  # 1 … 10: median (5 + 6) / 2, p90 the 9th
        stay(counted, d, days)
    # not counted: ended before or after the period, a deal outside the scope
    stay(counted, a, 0.5, ended=datetime.datetime(2025, 12, 31, 23, tzinfo=datetime.UTC))
    stay(counted, a, 0.5, ended=datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC))
    for days in (0.1, 0.2, 0.3):
        stay(other, a, days)
        stay(other, d, days)

    deals = Deal.objects.filter(pk=counted.pk)
    stage_ids = [a.pk, b.pk, c.pk, d.pk, empty.pk]
    with django_assert_num_queries(2):
        figures = stays.stay_figures(deals, PERIOD, stage_ids)

    got = {
        stage: (row["stays"], row["deals"], row["mean"], row["median"], row["p90"])
        for stage, row in figures.items()
    }
    assert got == {
        a.pk: (5, 1, D("2.40"), D("2.00"), D("5.00")),
        b.pk: (1, 1, D("3.00"), D("3.00"), D("3.00")),
        c.pk: (4, 1, D("2.50"), D("2.50"), D("4.00")),
        d.pk: (10, 1, D("5.50"), D("5.50"), D("9.00")),
    }


def test_no_stay_at_all(by_index, django_assert_num_queries):
    pipeline = default_pipeline()
    stage_ids = list(pipeline.stages.values_list("pk", flat=True))
    with django_assert_num_queries(2):
        assert stays.stay_figures(Deal.objects.all(), PERIOD, stage_ids) == {}
