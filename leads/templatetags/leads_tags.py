"""``{% request_form page %}``: the request form on any content page, without content apps importing leads."""

from django import template

from core.models import SiteSettings
from core.templatetags.core_tags import app_url

from .. import display
from ..forms import RequestForm
from ..spam import form_started_token

register = template.Library()


@register.inclusion_tag("leads/includes/request_form.html", takes_context=True)
def request_form(context, page=None, title=None):
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else None
    consent_text = site_settings.consent_text if site_settings else ""
    form = RequestForm(
        initial={"source_page": page.pk if page else None, "started": form_started_token()},
        consent_text=consent_text,
    )
    return {
        "form": form,
        "action_url": app_url("leads:submit"),
        "page": page,
        "title": title,
        "request": request,
        "privacy_page": site_settings.privacy_policy_page if site_settings else None,
    }


@register.filter
def request_fields(data):
    """A request's fields as ``(label, value)``, with the budget's and channel's labels."""
    return display.request_fields(data)


@register.filter
def request_channel(submission):
    """ "Request form" / "API": how a request reached us."""
    return display.request_channel_label(submission)
