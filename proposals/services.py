"""Every write on proposals: create from a deal, recalculate, send, revise, view, accept, decline."""

import datetime
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.formatting import format_money
from core.untrusted import parse_positive_int, strip_nul
from leads.choices import ActivityKind, DealStatus, ProposalMilestone
from leads.models import Deal
from leads.services import activity_log, deal_ask_whether_lost, deal_reach_milestone
from leads.services.milestones import deal_settle_lost_question
from leads.tasks import notify_deal_owner

from . import money
from .choices import LineUnit, ProposalStatus
from .models import (
    Proposal,
    ProposalCase,
    ProposalExpert,
    ProposalLine,
    ProposalPhase,
    ProposalTemplate,
)
from .money import totals
from .pdf import proposal_pdf_discard
from .selectors import case_suggestions, expert_suggestions, send_problems
from .snapshot import build_snapshot
from .tasks import render_proposal_pdf

TOKEN_BYTES = 32  # 256 bits from the operating system's CSPRNG (secrets), 43 URL-safe characters
DEFAULT_VALID_DAYS = 30


def _number(deal: Deal) -> str:
    year = timezone.now().year
    count = Proposal.objects.filter(created_at__year=year, version=1).count() + 1
    return f"P-{year}-{count:04d}"


def _template_for(services) -> ProposalTemplate | None:
    service_ids = {service.pk for service in services}
    for template in ProposalTemplate.objects.prefetch_related("default_services"):
        if service_ids & {service.pk for service in template.default_services.all()}:
            return template
    return None


@transaction.atomic
def proposal_create_from_deal(*, deal: Deal, user=None) -> Proposal:
    """A draft filled from the deal: its services with their first package, a fitting template,
    and the best suggested cases and experts."""
    services = list(deal.services.live().prefetch_related("packages"))
    template = _template_for(services)
    with translation.override(settings.LANGUAGE_CODE):  # the client reads the title
        title = _("Proposal for %(client)s") % {
            "client": deal.company.name if deal.company else deal.contact.name
        }
    proposal = Proposal(
        deal=deal,
        number=_number(deal),
        title=title,
        currency=deal.currency,
        introduction=template.introduction if template else "",
        terms=template.terms if template else "",
        valid_until=timezone.localdate() + datetime.timedelta(days=DEFAULT_VALID_DAYS),
        created_by=user,
    )
    proposal.full_clean(exclude=["number"])
    proposal.save()
    for order, service in enumerate(services):
        package = next(iter(service.packages.all()), None)
        price = (
            package.price
            if package and package.price is not None
            else service.price_from or Decimal(0)
        )
        ProposalLine.objects.create(
            proposal=proposal,
            sort_order=order,
            service=service,
            package=package,
            description=f"{service.title}" + (f" — {package.name}" if package else ""),
            quantity=Decimal(1),
            unit=LineUnit.PROJECT,
            unit_price=price,
        )
    for order, suggestion in enumerate(case_suggestions(deal=deal, services=services)[:3]):
        if not suggestion.case.is_internal:
            ProposalCase.objects.create(proposal=proposal, case=suggestion.case, sort_order=order)
    for order, suggestion in enumerate(expert_suggestions(services=services)[:3]):
        ProposalExpert.objects.create(
            proposal=proposal,
            expert=suggestion.expert,
            role=suggestion.expert.position,
            sort_order=order,
        )
    proposal_recalculate(proposal=proposal)
    with translation.override(settings.LANGUAGE_CODE):  # the timeline is in the site's language
        text = _("Draft proposal %(number)s created") % {"number": proposal.number}
    activity_log(kind=ActivityKind.PROPOSAL, text=text, deal=deal, author=user)
    return proposal


