"""The core figures (``analytics.figures``) take shortcuts that must not change a number: every
facts row when the scope is every deal (a manager without filters) instead of the rows of the
scope's deals, and the medians' middle places listed from the sizes already counted instead of a
second window counting each group. Each shortcut is compared with the long way, for every
dimension of the sources and the services-and-owners reports, on the hand-made history (whose
figures the reports' own tests check by hand)."""

import dataclasses

from django.db.models import Q

import pytest

from analytics import figures
from analytics.reports import segments, sources
from leads.models import Deal
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

pytestmark = pytest.mark.django_db

DIMENSIONS = [None, *sources.DIMENSIONS, *segments.DIMENSIONS]


def _figures(scope, dimension) -> dict:
    return {
        key: dataclasses.asdict(group)
        for key, group in figures.figures_by(scope, dimension).items()
    }


@pytest.mark.parametrize("dimension", DIMENSIONS, ids=lambda d: getattr(d, "slug", "all"))
def test_every_deal_reads_every_facts_row_and_counts_the_same(history, dimension):
    narrowed = history.scope()
    assert not Deal.objects.exclude(pipeline=history.pipeline).exists()
    everything = dataclasses.replace(narrowed, deals=Deal.objects.all())
    assert not everything.deals.query.where.children  # the shortcut is taken
    expected = _figures(narrowed, dimension)
    assert any(group["median"] for group in expected.values())
    assert _figures(everything, dimension) == expected


@pytest.mark.parametrize("dimension", DIMENSIONS, ids=lambda d: getattr(d, "slug", "all"))
def test_listed_middle_places_give_the_counted_medians(history, monkeypatch, dimension):
    scope = history.scope()
    listed = _figures(scope, dimension)
    monkeypatch.setattr(figures, "MAX_LISTED", 0)  # the second window counts the groups
    assert _figures(scope, dimension) == listed


def test_a_scope_narrowed_to_nothing_counts_nothing(history):
    """A scope Django knows to be empty (no SQL can be written for it) is no error."""
    scope = dataclasses.replace(history.scope(), deals=Deal.objects.filter(Q(pk__in=[])))
    assert figures.figures_by(scope, sources.DIMENSIONS[0]) == {}
