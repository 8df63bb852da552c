"""The demo's delivered projects: the portfolio loop of ``projects`` shown on the demo data.

- the accepted demo proposals get dated phases and their team's hours, so the experts' workload
  is computed from real assignments (two proposals overlap: some experts are over 100 % in
  some weeks); a part-timer's capacity and a manager's override with its reason and end;
- some won demo deals become draft cases (``case_draft_create``; in ``make run`` the worker
  makes the rest); for a few of them the client was asked to confirm the results: two answers
  an editor rewrote and published (the public page says "Results confirmed by the client"),
  one answer waiting for the editor, one link not answered yet.

Everything goes through the projects services, once: a case with a confirmation, a proposal
with phases, an expert with a capacity row are left as they are on the next run.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import slugify

from cases.models import CasePage, Industry
from experts.models import ExpertPage
from leads.choices import DealStatus
from leads.models import Deal
from projects.models import Assignment, ClientConfirmation
from projects.services.cases import case_draft_create
from projects.services.confirmations import confirmation_answer, confirmation_send
from projects.services.workload import (
    assignments_from_proposal,
    expert_capacity_set,
    expert_override_set,
)
from proposals.choices import ProposalStatus
from proposals.models import Proposal, ProposalPhase

from ..data import projects as data
from ..pipeline_history import HISTORY_EMAIL_DOMAIN
from .base import Seeding

#: the address the demo clients answered from (documentation range, RFC 5737)
CLIENT_IP = "192.0.2.20"


def seed_projects(ctx: Seeding) -> None:
    """Plans, workload and the draft cases with their confirmations, in the seeding language
    (the drafts' starting notes are written by the projects services in the active one)."""
    with translation.override(ctx.lang), transaction.atomic():
        manager = User.objects.filter(groups__name="Sales managers").order_by("pk").first()
        for proposal, plan in zip(_accepted_proposals(), data.PLANS, strict=False):
            _plan(ctx, proposal, plan)
        _capacities(ctx, manager)
        pages = CasePage.objects.count()
        _cases(ctx, _editor())
        # new pages: the caller then rebuilds the search and reference indexes
        ctx.created += CasePage.objects.count() - pages


def _demo_deals():
    """The demo's own deals (demo/deals.py), not the year of history behind the reports."""
    return Deal.objects.filter(company__isnull=False).exclude(
        contact__email__endswith=f"@{HISTORY_EMAIL_DOMAIN}"
    )


def _accepted_proposals() -> list[Proposal]:
    return list(
        Proposal.objects.filter(status=ProposalStatus.ACCEPTED, deal__in=_demo_deals())
        .exclude(number__startswith="H-")
        .order_by("pk")
    )


# Workload


def _plan(ctx: Seeding, proposal: Proposal, plan: dict) -> None:
    """Date the proposal's phases and give its team hours, once; then book the team again
    (the acceptance booked nothing: its phases had no dates then)."""
    if not proposal.phases.exists():
        today = timezone.localdate()
        for order, (name, duration, first, last) in enumerate(plan["phases"]):
            ProposalPhase.objects.create(
                proposal=proposal,
                sort_order=order,
                name=ctx.t(name),
                duration=ctx.t(duration),
                starts_on=today + datetime.timedelta(days=first),
                ends_on=today + datetime.timedelta(days=last),
            )
        members = proposal.chosen_experts.order_by("sort_order", "pk")
        for member, (hours, share, phase) in zip(members, plan["team"], strict=False):
            if member.hours_per_week is None and member.share_percent is None:
                member.hours_per_week = None if hours is None else Decimal(hours)
                member.share_percent = share
                member.phase_number = phase
                member.save(update_fields=["hours_per_week", "share_percent", "phase_number"])
    if not Assignment.objects.filter(proposal=proposal).exists():
        assignments_from_proposal(proposal=proposal)


def _capacities(ctx: Seeding, manager) -> None:
    """A part-timer or two and one override, for experts without a capacity row yet."""
    experts = {e.slug: e for e in ExpertPage.objects.filter(capacity__isnull=True)}
    for slug, hours in data.CAPACITIES:
        if slug in experts:
            expert_capacity_set(expert=experts[slug], hours_per_week=hours, user=manager)
    slug, percent, reason, days = data.OVERRIDE
    if slug in experts:
        expert_override_set(
            expert=experts[slug],
            percent=percent,
            reason=ctx.t(reason),
            until=timezone.localdate() + datetime.timedelta(days=days),
            user=manager,
        )


# Draft cases and the clients' confirmations


def _editor() -> User:
    """The demo's editor, who rewrites and publishes the confirmed cases (no password: the
    name in the page history)."""
    username, first, last = data.EDITOR
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@northwind.example"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    return user


def _story_deals() -> list[tuple[Deal, dict | None]]:
    """Each story's won deal (the first with its service), then the plain drafts' deals."""
    won = list(
        _demo_deals()
        .filter(status=DealStatus.WON)
        .select_related("contact", "owner")
        .prefetch_related("services")
        .order_by("pk")
    )
    chosen: list[tuple[Deal, dict | None]] = []
    left = list(won)
    for story in data.STORIES:
        deal = next(
            (d for d in left if story["service"] in {s.slug for s in d.services.all()}),
            left[0] if left else None,
        )
        if deal is None:
            break
        left.remove(deal)
        chosen.append((deal, story))
    chosen += [(deal, None) for deal in left[: data.EXTRA_DRAFTS]]
    return chosen


def _cases(ctx: Seeding, editor: User) -> None:
    for deal, story in _story_deals():
        case = case_draft_create(deal=deal, user=deal.owner)
        if story is None or ClientConfirmation.objects.filter(case=case).exists():
            continue
        confirmation = confirmation_send(case=case, user=deal.owner)
        if story["outcome"] == data.SENT:
            continue
        confirmation_answer(
            confirmation=confirmation,
            data=_answer(ctx, deal, story),
            photo=None,
            ip_address=CLIENT_IP,
        )
        if story["outcome"] == data.PUBLISHED:
            _publish(ctx, case, story, editor)


def _answer(ctx: Seeding, deal: Deal, story: dict) -> dict:
    """What the client filled in on the confirmation page (a valid ConfirmationForm's data)."""
    return {
        "metrics": [
            {
                "label": ctx.t(label),
                "value_before": Decimal(before),
                "value_after": Decimal(after),
                "unit": ctx.t(unit),
                "period": "",
                "higher_is_better": higher,
            }
            for label, before, after, unit, higher in story["metrics"]
        ],
        "quote": ctx.t(story["quote"]),
        "name": deal.contact.name,
        "position": ctx.t(story["position"]),
        "score": story["score"],
        "comment": ctx.t(story["comment"]),
        "publication": story["publication"],
        "may_be_reference": story["may_be_reference"],
        "consent": True,
    }


def _publish(ctx: Seeding, case: CasePage, story: dict, editor: User) -> None:
    """The editor's part: rewrite the draft's starting notes (the client's request and the
    scope) into the case's story, keep the visibility the client allowed, and publish."""
    # read again: the client's answer is a newer revision than the one this object knows
    page = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    page.title = page.draft_title = ctx.t(story["title"])
    slug = slugify(story["title"][0])
    if not case.get_siblings().filter(slug=slug).exists():
        page.slug = slug
    page.client_description = ctx.t(story["client_description"])
    industry = Industry.objects.filter(slug=story["industry"]).first()
    if industry is not None:
        page.industry = industry
    page.summary = ctx.t(story["summary"])
    page.challenge = format_html("<p>{}</p>", ctx.t(story["challenge"]))
    page.solution = format_html("<p>{}</p>", ctx.t(story["solution"]))
    revision = page.save_revision(user=editor, log_action=True)
    revision.publish(user=editor)
