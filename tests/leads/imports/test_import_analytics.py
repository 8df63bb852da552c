"""Imported deals count in the analytics: their facts are written after each chunk."""

import pytest

from analytics.models import DealFacts
from leads.models import Deal, Stage
from tests.leads.imports.jobs import run

pytestmark = pytest.mark.django_db


def test_imported_deals_have_their_facts():
    won = Stage.objects.filter(kind="won", pipeline__is_default=True).first()
    job = run(
        [
            ["Title", "Amount", "Name", "Stage", "Created", "Closed"],
            ["Shop", "1000", "Anna", won.name, "01.02.2024", "01.03.2024"],
            ["Site", "", "Boris", "", "02.02.2024", ""],
        ],
        value_mapping={"deal.stage": {won.name: str(won.pk)}},
    )
    assert job.status == "done", job.error
    shop = Deal.objects.get(title="Shop")
    assert shop.status == "won" and shop.closed_at.date().isoformat() == "2024-03-01"
    changes = list(shop.stage_changes.order_by("changed_at"))
    assert [c.to_stage_id for c in changes][-1] == won.pk and changes[
        -1
    ].from_stage_since == shop.created_at
    facts = DealFacts.objects.get(deal=shop)
    assert facts.status == "won"
    assert DealFacts.objects.filter(deal__in=Deal.objects.all()).count() == 2
