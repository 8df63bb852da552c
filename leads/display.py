"""A request as people read it: field labels and choice labels ("2,000,000 – 10,000,000 ₽"),
not the form's codes ("budget: 2m_10m"). Used by the request's admin view and the deal page."""

import json

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import InspectView

from .forms import RequestForm

#: how a request reached us (LeadSubmission.channel)
REQUEST_CHANNELS = {"form": _("Request form"), "api": _("API")}

#: kept with the request for the spam checks and the visitor's path, not typed by the client
_HIDDEN_FIELDS = {"started", "form_token", "website", "source_page", "visitor_path"}


def request_channel_label(submission) -> str:
    """ "Request form" / "API"; an unknown channel as it was stored."""
    channel = getattr(submission, "channel", submission)
    return str(REQUEST_CHANNELS.get(channel, channel or ""))


def _display(field, value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    choices = getattr(field, "choices", None)
    if choices:
        labels = {str(code): label for code, label in choices}
        return labels.get(str(value), value)
    return value


def request_fields(data) -> list[tuple[str, object]]:
    """``(label, value)`` of each field the client sent, in the form's order, with choice labels
    for the budget and the contact channel; fields the form does not know keep their names."""
    if not isinstance(data, dict):
        return []
    fields = RequestForm.base_fields
    known = [name for name in fields if name in data and name not in _HIDDEN_FIELDS]
    extra = [name for name in data if name not in fields and name not in _HIDDEN_FIELDS]
    rows = [(str(fields[name].label), _display(fields[name], data[name])) for name in known]
    return rows + [(str(name), _display(None, data[name])) for name in extra]


class RequestInspectView(InspectView):
    """The request's admin view: its fields by label, its channel by name."""

    def get_data_display_value(self):
        rows = request_fields(self.object.data)
        if not rows:
            return "—"
        items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        return format_html('<dl class="vt-fields">{}</dl>', items)

    def get_channel_display_value(self):
        return request_channel_label(self.object)
