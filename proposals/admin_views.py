"""The proposal builder in the Wagtail admin: start from a deal, see suggestions, send, revise.

Each button posts to its own small view (``proposal_action``), which calls one service."""

import datetime
import hashlib
import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin.auth import permission_required

from leads.admin_deal_actions import report
from leads.permissions import deal_policy

from . import services
from .models import Proposal
from .permissions import proposal_policy
from .selectors import (
    case_suggestions,
    expert_suggestions,
    price_estimate,
    proposal_period,
    send_problems,
)
from .snapshot import build_snapshot

#: the private link of a draft does not exist yet: the preview's links point nowhere
PREVIEW_LINK_PLACEHOLDER = "preview"


def _proposal(request, pk) -> Proposal:
    return proposal_policy.get_or_404(
        request.user,
        Proposal.objects.select_related("deal", "deal__contact", "deal__company"),
        pk=pk,
    )


@require_POST
@permission_required("proposals.add_proposal")
def proposal_new(request, deal_id):
    deal = deal_policy.get_or_404(request.user, pk=deal_id)
    proposal = services.proposal_create_from_deal(deal=deal, user=request.user)
    messages.success(
        request, _("Draft %(number)s created from the deal.") % {"number": proposal.number}
    )
    return redirect("proposals_admin:detail", pk=proposal.pk)


@permission_required("proposals.view_proposal")
def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    chosen_services = [
        line.service for line in proposal.lines.select_related("service") if line.service
    ]
    service_pages = list(proposal.deal.services.all()) or chosen_services
    return TemplateResponse(
        request,
        "proposals/admin/proposal_detail.html",
        {
            "proposal": proposal,
            "lines": proposal.lines.select_related("service", "package"),
            "cases": proposal.chosen_cases.select_related("case"),
            "experts": proposal.chosen_experts.select_related("expert"),
            "case_suggestions": case_suggestions(
                deal=proposal.deal,
                services=service_pages,
                exclude={link.case_id for link in proposal.chosen_cases.all()},
            ),
            "expert_suggestions": expert_suggestions(
                services=service_pages,
                exclude={link.expert_id for link in proposal.chosen_experts.all()},
                period=proposal_period(proposal),
            ),
            "send_problems": send_problems(proposal) if proposal.is_editable else [],
            "estimate": price_estimate(lines=proposal.lines.all(), services=service_pages),
            "public_url": request.build_absolute_uri(
                reverse("proposals:page", args=[proposal.token])
            )
            if proposal.token
            else "",
            "versions": Proposal.objects.filter(
                deal=proposal.deal, number=proposal.number
            ).order_by("version"),
        },
    )


def proposal_action(view):
    """Make ``view(request, proposal)`` a builder action: POST only, ``change_proposal``, the
    proposal through its deal's permission policy (another owner's is a 404), a refused input
    shown as messages; back to the builder page (of the proposal the view returns, if any)."""

    @require_POST
    @permission_required("proposals.change_proposal")
    @wraps(view)
    def action(request, pk, **kwargs):
        proposal = _proposal(request, pk)
        try:
            proposal = view(request, proposal, **kwargs) or proposal
        except ValidationError as error:
            report(request, error)
        return redirect("proposals_admin:detail", pk=proposal.pk)

    return action


@proposal_action
def proposal_revise(request, proposal):
    proposal = services.proposal_revise(proposal=proposal, user=request.user)
    messages.success(
        request, _("Version %(version)s created as a draft.") % {"version": proposal.version}
    )
    return proposal


@proposal_action
def proposal_revoke(request, proposal):
    services.proposal_revoke(proposal=proposal, user=request.user)
    messages.success(request, _("The link is revoked."))


@proposal_action
def proposal_add_case(request, proposal):
    services.proposal_add_case(proposal=proposal, case_id=request.POST.get("id"))


@proposal_action
def proposal_add_expert(request, proposal):
    services.proposal_add_expert(proposal=proposal, expert_id=request.POST.get("id"))


@proposal_action
def proposal_unknown_action(request, proposal, action):
    """A path under the proposal that names no action: refused, after the same checks as a real one."""
    raise PermissionDenied


def preview_snapshot(proposal: Proposal) -> dict:
    """What the client's page will show once sent, built as sending builds it; nothing is saved."""
    if proposal.valid_until is None:  # sending fills it in the same way
        proposal.valid_until = timezone.localdate() + datetime.timedelta(
            days=services.DEFAULT_VALID_DAYS
        )
    return build_snapshot(proposal)


def snapshot_fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _confirm_page(request, proposal: Proposal, data: dict):
    with translation.override(settings.LANGUAGE_CODE):  # the client's page is in the site's
        client_page = render_to_string(  # language, whatever the admin's user prefers
            "proposals/proposal_page.html",
            {"proposal": proposal, "data": data, "token": PREVIEW_LINK_PLACEHOLDER, "errors": {}},
            request=request,
        )
    return TemplateResponse(
        request,
        "proposals/admin/proposal_send_confirm.html",
        {
            "proposal": proposal,
            "data": data,
            "contact": proposal.deal.contact,
            "company": proposal.deal.company,
            "client_page": client_page,
            "fingerprint": snapshot_fingerprint(data),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("proposals.change_proposal")
@permission_required("proposals.send_proposal")
def proposal_send_confirm(request, pk):
    """GET: the client's page as it will look, who it goes to, the total and validity, and a
    button to send. POST: send — only what was shown (a draft changed meanwhile is shown again)."""
    proposal = _proposal(request, pk)
    if not proposal.is_editable:
        messages.error(
            request, _("Only a draft can be sent; make a new version to change a sent proposal.")
        )
        return redirect("proposals_admin:detail", pk=proposal.pk)
    problems = send_problems(proposal)
    if problems:
        for message in problems:
            messages.error(request, message)
        return redirect("proposals_admin:detail", pk=proposal.pk)
    data = preview_snapshot(proposal)
    if request.method != "POST":
        return _confirm_page(request, proposal, data)
    if request.POST.get("fingerprint") != snapshot_fingerprint(data):
        messages.warning(
            request,
            _("The proposal changed after this preview was shown: check it again and confirm."),
        )
        return _confirm_page(request, proposal, data)
    try:
        services.proposal_send(proposal=proposal, user=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Sent. The private link is ready to share."))
    return redirect("proposals_admin:detail", pk=proposal.pk)
