"""Sending a proposal (freeze what is shown, open a private link) and revoking its link, and
what that link shows."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.formatting import format_money
from leads.choices import ActivityKind, ProposalMilestone
from leads.services import activity_log, deal_reach_milestone
from leads.services.milestones import deal_settle_lost_question

from ..choices import ProposalStatus
from ..models import Proposal
from ..pdf import proposal_pdf_discard
from ..selectors import send_problems
from ..snapshot import build_snapshot
from ..tasks import render_proposal_pdf
from .drafting import DEFAULT_VALID_DAYS, proposal_recalculate

TOKEN_BYTES = 32  # 256 bits from the operating system's CSPRNG (secrets), 43 URL-safe characters


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
