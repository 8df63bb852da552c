"""The client's private confirmation page (``/c/<token>/``): the form, its one answer, and the
states of a link that no longer takes one. Private like a proposal link: never cached, never
indexed, the token never sent to other sites."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Site

from core.models import SiteSettings
from serving.client_address import client_ip

from .choices import Publication
from .forms import ConfirmationForm, MetricFormSet, metric_initial
from .models import ClientConfirmation
from .services.confirmations import CONSENT_TEXT, confirmation_answer, confirmation_link_state

MAX_TOKEN = 64


def _find(token: str) -> ClientConfirmation | None:
    if not token or len(token) > MAX_TOKEN or "\x00" in token:
        return None
    return ClientConfirmation.objects.select_related("case").filter(token=token).first()


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # the token never leaks to other sites
    return response


def _company(request) -> SiteSettings | None:
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def _state_page(request, state: str):
    status = {"answered": 200, "missing": 404}.get(state, 410)
    context = {"state": state, "company": _company(request)}
    return _private(
        TemplateResponse(request, "projects/confirmation_state.html", context, status=status)
    )


def _form_page(request, confirmation, case, form, formset, *, show_errors=True, status=200):
    context = {
        "confirmation": confirmation,
        "case": case,
        "company": _company(request),
        "form": form,
        "formset": formset,
        "show_errors": show_errors,
        "consent_text": CONSENT_TEXT,
        "anonymised_as": case.client_description,
        "publication": Publication,
    }
    return _private(
        TemplateResponse(request, "projects/confirmation_page.html", context, status=status)
    )


def _with_row_added(post):
    """The posted data with one more blank result row ("Add a row" works without scripts)."""
    data = post.copy()
    try:
        total = int(data.get("metrics-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    data["metrics-TOTAL_FORMS"] = str(min(max(total, 0) + 1, MetricFormSet.absolute_max))
    return data


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirmation_page(request, token):
    confirmation = _find(token)
    state = confirmation_link_state(confirmation)
    if state != "ok":
        return _state_page(request, state)
    case = confirmation.case.get_latest_revision_as_object()
    if request.method != "POST":
        form = ConfirmationForm(
            initial={
                "name": case.testimonial_author,
                "position": case.testimonial_position,
                "quote": case.testimonial_quote,
            }
        )
        formset = MetricFormSet(prefix="metrics", initial=metric_initial(case))
        return _form_page(request, confirmation, case, form, formset)
    if "add_row" in request.POST:
        data = _with_row_added(request.POST)
        form = ConfirmationForm(data)
        formset = MetricFormSet(data, prefix="metrics")
        return _form_page(request, confirmation, case, form, formset, show_errors=False)
    form = ConfirmationForm(request.POST, request.FILES)
    formset = MetricFormSet(request.POST, prefix="metrics")
    if form.is_valid() and formset.is_valid():
        data = {**form.cleaned_data, "metrics": formset.rows()}
        photo = data.pop("photo", None)
        try:
            confirmation_answer(
                confirmation=confirmation, data=data, photo=photo, ip_address=client_ip(request)
            )
        except ValidationError as error:
            if error.code == "answered":  # a double submit: the first answer stands
                return redirect("projects:confirmation", token=token)
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                form.add_error(None, error)
            return _form_page(request, confirmation, case, form, formset, status=400)
        return redirect("projects:confirmation", token=token)
    return _form_page(request, confirmation, case, form, formset, status=400)
