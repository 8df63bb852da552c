"""One batch of the generated history (``demo.pipeline_history``): plan every deal of the batch
with ``demo.history_plan``, then write the batch's contacts, deals, their services, stage
changes, proposals and proposal lines, one ``bulk_create`` each."""

import dataclasses
import datetime
from decimal import Decimal

from django.utils import timezone

from leads.choices import DealStatus, Qualification, StageKind
from leads.models import Contact, Deal, StageChange
from proposals.models import Proposal, ProposalLine

from . import history_plan as plan
from .history_names import person_name, proposal_title

DAY = datetime.timedelta(days=1)
#: the share of deals in these currencies (the rest in roubles) and roubles per unit
FOREIGN = [("USD", 0.04, 95), ("EUR", 0.02, 100)]
API_SOURCE = {"en": "Partner site", "ru": "Сайт партнёра"}


@dataclasses.dataclass
class Generated:
    """What one call of ``generate_history`` wrote."""

    deals: int = 0
    stage_changes: int = 0
    proposals: int = 0
    companies: int = 0
    contacts: int = 0
    seconds: float = 0.0


def _touch(rng, ctx, created):
    """(source, utm, landing, first_touch, visitor_path, win bias) of one request."""
    kind = rng.random()
    if kind < 0.12:
        return "manual", {}, "", {}, [], 0.1
    if kind < 0.2:  # an API key's name: a partner's site sending its requests
        return API_SOURCE[ctx.lang], {}, "", {}, [], 0.15
    channel = rng.choices(plan.CHANNELS, weights=plan.CHANNEL_WEIGHTS)[0]
    source, medium, campaigns, _, bias = channel
    utm = {}
    if source:
        utm = {"utm_source": source, "utm_medium": medium}
        if campaigns:
            utm["utm_campaign"] = rng.choice(campaigns)
    path = []
    if ctx.pages:
        seen = rng.choices([0, 1, 2, 3, 4, 5], weights=[25, 25, 20, 15, 10, 5])[0]
        for n, page in enumerate(rng.choice(ctx.pages) for _ in range(seen)):
            moment = created - datetime.timedelta(minutes=3 * (seen - n))
            path.append({"url": page[0], "title": page[1], "at": moment.isoformat()})
            bias += {"CasePage": 0.08, "ExpertPage": 0.05}.get(page[2], 0.0)
    landing = ctx.base_url + (path[0]["url"] if path else "/")
    at = created - datetime.timedelta(minutes=20)
    first = {"landing": landing, "referrer": "", "utm": utm, "at": at.isoformat(timespec="seconds")}
    if rng.random() < 0.35:
        earlier = rng.choices(plan.CHANNELS, weights=plan.CHANNEL_WEIGHTS)[0]
        page = rng.choice(ctx.pages) if ctx.pages else ("/", "", "")
        at = created - datetime.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 12))
        first = {
            "landing": ctx.base_url + page[0],
            "referrer": "",
            "utm": {"utm_source": earlier[0], "utm_medium": earlier[1]} if earlier[0] else {},
            "at": at.isoformat(timespec="seconds"),
        }
    return "website", utm, landing, first, path, min(bias, 0.6)


def _money(rng, ctx, service_index):
    base = ctx.service_base[service_index] if service_index is not None else 500_000
    roubles = base * rng.lognormvariate(0, 0.5)
    draw = rng.random()
    for currency, share, rate in FOREIGN:
        if draw < share:
            return Decimal(plan.rounded(roubles / rate, 100)), currency
        draw -= share
    return Decimal(plan.rounded(roubles, 10_000)), "RUB"


