"""Sales → Team workload: each expert's load for the coming weeks and when they are free
(everyone with ``leads.view_deal``), their capacity and a dated override (Sales managers:
``projects.change_expertcapacity``). Custom views only: no generic view to guard besides."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wagtail import hooks
from wagtail.admin.auth import permission_required

from core.untrusted import parse_positive_int
from experts.models import ExpertPage
from leads.viewsets import SALES_MENU_HOOK, ScreenViewSet

from . import selectors
from .models.workload import MAX_CAPACITY_HOURS, MAX_OVERRIDE_PERCENT
from .services import workload as services

VIEW_PERMISSION = "leads.view_deal"
EDIT_PERMISSION = "projects.change_expertcapacity"
#: weeks shown on the screen
SCREEN_WEEKS = 8


class CapacityForm(forms.Form):
    hours_per_week = forms.DecimalField(
        label=gettext_lazy("Hours a week"),
        min_value=Decimal(1),
        max_value=MAX_CAPACITY_HOURS,
        max_digits=4,
        decimal_places=1,
    )


class OverrideForm(forms.Form):
    override_percent = forms.IntegerField(
        label=gettext_lazy("Load, %"), min_value=0, max_value=MAX_OVERRIDE_PERCENT
    )
    override_reason = forms.CharField(label=gettext_lazy("Reason"), max_length=255)
    override_until = forms.DateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _experts():
    return ExpertPage.objects.live().order_by("title").only("pk", "title")


@permission_required(VIEW_PERMISSION)
def workload_index(request):
    """Every published expert's load, week by week, with the date they are free from."""
    today = timezone.localdate()
    experts = list(_experts())
    ids = [expert.pk for expert in experts]
    loads = selectors.workload_by_week(experts=ids, start=today, weeks=selectors.HORIZON_WEEKS)
    capacities = selectors.capacities(ids)
    rows = []
    for expert in experts:
        weeks = loads[expert.pk]
        free = next((max(w.monday, today) for w in weeks if w.percent < 100), None)
        rows.append(
            {
                "expert": expert,
                "weeks": weeks[:SCREEN_WEEKS],
                "available_from": free,
                "capacity": capacities.get(expert.pk),
            }
        )
    first = selectors.week_start(today)
    mondays = [first + datetime.timedelta(weeks=n) for n in range(SCREEN_WEEKS)]
    return TemplateResponse(
        request,
        "projects/admin/team_workload.html",
        {
            "rows": rows,
            "mondays": mondays,
            "can_edit": request.user.has_perm(EDIT_PERMISSION),
            "horizon_weeks": selectors.HORIZON_WEEKS,
        },
    )


def _expert_or_404(expert_id: str) -> ExpertPage:
    pk = parse_positive_int(expert_id)
    expert = _experts().filter(pk=pk).first() if pk else None
    if expert is None:
        raise Http404
    return expert


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
@permission_required(EDIT_PERMISSION)
def workload_edit(request, expert_id):
    """A manager sets the expert's usual hours, or overrides the load until a date."""
    expert = _expert_or_404(expert_id)
    capacity = selectors.capacities([expert.pk]).get(expert.pk)
    capacity_form = CapacityForm(
        initial={"hours_per_week": capacity.hours_per_week if capacity else Decimal(40)}
    )
    override_form = OverrideForm(
        initial={
            "override_percent": capacity.override_percent if capacity else None,
            "override_reason": capacity.override_reason if capacity else "",
            "override_until": capacity.override_until if capacity else None,
        }
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "capacity":
                capacity_form = CapacityForm(request.POST)
                if capacity_form.is_valid():
                    services.expert_capacity_set(
                        expert=expert,
                        hours_per_week=capacity_form.cleaned_data["hours_per_week"],
                        user=request.user,
                    )
                    messages.success(request, _("Capacity saved."))
                    return redirect("projects_workload:index")
            elif action == "override":
                override_form = OverrideForm(request.POST)
                if override_form.is_valid():
                    services.expert_override_set(
                        expert=expert,
                        percent=override_form.cleaned_data["override_percent"],
                        reason=override_form.cleaned_data["override_reason"],
                        until=override_form.cleaned_data["override_until"],
                        user=request.user,
                    )
                    messages.success(request, _("Override saved."))
                    return redirect("projects_workload:index")
            elif action == "clear":
                services.expert_override_clear(expert=expert, user=request.user)
                messages.success(request, _("Override removed."))
                return redirect("projects_workload:index")
            else:
                messages.error(request, _("Unknown action: nothing was changed."))
        except ValidationError as error:
            _apply_errors(capacity_form if action == "capacity" else override_form, error)
    return TemplateResponse(
        request,
        "projects/admin/workload_edit.html",
        {
            "expert": expert,
            "capacity": capacity,
            "capacity_form": capacity_form,
            "override_form": override_form,
        },
    )


class TeamWorkloadViewSet(ScreenViewSet):
    name = "team_workload"
    url_prefix = "sales/team-workload"
    url_namespace = "projects_workload"
    menu_label = gettext_lazy("Team workload")
    icon = "group"
    menu_hook = SALES_MENU_HOOK
    #: after Analytics
    menu_order = 39
    permission = VIEW_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", workload_index, name="index"),
            path("<str:expert_id>/", workload_edit, name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_team_workload():
    return TeamWorkloadViewSet()
