"""The buttons of the deal page and the board: one small view per action, each calling one
service function, each at its own URL (``leads_deals:<action>``), as Wagtail's own page
actions are (``wagtail/admin/views/pages/lock.py``, ``move.py``, ``unpublish.py``).

What they share is in ``deal_action``: POST only, ``leads.change_deal``, the deal through the
deal permission policy (another owner's deal is a 404), a refused input back on the deal page
as messages, and JSON instead of a redirect when the board's drag and drop asks for it."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required

from . import services
from .admin_forms import (
    ActivityForm,
    CloseLostForm,
    CloseWonForm,
    MoveForm,
    TaskForm,
    custom_fields_form,
)
from .models import Deal, Stage
from .permissions import deal_policy


def visible_deal(request, pk) -> Deal:
    return deal_policy.get_or_404(
        request.user,
        Deal.objects.select_related("pipeline", "stage", "contact", "company", "owner"),
        pk=pk,
    )


def back(request, fallback: str):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def cleaned(form) -> dict:
    """The form's cleaned data, or its errors raised as a ValidationError (field by field)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def report(request, error: ValidationError) -> None:
    for field_errors in (
        error.message_dict.values() if hasattr(error, "error_dict") else [error.messages]
    ):
        for message in field_errors:
            messages.error(request, message)


def _wants_json(request) -> bool:
    """The board's drag and drop posts the same forms and asks for JSON instead of a redirect."""
    return "application/json" in request.headers.get("Accept", "")


def deal_action(view):
    """Make ``view(request, deal)`` a deal action. The board asks for JSON: a deal (or a stage,
    or an action) that is not there, or not the user's to see, is answered in JSON then too, so
    the board puts the card back and says why; a refused input is a 400 with its messages."""

    @require_POST
    @permission_required("leads.change_deal")
    @wraps(view)
    def action(request, pk, **kwargs):
        try:
            deal = visible_deal(request, pk)
            detail = reverse("leads_deals:detail", args=[deal.pk])
            try:
                view(request, deal, **kwargs)
            except ValidationError as error:
                if _wants_json(request):
                    return JsonResponse({"ok": False, "errors": error.messages}, status=400)
                report(request, error)
                return redirect(detail)
        except Http404:
            if not _wants_json(request):
                raise
            message = _("This deal or stage is not there any more, or not yours: reload the board.")
            return JsonResponse({"ok": False, "errors": [message]}, status=404)
        if _wants_json(request):  # the messages go back in the answer, not to the next page
            return JsonResponse(
                {"ok": True, "messages": [str(m) for m in messages.get_messages(request)]}
            )
        return back(request, detail)

    return action


@deal_action
def deal_move(request, deal):
    data = cleaned(MoveForm(request.POST))
    stage = get_object_or_404(Stage, pk=data["stage"])
    services.deal_move_to_stage(
        deal=deal,
        stage=stage,
        user=request.user,
        amount=data["amount"],
        lost_reason=data["lost_reason"],
        comment=data["comment"],
    )
    messages.success(request, _("Moved to “%(stage)s”.") % {"stage": stage.name})


@deal_action
def deal_won(request, deal):
    data = cleaned(CloseWonForm(request.POST))
    services.deal_close_won(deal=deal, amount=data["amount"], user=request.user)
    messages.success(request, _("The deal is won."))


@deal_action
def deal_lost(request, deal):
    data = cleaned(CloseLostForm(request.POST))
    services.deal_close_lost(
        deal=deal, reason=data["lost_reason"], comment=data["comment"], user=request.user
    )
    messages.success(request, _("The deal is closed as lost."))


@deal_action
def deal_mark_target(request, deal):
    services.lead_qualify(deal=deal, is_target=True, user=request.user)
    messages.success(request, _("Qualification saved."))


@deal_action
def deal_mark_not_target(request, deal):
    services.lead_qualify(deal=deal, is_target=False, user=request.user)
    messages.success(request, _("Qualification saved."))


@deal_action
def deal_log_activity(request, deal):
    data = cleaned(ActivityForm(request.POST))
    services.activity_log(kind=data["kind"], text=data["text"], deal=deal, author=request.user)
    messages.success(request, _("Added to the timeline."))


@deal_action
def deal_add_task(request, deal):
    services.task_create(deal=deal, user=request.user, **cleaned(TaskForm(request.POST)))
    messages.success(request, _("Task added."))


@deal_action
def deal_save_custom_fields(request, deal):
    data = cleaned(custom_fields_form(deal.pipeline, data=request.POST))
    services.deal_set_custom_values(deal=deal, values=data, user=request.user)
    messages.success(request, _("Custom fields saved."))


@deal_action
def deal_unknown_action(request, deal, action):
    """A path under the deal that names no action (an old bookmark, a typo): not there, in the
    board's JSON when it asks, after the same permission checks as a real action."""
    raise Http404


#: the paths are the ones the single action view had, so old forms and links keep working
urlpatterns = [
    path("<int:pk>/move/", deal_move, name="move"),
    path("<int:pk>/won/", deal_won, name="won"),
    path("<int:pk>/lost/", deal_lost, name="lost"),
    path("<int:pk>/target/", deal_mark_target, name="target"),
    path("<int:pk>/not_target/", deal_mark_not_target, name="not_target"),
    path("<int:pk>/activity/", deal_log_activity, name="activity"),
    path("<int:pk>/task/", deal_add_task, name="task"),
    path("<int:pk>/custom/", deal_save_custom_fields, name="custom"),
    path("<int:pk>/<slug:action>/", deal_unknown_action, name="unknown_action"),
]
