"""Admin action on an incoming request: a manager turns one held as suspected spam into a deal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import LeadSubmission
from .services import lead_accept_suspected


@require_POST
def request_accept(request, pk):
    """``POST …/sales/requests/<pk>/accept/``: build the deal the normal way, open it."""
    if not request.user.has_perm("leads.view_all_deals"):
        raise PermissionDenied
    submission = get_object_or_404(LeadSubmission, pk=pk)
    try:
        deal = lead_accept_suspected(submission=submission, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("leads_requests:inspect", pk)
    messages.success(request, _("The request is now the deal “%(title)s”.") % {"title": deal.title})
    return redirect("leads_deals:detail", deal.pk)
