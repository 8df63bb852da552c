"""The client's side of a sent proposal: a view of its private page, an acceptance, a decline.
Each is written in the site's language and tells the deal's owner."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.formatting import format_money
from core.untrusted import strip_nul
from leads.choices import ActivityKind, DealStatus, ProposalMilestone
from leads.models import Deal
from leads.services import activity_log, deal_ask_whether_lost, deal_reach_milestone
from leads.services.milestones import deal_settle_lost_question
from leads.tasks import notify_deal_owner

from .. import money
from ..choices import ProposalStatus
from ..models import Proposal


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