def _proposal(rng, ctx, flow, deal, who, moves, limit):
    """The deal's proposal (unsaved) if it reached the stage a sent proposal leads to."""
    if flow.sent_index is None:
        return None
    later = {stage.pk for stage in flow.open[flow.sent_index :]} | {flow.won.pk}
    sent = next((moment for stage, moment in moves if stage.pk in later), None)
    if sent is None:
        return None
    last = moves[-1][0]
    valid_until = (sent + 30 * DAY).date()
    proposal = Proposal(
        deal=deal,
        title=proposal_title(ctx.lang, deal.title)[:255],
        status="sent",
        currency=deal.currency,
        subtotal=deal.amount or 0,
        total=deal.amount or 0,
        sent_at=sent,
        created_at=sent - datetime.timedelta(hours=rng.randint(1, 48)),
        valid_until=valid_until,
        created_by_id=deal.owner_id,
    )
    if ctx.has_template and ctx.templates:
        proposal.template = rng.choice(ctx.templates + [None])
    if last.pk == flow.won.pk:
        accepted_pk = flow.open[flow.accepted_index].pk if flow.accepted_index is not None else None
        answer = next(
            (m for s, m in moves if s.pk in (accepted_pk, flow.won.pk) and m > sent), None
        )
        proposal.status, proposal.accepted_at = "accepted", answer or moves[-1][1]
        proposal.accepted_name = who
    elif last.pk == flow.lost.pk and moves[-1][1] > sent:
        draw = rng.random()
        if draw < 0.45:
            proposal.status, proposal.declined_at = "declined", moves[-1][1]
        elif draw < 0.75:
            proposal.status = "expired"
        else:
            proposal.status = "viewed"
    elif valid_until < limit.date():
        proposal.status = "expired" if rng.random() < 0.8 else "viewed"
    elif rng.random() < 0.7:
        proposal.status = "viewed"
    answered = proposal.accepted_at or proposal.declined_at or limit
    if proposal.status != "sent" and (proposal.status != "expired" or rng.random() < 0.4):
        viewed = sent + (answered - sent) * rng.uniform(0.02, 0.4)
        proposal.first_viewed_at, proposal.last_viewed_at = viewed, viewed
        proposal.view_count = rng.randint(1, 6)
    if proposal.status == "viewed" and proposal.first_viewed_at is None:
        proposal.status = "sent"
    return proposal


