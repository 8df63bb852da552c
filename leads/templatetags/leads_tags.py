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


def _panels(hook_name: str, context, record) -> str:
    """What the apps above leads add to one of its pages, through ``hook_name``: each hook
    gets ``(request, record)`` and returns a Wagtail component, HTML or None."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from wagtail import hooks

    request = context.get("request")
    parts = []
    for hook in hooks.get_hooks(hook_name):
        panel = hook(request, record)
        if panel is None:
            continue
        html = panel.render_html(context) if hasattr(panel, "render_html") else panel
        parts.append(conditional_escape(html))
    return mark_safe("".join(parts))  # noqa: S308 — each part escaped or already safe


@register.simple_tag(takes_context=True)
def deal_panels(context, deal):
    """``{% deal_panels deal %}``: panels of other apps on the deal page (``register_deal_panel``)."""
    return _panels("register_deal_panel", context, deal)


@register.simple_tag(takes_context=True)
def company_panels(context, company):
    """``{% company_panels company %}``: panels of other apps on the company card
    (``register_company_panel``)."""
    return _panels("register_company_panel", context, company)
