"""Public request form endpoints: thin, everything goes through ``lead_receive``."""

import logging

from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.models import SiteSettings
from serving.origin import same_site

from .forms import LeadCaptureForm, RequestForm
from .selectors import request_source_page
from .services import LeadMeta, RateLimited, lead_receive
from .spam import client_ip, fill_seconds, too_fast_reason
from .visitor import parse_visitor_path

logger = logging.getLogger(__name__)
CROSS_SITE_MESSAGE = _("This form can only be sent from our own site.")
RATE_LIMIT_MESSAGE = _(
    "You have sent several requests in a short time. Please wait an hour or call us: "
    "your earlier requests have reached us."
)


def _render_form(request, form, page, status):
    return render(
        request, "leads/request_page.html", {"form": form, "source_page": page}, status=status
    )


@csrf_exempt  # works on cached and exported pages; see serving/origin.py for what protects it
@require_POST
def request_submit(request):
    """Receive the request form: show a person's mistakes, drop obvious bots silently, stop
    floods, keep every valid request (one sent too fast is held as suspected spam)."""
    if not same_site(request):
        return HttpResponseForbidden(CROSS_SITE_MESSAGE)
    consent_text = SiteSettings.for_request(request).consent_text
    form = RequestForm(request.POST, consent_text=consent_text)
    page = request_source_page(request.POST.get("source_page"))

    if request.POST.get("website"):  # the honeypot: no person sees that field
        logger.info("Dropped a bot submission (honeypot) from %s", client_ip(request))
        return redirect("leads:thanks")
    if not form.is_valid():  # whatever the timing: an autofilled form may be incomplete
        return _render_form(request, form, page, status=400)
    seconds = fill_seconds(request.POST.get("started", ""))
    if seconds is None:  # no stamp, or not ours: not sent from a page we rendered
        logger.info("Dropped a bot submission (no valid stamp) from %s", client_ip(request))
        return redirect("leads:thanks")

    meta = LeadMeta.from_request(
        request,
        channel="form",
        source="website",
        visit=parse_visitor_path(request.POST.get("visitor_path", "")),
        consent_text=consent_text,
        dedupe_key=form.cleaned_data["form_token"],
        spam_reason=too_fast_reason(seconds),
    )
    try:
        lead_receive(
            data={name: request.POST.get(name, "") for name in LeadCaptureForm.base_fields},
            cleaned=form.cleaned_data,
            source_page=page,
            meta=meta,
        )
    except RateLimited:
        form.add_error(None, ValidationError(RATE_LIMIT_MESSAGE))
        return _render_form(request, form, page, status=429)
    return redirect("leads:thanks")


@require_GET
def request_thanks(request):
    return render(request, "leads/thanks.html")
