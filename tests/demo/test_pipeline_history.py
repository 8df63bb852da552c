"""The generated history is a history the app could have left: dates inside the range, every
deal entering its first stage when created, its status, stage and closing date those of its
last move, and the same seed giving the same history."""

import datetime

from django.contrib.auth.models import Group, User
from django.db.models import Count, Max, Min, OuterRef, Subquery

import pytest

from analytics.models import DealPageView
from demo.pipeline_history import generate_history
from leads.choices import DealStatus
from leads.models import Company, Deal, StageChange
from proposals.models import Proposal

START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
END = datetime.datetime(2025, 12, 31, 23, 59, tzinfo=datetime.UTC)


@pytest.fixture
def owners(db):
    sales = Group.objects.get(name="Sales")
    users = [User.objects.create_user(name, f"{name}@example.com", "pw") for name in ("a", "b")]
    for user in users:
        user.groups.add(sales)
    return users


def test_counts_dates_and_consistency(portfolio, owners):
    made = generate_history(300, stage_changes_per_deal=10, start=START, end=END, seed=1)

    assert made.deals == Deal.objects.count() == 300
    assert made.stage_changes == StageChange.objects.count()
    # the loops make up the asked average (the most recent deals are cut short by the end)
    assert 9.5 <= made.stage_changes / made.deals <= 10.5
    assert made.proposals == Proposal.objects.count() > 0
    assert Company.objects.count() == 75
    span = Deal.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert span["first"] >= START and span["last"] <= END
    moves = StageChange.objects.aggregate(first=Min("changed_at"), last=Max("changed_at"))
    assert moves["first"] >= START and moves["last"] <= END
    # every deal entered its pipeline's first stage when it was created
    firsts = StageChange.objects.filter(deal=OuterRef("pk")).order_by("changed_at", "pk")
    deals = Deal.objects.annotate(
        first_stage=Subquery(firsts.values("to_stage")[:1]),
        first_at=Subquery(firsts.values("changed_at")[:1]),
        first_from=Subquery(firsts.values("from_stage")[:1]),
        last_stage=Subquery(firsts.reverse().values("to_stage")[:1]),
        last_at=Subquery(firsts.reverse().values("changed_at")[:1]),
    ).select_related("pipeline", "stage")
    statuses = set()
    for deal in deals:
        first_stage = deal.pipeline.stages.order_by("sort_order").first()
        assert (deal.first_stage, deal.first_at, deal.first_from) == (
            first_stage.pk,
            deal.created_at,
            None,
        )
        assert (deal.stage_id, deal.stage_entered_at) == (deal.last_stage, deal.last_at)
        assert deal.status == deal.stage.kind
        assert deal.closed_at == (None if deal.status == DealStatus.OPEN else deal.last_at)
        assert (deal.lost_reason_id is not None) == (deal.status == DealStatus.LOST)
        assert deal.owner_id in {owner.pk for owner in owners}
        statuses.add(deal.status)
    assert statuses == {"open", "won", "lost"}
    chains = StageChange.objects.values("deal").annotate(n=Count("pk"))
    assert min(row["n"] for row in chains) >= 1
    assert Deal.objects.exclude(visitor_path=[]).exists()
    # the content report's table of pages read, which bulk_create's deals get no signal for
    assert DealPageView.objects.exists()
    assert Deal.objects.filter(currency="RUB", status="won").exists()


def test_moves_chain_and_same_seed_same_history(portfolio, owners):
    generate_history(40, start=START, end=END, seed=5)
    first = list(
        StageChange.objects.order_by("deal__created_at", "deal__title", "changed_at").values_list(
            "from_stage", "to_stage", "changed_at"
        )
    )
    previous = {}
    for change in StageChange.objects.order_by("deal", "changed_at", "pk"):
        assert change.from_stage_id == previous.get(change.deal_id)
        previous[change.deal_id] = change.to_stage_id
    Deal.objects.all().delete()
    generate_history(40, start=START, end=END, seed=5)
    again = list(
        StageChange.objects.order_by("deal__created_at", "deal__title", "changed_at").values_list(
            "from_stage", "to_stage", "changed_at"
        )
    )
    assert again == first
