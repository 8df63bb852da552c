"""Template helpers shared by every public page."""

import datetime
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.formatting import format_money, format_number, format_percent, is_zero, person_name
from serving import public
from serving.public import site_for_request

register = template.Library()

# The same escapes as django.utils.html.json_script, so no "</script>" can close the tag.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """A <script type="application/ld+json"> block describing ``page`` in schema.org terms."""
    getter = getattr(page, "get_json_ld", None)
    data = getter(context.get("request")) if getter else None
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The pages shown in the main navigation: children of the site's root marked "show in menus"."""
    request = context.get("request")
    site = site_for_request(request) if request else None
    return public.menu_pages(site) if site else []


@register.simple_tag(takes_context=True)
def menu_section(context, page):
    """``(pk, is_current)`` of the menu item ``page`` is under: all the header varies on."""
    if page is None or not hasattr(page, "url_path"):
        return (None, False)
    for item in menu_pages(context):
        if page.url_path.startswith(item.url_path):
            return (item.pk, item.pk == page.pk)
    return (None, False)


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = site_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag
def breadcrumbs(page):
    """The ancestors of ``page`` below the tree root, for the breadcrumb trail."""
    return public.ancestors(page)


@register.simple_tag
def app_url(target: str) -> str:
    """A URL of the live app (``PUBLIC_APP_URL``): a path, or a URL name like ``"search:page"``.

    Forms and search on cached and exported pages reach the app wherever the pages are served.
    """
    path = target if target.startswith("/") else reverse(target)
    return settings.PUBLIC_APP_URL.rstrip("/") + path


@register.filter
def money(value, currency=""):
    """``1250000`` → ``1 250 000,00 ₽`` / ``₽1,250,000.00``: always the minor unit
    (:func:`core.formatting.format_money`)."""
    return format_money(value, currency)


@register.filter
def money_whole(value, currency=""):
    """A catalog price: ``100000`` → ``100 000 ₽`` / ``₽100,000``; ``1234.56`` keeps its kopecks.

    Only for public price ranges; proposals and the admin use ``money``."""
    return format_money(value, currency, whole=True)


@register.filter
def percent(value, sign=""):
    """``75`` → ``75%`` / ``75 %``; ``{{ 75|percent:"-" }}`` → ``−75%`` with a real minus sign."""
    return format_percent(value, signed=sign)


@register.filter
def number(value):
    """A measured value: ``9800`` → ``9,800`` / ``9 800``, ``1.1`` → ``1.1`` / ``1,1``
    (:func:`core.formatting.format_number`)."""
    return format_number(value)


@register.filter
def person(user, default=""):
    """A user's full name, else the username; ``default`` for nobody (:func:`person_name`)."""
    return person_name(user, default)


@register.filter
def iso_date(value):
    """``"2026-03-05"`` (a date kept as text in a snapshot) → a date for ``|date``; else as is."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.filter
def nonzero(value):
    """True for an amount other than zero, whether a Decimal or a stored string like "0.00"."""
    return not is_zero(value)


@register.filter
def absolute(value):
    """Absolute value, for showing a percentage change next to its arrow."""
    try:
        return abs(value)
    except TypeError:
        return value