def _deal(rng, ctx, number, companies, start, limit, wanted, written, with_proposals):
    """One planned deal: (Deal, [StageChange], Proposal | None, service ids, new Contact | None)."""
    created_day = rng.choices(ctx.days, cum_weights=ctx.day_weights)[0]
    created = timezone.make_aware(
        datetime.datetime.combine(
            created_day, datetime.time(rng.randint(8, 19), rng.randint(0, 59))
        )
    )
    created = min(max(created, start), limit)
    service_index = (
        rng.choices(range(len(ctx.services)), weights=ctx.service_weights)[0]
        if ctx.services
        else None
    )
    service_ids = [ctx.services[service_index].pk] if service_index is not None else []
    if service_ids and rng.random() < 0.1:
        service_ids.append(rng.choice(ctx.services).pk)
        service_ids = sorted(set(service_ids))
    pipeline_id = rng.choice(
        ctx.service_pipelines[service_ids[0]] if service_ids else sorted(ctx.flows)
    )
    flow = ctx.flows[pipeline_id]
    source, utm, landing, first, path, bias = _touch(rng, ctx, created)
    life = plan.walk(rng, flow, bias)
    if wanted:
        deficit = round(wanted * (number + 1)) - written - len(life.moves)
        plan.add_loops(rng, flow, life, max(0, min(deficit // 2, 30)))
    plan.schedule(rng, life, created, limit, scale=len(flow.open) / 6)
    moves = life.moves
    last, closed = moves[-1]
    company = None
    contact = None
    if rng.random() < 0.85 and companies:
        company = companies[int(len(companies) * rng.random() ** 2.5)]
    else:
        contact = Contact(name=person_name(rng, ctx.lang), consent_given=True)
    amount, currency = _money(rng, ctx, service_index)
    if last.kind == StageKind.OPEN and moves[-1][0].pk == flow.open[0].pk and rng.random() < 0.3:
        amount = None
    what = ctx.services[service_index].title if service_index is not None else "—"
    deal = Deal(
        title=f"{what} — {company[1] if company else contact.name}"[:255],
        company_id=company[0] if company else None,
        pipeline_id=pipeline_id,
        stage_id=last.pk,
        owner_id=rng.choice(ctx.owners).pk if ctx.owners else None,
        amount=amount,
        currency=currency,
        source=source,
        utm=utm,
        landing_page=landing,
        first_touch=first,
        visitor_path=path,
        created_at=created,
        stage_entered_at=closed,
        status=DealStatus.OPEN,
        qualification=Qualification.TARGET if len(moves) > 1 else Qualification.NEW,
    )
    if contact is None:
        deal.contact_id = company[2]
    else:
        deal.contact = contact  # saved with its batch before the deal
    if last.kind == StageKind.WON:
        deal.status, deal.closed_at = DealStatus.WON, closed
    elif last.kind == StageKind.LOST:
        deal.status, deal.closed_at = DealStatus.LOST, closed
        lost_at = moves[-2][0]
        early = lost_at.pk == flow.open[0].pk
        after = flow.sent_index is not None and any(
            s.pk == stage.pk for stage, _ in moves for s in flow.open[flow.sent_index :]
        )
        if ctx.reasons:
            weights = plan.reason_weights(len(ctx.reasons), early, after)
            deal.lost_reason = rng.choices(ctx.reasons, weights=weights)[0]
            if early and deal.lost_reason == ctx.reasons[0]:
                deal.qualification = Qualification.NOT_TARGET
    if rng.random() < 0.8:
        deal.expected_close_date = (
            limit.date() + rng.randint(-10, 120) * DAY
            if deal.status == DealStatus.OPEN
            else (created + rng.randint(14, 90) * DAY).date()
        )
    if ctx.has_probability and deal.status == DealStatus.OPEN and rng.random() < 0.25:
        deal.probability = min(
            100, max(0, plan.rounded(last.win_probability + rng.randint(-15, 15), 5))
        )
    who = company[3] if company else contact.name
    proposal = _proposal(rng, ctx, flow, deal, who, moves, limit) if with_proposals else None
    if proposal is not None:
        proposal.number = f"H-{proposal.sent_at:%y%m}-{number + 1}"
        proposal.line_service_id = service_ids[0] if service_ids else None
    return deal, moves, proposal, service_ids, contact


def _record_page_views(deal_ids: list[int]) -> None:
    """The content report's table of the pages each deal's visitor read
    (``analytics.page_views``): Deal's signals keep it for deals saved one by one, and
    ``bulk_create`` sends none."""
    try:
        from analytics import page_views
    except ImportError:
        return
    page_views.refresh(deal_ids)


def record_deal_facts(deal_ids: list[int]) -> None:
    """The segments report's table of each deal's service types and the figures' facts row of
    each deal (``analytics.deal_facts``): the deals and links above are written by
    ``bulk_create``, and demo.deals back-dates with ``update()``, which send no signal."""
    try:
        from analytics import deal_facts
    except ImportError:
        return
    deal_facts.refresh(deal_ids)
    deal_facts.refresh_facts(deal_ids)


def write_batch(
    rng, ctx, first, count, companies, start, limit, wanted, written, proposals, result
):
    """Plan and write deals ``first`` … ``first + count - 1``; returns the stage changes
    written so far (the running total the loops aim at)."""
    planned = []
    for number in range(first, first + count):
        row = _deal(rng, ctx, number, companies, start, limit, wanted, written, proposals)
        written += len(row[1])
        planned.append(row)
    contacts = [row[4] for row in planned if row[4] is not None]
    Contact.objects.bulk_create(contacts)
    for deal, *_, contact in planned:
        if contact is not None:
            deal.contact = contact
    Deal.objects.bulk_create([row[0] for row in planned])
    _record_page_views([row[0].pk for row in planned])
    through = Deal.services.through
    through.objects.bulk_create(
        [through(deal_id=row[0].pk, servicepage_id=pk) for row in planned for pk in row[3]]
    )
    record_deal_facts([row[0].pk for row in planned])
    StageChange.objects.bulk_create(
        [
            StageChange(
                deal_id=deal.pk,
                from_stage_id=previous[0].pk if previous else None,
                from_stage_since=previous[1] if previous else None,
                to_stage_id=stage.pk,
                changed_at=moment,
                changed_by_id=deal.owner_id,
            )
            for deal, moves, *_ in planned
            for previous, (stage, moment) in zip([None] + moves[:-1], moves, strict=True)
        ]
    )
    made = Proposal.objects.bulk_create([row[2] for row in planned if row[2] is not None])
    ProposalLine.objects.bulk_create(
        [
            ProposalLine(
                proposal=proposal,
                service_id=proposal.line_service_id,
                description=proposal.deal.title[:500],
                unit_price=proposal.total,
                line_total=proposal.total,
                sort_order=0,
            )
            for proposal in made
        ]
    )
    result.deals += len(planned)
    result.stage_changes += sum(len(row[1]) for row in planned)
    result.proposals += len(made)
    result.contacts += len(contacts)
    return written
