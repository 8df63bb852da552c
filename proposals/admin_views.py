"""The proposal builder in the Wagtail admin: start from a deal, see suggestions, send, revise."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required

from leads.permissions import deal_policy

from . import services
from .models import Proposal
from .permissions import proposal_policy
from .selectors import case_suggestions, expert_suggestions, price_estimate


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
            "case_suggestions": case_suggestions(deal=proposal.deal, services=service_pages),
            "expert_suggestions": expert_suggestions(services=service_pages),
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


@require_POST
@permission_required("proposals.change_proposal")
def proposal_action(request, pk, action):
    proposal = _proposal(request, pk)
    try:
        if action == "send":
            if not request.user.has_perm("proposals.send_proposal"):
                raise PermissionDenied
            proposal = services.proposal_send(proposal=proposal, user=request.user)
            messages.success(request, _("Sent. The private link is ready to share."))
        elif action == "revise":
            proposal = services.proposal_revise(proposal=proposal, user=request.user)
            messages.success(
                request,
                _("Version %(version)s created as a draft.") % {"version": proposal.version},
            )
        elif action == "revoke":
            services.proposal_revoke(proposal=proposal, user=request.user)
            messages.success(request, _("The link is revoked."))
        elif action in ("add_case", "add_expert"):
            services.proposal_add_evidence(
                proposal=proposal, kind=action.removeprefix("add_"), page_id=request.POST.get("id")
            )
        else:
            raise PermissionDenied
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("proposals_admin:detail", pk=proposal.pk)