def proposal_recalculate(*, proposal: Proposal) -> Proposal:
    """Round each line once, then the subtotal, discount, tax and total once each.

    A line or a total that no column (and no deal's amount) could hold is refused with a
    ``ValidationError`` before anything is stored (the edit form refuses it first)."""
    lines = list(proposal.lines.all())
    for line in lines:
        line.line_total = line.compute_total(proposal.currency)
        if not money.fits(line.line_total):
            raise ValidationError(
                money.too_large_message("line", line.line_total, proposal.currency)
            )
    result = totals(
        [line.line_total for line in lines],
        discount_percent=proposal.discount_percent,
        tax_rate=proposal.tax_rate,
        currency=proposal.currency,
    )
    largest = max(result["subtotal"], result["total"])
    if not money.fits(largest):
        raise ValidationError(money.too_large_message("proposal", largest, proposal.currency))
    for line in lines:
        line.save(update_fields=["line_total"])
    proposal.subtotal, proposal.discount_amount = result["subtotal"], result["discount"]
    proposal.tax_amount, proposal.total = result["tax"], result["total"]
    proposal.save(update_fields=["subtotal", "discount_amount", "tax_amount", "total"])
    return proposal


@transaction.atomic
def proposal_send(*, proposal: Proposal, user=None) -> Proposal:
    """Freeze everything shown and open a private link; an earlier version becomes superseded."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("deal").get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be sent; make a new version to change a sent proposal.")
        )
    problems = send_problems(proposal)  # no lines, a zero total, a validity date passed
    if problems:
        raise ValidationError(problems)
    # the snapshot, the timeline and the stage move are written in the site's language (as an
    # acceptance or a decline are), whatever language the sender's admin uses
    with translation.override(settings.LANGUAGE_CODE):
        return _send(proposal, user=user)


def _send(proposal: Proposal, *, user) -> Proposal:
    proposal_recalculate(proposal=proposal)
    now = timezone.now()
    valid_until = proposal.valid_until or (
        timezone.localdate() + datetime.timedelta(days=DEFAULT_VALID_DAYS)
    )
    proposal.valid_until = valid_until
    proposal.snapshot = build_snapshot(proposal)
    proposal.token = secrets.token_urlsafe(TOKEN_BYTES)
    proposal.link_expires_at = timezone.make_aware(
        datetime.datetime.combine(valid_until, datetime.time.max)
    )
    proposal.status, proposal.sent_at = ProposalStatus.SENT, now
    proposal.save()
    if proposal.previous_id:
        Proposal.objects.filter(pk=proposal.previous_id).update(status=ProposalStatus.SUPERSEDED)
        proposal_pdf_discard(proposal=proposal.previous)
    transaction.on_commit(lambda: render_proposal_pdf.enqueue(proposal.pk))
    activity_log(
        kind=ActivityKind.PROPOSAL,
        text=_("Proposal %(number)s v%(version)s sent, total %(total)s")
        % {
            "number": proposal.number,
            "version": proposal.version,
            "total": format_money(proposal.total, proposal.currency),
        },
        deal=proposal.deal,
        author=user,
    )
    if proposal.previous_id:  # a declined earlier version's question is answered by this one
        deal_settle_lost_question(
            deal=proposal.deal,
            about_proposal=proposal.number,
            why=_("version %(version)s of the proposal was sent") % {"version": proposal.version},
            user=user,
        )
    deal_reach_milestone(deal=proposal.deal, milestone=ProposalMilestone.SENT, user=user)
    return proposal


@transaction.atomic
def proposal_revise(*, proposal: Proposal, user=None) -> Proposal:
    """A new draft version with the same content; the sent one stays as it was until the new one is sent."""
    if proposal.status == ProposalStatus.DRAFT:
        return proposal
    if hasattr(proposal, "next_version"):
        raise ValidationError(_("A newer version of this proposal exists."))
    copy = Proposal.objects.create(
        deal=proposal.deal,
        number=proposal.number,
        version=proposal.version + 1,
        previous=proposal,
        title=proposal.title,
        valid_until=proposal.valid_until,
        currency=proposal.currency,
        introduction=proposal.introduction,
        terms=proposal.terms,
        discount_percent=proposal.discount_percent,
        tax_rate=proposal.tax_rate,
        created_by=user,
    )
    for line in proposal.lines.all():
        ProposalLine.objects.create(
            proposal=copy,
            sort_order=line.sort_order,
            service=line.service,
            package=line.package,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
        )
    for link in proposal.chosen_cases.all():
        ProposalCase.objects.create(proposal=copy, case=link.case, sort_order=link.sort_order)
    for link in proposal.chosen_experts.all():
        ProposalExpert.objects.create(
            proposal=copy, expert=link.expert, role=link.role, sort_order=link.sort_order
        )
    for phase in proposal.phases.all():
        ProposalPhase.objects.create(
            proposal=copy,
            name=phase.name,
            duration=phase.duration,
            deliverables=phase.deliverables,
            sort_order=phase.sort_order,
        )
    return proposal_recalculate(proposal=copy)


def proposal_revoke(*, proposal: Proposal, user=None) -> Proposal:
    proposal.revoked_at = timezone.now()
    proposal.save(update_fields=["revoked_at"])
    proposal_pdf_discard(proposal=proposal)
    activity_log(
        kind=ActivityKind.PROPOSAL,
        text=_("Link to proposal %(number)s revoked") % {"number": proposal.number},
        deal=proposal.deal,
        author=user,
    )
    return proposal


def _notify(proposal: Proposal, subject: str) -> None:
    transaction.on_commit(
        lambda: notify_deal_owner.enqueue(
            proposal.deal_id, subject, f"{proposal.number} v{proposal.version}: {proposal.title}"
        )
    )


@transaction.atomic
def proposal_record_view(*, proposal: Proposal) -> Proposal:
    """Count a view; the first one goes on the timeline and is emailed to the owner."""
    now = timezone.now()
    first = proposal.first_viewed_at is None
    Proposal.objects.filter(pk=proposal.pk).update(
        view_count=proposal.view_count + 1, last_viewed_at=now
    )
    proposal.view_count += 1
    proposal.last_viewed_at = now
    if first:
        proposal.first_viewed_at = now
        fields = ["first_viewed_at"]
        if proposal.status == ProposalStatus.SENT:
            proposal.status = ProposalStatus.VIEWED
            fields.append("status")
        proposal.save(update_fields=fields)
        text = _("The client opened proposal %(number)s") % {"number": proposal.number}
        activity_log(kind=ActivityKind.PROPOSAL, text=text, deal=proposal.deal)
        _notify(proposal, text)
    return proposal


def _answerable(proposal: Proposal) -> None:
    if proposal.status not in (ProposalStatus.SENT, ProposalStatus.VIEWED):
        raise ValidationError(_("This proposal can no longer be answered."))


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, name: str, position: str, ip_address: str | None
) -> Proposal:
    """Record the client's acceptance; the deal takes the accepted total as its amount and moves
    to the stage its pipeline names for an accepted proposal (never backwards).

    The client answers on a public page; the timeline is written in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _accept(proposal, name=name, position=position, ip_address=ip_address)


