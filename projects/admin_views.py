"""The deal page's "Create draft case" button (the panel itself is ``wagtail_hooks``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required

from leads.permissions import deal_policy

from .permissions import can_create_case
from .services.cases import case_draft_create


@require_POST
@permission_required("leads.view_deal")
def deal_case_create(request, deal_id: int):
    """Make the deal's draft case (or find the one it has) and go back to the deal page.

    Another owner's deal does not exist for a salesperson (404); their own deal's case is a
    manager's to create (403).
    """
    deal = deal_policy.get_or_404(request.user, pk=deal_id)
    if not can_create_case(request.user):
        raise PermissionDenied
    try:
        case = case_draft_create(deal=deal, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("The draft case “%(title)s” is ready for an editor.") % {"title": case.title},
                reverse("wagtailadmin_pages:edit", args=[case.pk]),
                _("Open it"),
            ),
        )
    return redirect("leads_deals:detail", pk=deal.pk)
