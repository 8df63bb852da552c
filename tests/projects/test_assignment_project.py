"""An expert's assignment belongs to the deal's project whichever came first: the proposal's
acceptance (the project made later picks the bookings up) or the project (acceptance books on
it). Other deals' bookings stay where they are."""

import datetime
from decimal import Decimal

import pytest

from projects.models import Assignment, Project
from projects.services.cases import project_for_deal
from tests.leads.conftest import VALID, manager, sales_users  # noqa: F401 - shared fixtures
from tests.proposals.conftest import deal, draft  # noqa: F401 - shared fixtures

from .test_workload import accept, plan

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 3, 4)


def _book(proposal, portfolio):
    plan(
        proposal,
        portfolio,
        phases=[(MONDAY, MONDAY + datetime.timedelta(days=11))],
        team=[(0, {"hours_per_week": Decimal(20)}), (1, {"share_percent": 50})],
    )
    accept(proposal)


def test_a_project_made_after_acceptance_takes_the_deals_bookings(draft, portfolio):  # noqa: F811
    _book(draft, portfolio)
    assert Assignment.objects.count() == 2
    assert not Assignment.objects.filter(project__isnull=False).exists()

    project = project_for_deal(deal=draft.deal)

    assert sorted(Assignment.objects.values_list("project_id", flat=True)) == [project.pk] * 2
    # asked again: the same project, nothing moves
    assert project_for_deal(deal=draft.deal).pk == project.pk
    assert Assignment.objects.filter(project=project).count() == 2


def test_acceptance_after_the_project_books_on_it(draft, portfolio):  # noqa: F811
    project = project_for_deal(deal=draft.deal)
    _book(draft, portfolio)
    assert sorted(Assignment.objects.values_list("project_id", flat=True)) == [project.pk] * 2


def test_another_deals_bookings_are_not_taken(draft, portfolio):  # noqa: F811
    from leads.factories import DealFactory
    from proposals import services as proposal_services

    _book(draft, portfolio)
    other_deal = DealFactory(owner=draft.deal.owner)
    other = proposal_services.proposal_create_from_deal(deal=other_deal, user=other_deal.owner)
    _book(other, portfolio)

    project = project_for_deal(deal=draft.deal)

    assert Assignment.objects.filter(project=project).count() == 2
    assert Assignment.objects.filter(proposal=other, project__isnull=True).count() == 2
    assert Project.objects.count() == 1
