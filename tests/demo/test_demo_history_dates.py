"""The demo's pipeline history is consistent in time, so "Time in stage", the win dates and the
cycle read it as it happened: for every seeded deal (the sixty made through the leads services
and the generated year of history), its stage changes run from its creation to its closing,
each move's ``from_stage_since`` is the previous move's time, and the last move is the deal's
current stage, entered at ``stage_entered_at`` (= ``closed_at`` for a closed deal)."""

from collections import defaultdict

from django.core.management import call_command

from leads.models import Deal, StageChange


def history_problems() -> dict[str, list[int]]:
    """Each kind of inconsistency with the deals showing it (empty when all is well)."""
    changes = defaultdict(list)
    for change in StageChange.objects.order_by("deal_id", "changed_at", "pk"):
        changes[change.deal_id].append(change)
    problems = defaultdict(list)
    for deal in Deal.objects.all():
        rows = changes[deal.pk]
        if not rows:
            problems["no stage change"].append(deal.pk)
            continue
        first, last = rows[0], rows[-1]
        if first.from_stage_id is not None or first.changed_at != deal.created_at:
            problems["first change is not the creation"].append(deal.pk)
        for previous, change in zip(rows, rows[1:], strict=False):
            if change.from_stage_id != previous.to_stage_id:
                problems["from_stage is not the previous to_stage"].append(deal.pk)
            if change.from_stage_since != previous.changed_at:
                problems["from_stage_since is not the previous change"].append(deal.pk)
        if any(change.changed_at < deal.created_at for change in rows):
            problems["change before created_at"].append(deal.pk)
        if deal.closed_at is not None and any(c.changed_at > deal.closed_at for c in rows):
            problems["change after closed_at"].append(deal.pk)
        if deal.closed_at is not None and last.changed_at != deal.closed_at:
            problems["closing change is not at closed_at"].append(deal.pk)
        if last.to_stage_id != deal.stage_id or last.changed_at != deal.stage_entered_at:
            problems["last change is not the current stage"].append(deal.pk)
    return dict(problems)


def test_every_demo_stage_change_agrees_with_its_deals_dates(db):
    call_command("seed_demo", lang="en", verbosity=0)
    history = Deal.objects.filter(contact__email__endswith="@history.example")
    assert history.exists() and Deal.objects.exclude(pk__in=history).exists()
    assert Deal.objects.filter(status="won").exclude(pk__in=history).exists()
    assert Deal.objects.filter(status="lost").exclude(pk__in=history).exists()
    assert history_problems() == {}
