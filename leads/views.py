"""Public request form endpoints: thin, everything goes through ``lead_receive``."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from core.models import SiteSettings
from core.origin import same_site
from core.public import public

from .forms import LeadCaptureForm, RequestForm
from .services import LeadMeta, RateLimited, lead_receive
from .spam import client_ip, fill_seconds
from .visitor import parse_visitor_path

logger = logging.getLogger(__name__)
CROSS_SITE_MESSAGE = _("This form can only be sent from our own site.")
RATE_LIMIT_MESSAGE = _(
    "You have sent several requests in a short time. Please wait an hour or call us: "
    "your earlier requests have reached us."
)


def _source_page(value) -> Page | None:
    try:
        page_id = int(value)
    except (TypeError, ValueError):
        return None
    return public(Page.objects.live()).filter(pk=page_id, depth__gt=1).first()


def _too_fast(seconds: float) -> str:
    """Why a request sent after ``seconds`` is held, in the site's language (managers read it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(
            "Sent %(seconds).1f s after the form was shown; a person usually needs "
            "at least %(minimum)s s."
        ) % {"seconds": max(seconds, 0), "minimum": settings.LEADS_MIN_FILL_SECONDS}


def _render_form(request, form, page, status):
    return render(
        request, "leads/request_page.html", {"form": form, "source_page": page}, status=status
    )


@csrf_exempt  # works on cached and exported pages; see core/origin.py for what protects it
@require_POST
def request_submit(request):
    """Receive the request form: show a person's mistakes, drop obvious bots silently, stop
    floods, keep every valid request (one sent too fast is held as suspected spam)."""
    if not same_site(request):
        return HttpResponseForbidden(CROSS_SITE_MESSAGE)
    consent_text = SiteSettings.for_request(request).consent_text
    form = RequestForm(request.POST, consent_text=consent_text)
    page = _source_page(request.POST.get("source_page"))
    ip_address = client_ip(request)

    if request.POST.get("website"):  # the honeypot: no person sees that field
        logger.info("Dropped a bot submission (honeypot) from %s", ip_address)
        return redirect("leads:thanks")
    if not form.is_valid():  # whatever the timing: an autofilled form may be incomplete
        return _render_form(request, form, page, status=400)
    seconds = fill_seconds(request.POST.get("started", ""))
    if seconds is None:  # no stamp, or not ours: not sent from a page we rendered
        logger.info("Dropped a bot submission (no valid stamp) from %s", ip_address)
        return redirect("leads:thanks")

    path = parse_visitor_path(request.POST.get("visitor_path", ""))
    meta = LeadMeta(
        channel="form",
        source="website",
        source_url=request.META.get("HTTP_REFERER", "")[:2000],
        ip_address=ip_address,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        utm=path["utm"],
        referrer=path["referrer"],
        landing_page=path["landing"],
        visitor_path=path["pages"],
        first_touch=path["first"],
        consent_text=consent_text,
        dedupe_key=form.cleaned_data["form_token"],
        # a browser's autofill can beat any person: kept, for a manager to judge
        spam_reason=_too_fast(seconds) if seconds < settings.LEADS_MIN_FILL_SECONDS else "",
    )
    data = {name: request.POST.get(name, "") for name in LeadCaptureForm.base_fields}
    try:
        lead_receive(data=data, source_page=page, meta=meta, form=form)
    except RateLimited:
        form.add_error(None, ValidationError(RATE_LIMIT_MESSAGE))
        return _render_form(request, form, page, status=429)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        return _render_form(request, form, page, status=400)
    return redirect("leads:thanks")


@require_GET
def request_thanks(request):
    return render(request, "leads/thanks.html")
