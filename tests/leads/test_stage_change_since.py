"""StageChange.from_stage_since (when the deal entered the stage a move takes it out of): the
moves record it, and leads/migrations/0010 computes it for the moves recorded before."""

import datetime
import importlib

from django.apps import apps
from django.db import connection

from leads.models import Deal, StageChange
from leads.services import deal_move_to_stage, lead_capture

backfill = importlib.import_module("leads.migrations.0010_stagechange_from_stage_since").backfill

UTC = datetime.UTC


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 1, day, hour, tzinfo=UTC)


def test_a_move_records_since_when_the_deal_was_in_the_stage_it_leaves(db, sales_users, valid_data):
    deal = lead_capture(data=valid_data)
    Deal.objects.filter(pk=deal.pk).update(stage_entered_at=at(5))
    new, qualified, third = list(deal.pipeline.stages.order_by("sort_order"))[:3]
    deal_move_to_stage(deal=deal, stage=qualified)
    first_move = StageChange.objects.get(deal=deal, to_stage=qualified)
    deal_move_to_stage(deal=deal, stage=third)
    second_move = StageChange.objects.get(deal=deal, to_stage=third)

    creation = StageChange.objects.get(deal=deal, from_stage__isnull=True)
    assert creation.from_stage_since is None
    assert (first_move.from_stage, first_move.from_stage_since) == (new, at(5))
    assert (second_move.from_stage, second_move.from_stage_since) == (
        qualified,
        first_move.changed_at,
    )


def test_the_backfill_finds_each_moves_previous_move(db, sales_users, valid_data):
    """The latest earlier move of the same deal (of two at the same moment, the one with the
    smaller id), the deal's creation when no earlier move is recorded, nothing for a first
    move; another deal's moves never count."""
    deal = lead_capture(data=valid_data)
    other = lead_capture(data={**valid_data, "email": "other@example.com"})
    Deal.objects.filter(pk=deal.pk).update(created_at=at(1))
    first, second, third, fourth = list(deal.pipeline.stages.order_by("sort_order"))[:4]
    StageChange.objects.filter(deal__in=[deal, other]).delete()

    def move(deal, source, target, moment):
        return StageChange.objects.create(
            deal=deal,
            from_stage=source,
            to_stage=target,
            changed_at=moment,
            from_stage_since=at(31),
        )

    # the deal's first recorded move already leaves a stage: it began at the deal's creation
    orphan = move(deal, first, second, at(3))
    tie_a = move(deal, second, third, at(8))
    tie_b = move(deal, third, fourth, at(8))  # same moment, a larger id: after tie_a
    later = move(deal, fourth, first, at(20))
    # an earlier-inserted move dated later than one inserted after it: the date decides
    back = move(deal, first, second, at(25))
    between = move(deal, second, third, at(22))
    opening = move(other, None, first, at(2))
    theirs = move(other, first, second, at(21))
    StageChange.objects.update(from_stage_since=None)

    backfill(apps, connection.schema_editor())

    since = dict(StageChange.objects.values_list("pk", "from_stage_since"))
    assert since == {
        orphan.pk: at(1),
        tie_a.pk: at(3),
        tie_b.pk: at(8),
        later.pk: at(8),
        between.pk: at(20),
        back.pk: at(22),
        opening.pk: None,
        theirs.pk: at(2),
    }