def _accept(proposal: Proposal, *, name: str, position: str, ip_address: str | None) -> Proposal:
    _answerable(proposal)
    name, position = strip_nul(name).strip()[:255], strip_nul(position).strip()[:255]
    if not name:
        raise ValidationError({"name": _("Enter your name to accept.")})
    proposal.status = ProposalStatus.ACCEPTED
    proposal.accepted_name, proposal.accepted_position = name, position
    proposal.accepted_at, proposal.accepted_ip = timezone.now(), ip_address
    # only the answer: a PDF kept meanwhile by another request stays kept
    proposal.save(
        update_fields=["status", "accepted_name", "accepted_position", "accepted_at", "accepted_ip"]
    )
    deal = proposal.deal
    text = _("%(name)s (%(position)s) accepted proposal %(number)s") % {
        "name": name,
        "position": position or "—",
        "number": proposal.number,
    }
    activity_log(kind=ActivityKind.PROPOSAL, text=text, deal=deal)
    deal = Deal.objects.select_for_update(of=("self",)).get(pk=deal.pk)
    if deal.status == DealStatus.OPEN and proposal.total and proposal.total > 0:
        if money.fits(proposal.total):
            deal.amount, deal.currency = proposal.total, proposal.currency
            deal.save(update_fields=["amount", "currency"])
            text_amount = _("Deal amount set from accepted proposal %(number)s: %(amount)s")
        else:  # the edit form refuses such a total; the acceptance stands all the same
            text_amount = _(
                "Accepted proposal %(number)s totals %(amount)s, more than a deal's amount "
                "holds: the deal's amount was left as it was."
            )
        activity_log(
            kind=ActivityKind.NOTE,
            text=text_amount
            % {
                "number": proposal.number,
                "amount": format_money(proposal.total, proposal.currency),
            },
            deal=deal,
        )
    deal_settle_lost_question(
        deal=deal, why=_("proposal %(number)s was accepted") % {"number": proposal.number}
    )
    deal_reach_milestone(deal=deal, milestone=ProposalMilestone.ACCEPTED)
    _notify(proposal, text)
    return proposal


