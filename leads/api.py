"""``POST /api/leads/``: requests from landing pages elsewhere, with the same rules as the site form.

Authenticate with ``Authorization: Api-Key <key>`` (or ``X-Api-Key``). Answers 201 with the deal
id, 400 with field errors, 401 without a valid key, 429 when the sender is over the rate limit
(counted together with the site's form). No honeypot and no fill-time stamp: the key vouches for
the source, so a valid request always becomes a deal.
"""

import json

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.models import SiteSettings
from core.untrusted import strip_nul

from .forms import LeadCaptureForm
from .services import LeadMeta, RateLimited, apikey_authenticate, lead_capture
from .visitor import parse_visitor_path

MAX_BODY = 64 * 1024
MAX_DEPTH = 10  # lists and objects in objects: a request needs three (pages → page → title)


def _raw_key(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    for scheme in ("Api-Key ", "Bearer "):
        if header.startswith(scheme):
            return header[len(scheme) :].strip()
    return request.META.get("HTTP_X_API_KEY", "").strip()


def _too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """True when lists and objects nest deeper than ``limit`` (walked without recursion: a
    thousand brackets would overflow Python's stack wherever the value is printed or dumped)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _error(status: int, errors: dict) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@csrf_exempt
@require_POST
def leads_api(request):
    api_key = apikey_authenticate(_raw_key(request))
    if api_key is None:
        response = _error(401, {"__all__": [_("A valid API key is required.")]})
        response["WWW-Authenticate"] = "Api-Key"
        return response
    if len(request.body) > MAX_BODY:
        return _error(400, {"__all__": [_("The request body is too large.")]})
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _error(400, {"__all__": [_("The body must be a JSON object.")]})
    if not isinstance(body, dict):
        return _error(400, {"__all__": [_("The body must be a JSON object.")]})
    if _too_deep(body):
        return _error(400, {"__all__": [_("The body is nested too deeply.")]})
    # keys and values as a database takes them: no NUL, no lone surrogate ("\ud800")
    body = strip_nul(body)

    visit = parse_visitor_path(
        json.dumps(
            {
                **{key: body.get(key) for key in ("landing", "referrer", "utm", "pages")},
                "first": body.get("first_touch"),
            }
        )
    )
    meta = LeadMeta.from_request(
        request,
        channel="api",
        source=api_key.name,
        visit=visit,
        source_url=visit["landing"],
        consent_text=str(
            body.get("consent_text") or SiteSettings.for_request(request).consent_text
        )[:5000],
        dedupe_key=str(
            request.META.get("HTTP_IDEMPOTENCY_KEY") or body.get("idempotency_key") or ""
        )[:64],
    )
    data = {
        name: body[name]
        for name in LeadCaptureForm.base_fields
        if name in body and body[name] is not None
    }
    try:
        deal = lead_capture(data=data, meta=meta)
    except RateLimited:
        return _error(
            429, {"__all__": [_("Too many requests from this address; try again later.")]}
        )
    except ValidationError as error:
        return _error(400, error.message_dict)
    if deal is None:
        return JsonResponse({"status": "stored"}, status=202)
    return JsonResponse({"status": "created", "deal": deal.pk}, status=201)
