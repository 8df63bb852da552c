"""The client's private proposal page, its PDF, and the accept / decline answers."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from serving.client_address import client_ip

from .models import Proposal
from .pdf import PDF_RETRY_SECONDS, proposal_pdf_get
from .services import proposal_accept, proposal_decline, proposal_link_state, proposal_record_view


def _find(token: str) -> Proposal | None:
    if not token or len(token) > 64:
        return None
    return Proposal.objects.select_related("next_version").filter(token=token).first()


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = (
        "same-origin"  # the token never leaks to other sites; forms keep their Origin
    )
    return response


def _state_page(request, proposal, state):
    newer = None
    if state == "superseded" and proposal is not None:
        newer = getattr(proposal, "next_version", None)
        newer = (
            newer
            if newer is not None and newer.token and proposal_link_state(newer) == "ok"
            else None
        )
    response = TemplateResponse(
        request,
        "proposals/link_state.html",
        {"state": state, "newer": newer},
        status=404 if state == "missing" else 410,
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD"])
def proposal_page(request, token):
    proposal = _find(token)
    state = proposal_link_state(proposal)
    if state != "ok":
        return _state_page(request, proposal, state)
    if request.method == "GET":
        proposal = proposal_record_view(proposal=proposal)
    context = {"proposal": proposal, "data": proposal.snapshot, "token": token, "errors": {}}
    return _private(TemplateResponse(request, "proposals/proposal_page.html", context))


@never_cache
@require_http_methods(["GET"])
def proposal_pdf(request, token):
    proposal = _find(token)
    state = proposal_link_state(proposal)
    if state != "ok":
        return _state_page(request, proposal, state)
    content = proposal_pdf_get(proposal=proposal)
    if content is None:  # being rendered: the page asks again in a moment
        response = TemplateResponse(
            request,
            "proposals/pdf_preparing.html",
            {"token": token, "retry": PDF_RETRY_SECONDS},
            status=503,
        )
        response["Retry-After"] = str(PDF_RETRY_SECONDS)
        return _private(response)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{proposal.number}-v{proposal.version}.pdf"'
    )
    return _private(response)


@never_cache
@require_POST
def proposal_answer(request, token, answer):
    proposal = _find(token)
    state = proposal_link_state(proposal)
    if state != "ok":
        return _state_page(request, proposal, state)
    try:
        if answer == "accept":
            proposal_accept(
                proposal=proposal,
                name=request.POST.get("name", ""),
                position=request.POST.get("position", ""),
                ip_address=client_ip(request),
            )
        else:
            proposal_decline(proposal=proposal, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        context = {"proposal": proposal, "data": proposal.snapshot, "token": token, "errors": error}
        return _private(
            TemplateResponse(request, "proposals/proposal_page.html", context, status=400)
        )
    return redirect("proposals:page", token=token)