@transaction.atomic
def proposal_decline(*, proposal: Proposal, reason: str = "") -> Proposal:
    """Record the client's refusal and ask the deal's owner, through a task due the next working
    morning, whether to mark the deal lost (written in the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _decline(proposal, reason=reason)


def _decline(proposal: Proposal, *, reason: str) -> Proposal:
    _answerable(proposal)
    proposal.status = ProposalStatus.DECLINED
    proposal.declined_at = timezone.now()
    proposal.decline_reason = strip_nul(reason).strip()[:5000]  # typed by the client
    proposal.save(update_fields=["status", "declined_at", "decline_reason"])
    text = _("The client declined proposal %(number)s") % {"number": proposal.number}
    activity_log(
        kind=ActivityKind.PROPOSAL,
        text=text + (f": {proposal.decline_reason}" if proposal.decline_reason else ""),
        deal=proposal.deal,
    )
    sender = proposal.created_by  # asked instead when the deal has no owner
    deal_ask_whether_lost(
        deal=Deal.objects.select_related("owner", "contact").get(pk=proposal.deal_id),
        title=_("Proposal %(number)s declined: mark the deal lost?") % {"number": proposal.number},
        asker=sender if sender is not None and sender.is_active else None,
        about_proposal=proposal.number,
    )
    _notify(proposal, text)
    return proposal


def proposal_link_state(proposal: Proposal | None) -> str:
    """What the private link shows: ok, missing, revoked, expired or superseded."""
    if proposal is None or not proposal.token:
        return "missing"
    if proposal.revoked_at:
        return "revoked"
    if proposal.status == ProposalStatus.SUPERSEDED:
        return "superseded"
    if proposal.link_expires_at and proposal.link_expires_at < timezone.now():
        return "expired"
    return "ok"


@transaction.atomic
def proposal_add_evidence(*, proposal: Proposal, kind: str, page_id: Any) -> None:
    """Add a live case (``kind="case"``) or expert (``"expert"``) to a draft, once."""
    from cases.models import CasePage
    from experts.models import ExpertPage

    if not proposal.is_editable:
        raise ValidationError(_("Make a new version to change a sent proposal."))
    model, chosen, field = {
        "case": (CasePage, ProposalCase, "case"),
        "expert": (ExpertPage, ProposalExpert, "expert"),
    }[kind]
    pk = parse_positive_int(str(page_id))
    page = model.objects.live().filter(pk=pk).first() if pk else None
    if page is None:
        raise ValidationError(_("Choose a published case or expert from the suggestions."))
    defaults = {"sort_order": 99}
    if kind == "expert":
        defaults["role"] = page.position  # what the client reads; sales may change it
    chosen.objects.get_or_create(proposal=proposal, **{field: page}, defaults=defaults)
