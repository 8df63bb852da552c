"""Sales screens of the Wagtail admin: board, deal page, my tasks, contact and company cards and
the contact actions (the deal page's actions are in ``admin_deal_actions``)."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required

from . import services
from .admin_deal_actions import back, report, visible_deal
from .admin_forms import (
    ActivityForm,
    CloseLostForm,
    CloseWonForm,
    MergeForm,
    MoveForm,
    TaskForm,
    custom_fields_form,
)
from .models import Company, Contact, Pipeline, Task
from .permissions import activity_policy, contact_policy, deal_policy, task_policy
from .selectors import deal_list_for_board, declined_reason_for, task_list_for_user


@permission_required("leads.view_deal")
def board(request, pipeline_id=None):
    pipelines = list(Pipeline.objects.order_by("sort_order", "name"))
    if not pipelines:
        raise Http404
    pipeline = (
        next((p for p in pipelines if p.pk == pipeline_id), pipelines[0])
        if pipeline_id
        else pipelines[0]
    )
    if pipeline_id and pipeline.pk != pipeline_id:
        raise Http404
    return TemplateResponse(
        request,
        "leads/admin/board.html",
        {
            "pipelines": pipelines,
            "pipeline": pipeline,
            "columns": deal_list_for_board(pipeline=pipeline, user=request.user),
            "lost_reasons": MoveForm().fields["lost_reason"].queryset,
        },
    )


@permission_required("leads.view_deal")
def deal_detail(request, pk):
    deal = visible_deal(request, pk)
    return TemplateResponse(
        request,
        "leads/admin/deal_detail.html",
        {
            "deal": deal,
            "stages": list(deal.pipeline.stages.order_by("sort_order")),
            "timeline": deal.activities.select_related("author")[:200],
            "tasks": deal.tasks.select_related("assignee").order_by("done_at", "due_at"),
            "services": deal.services.all(),
            "submissions": deal.submissions.all(),
            "activity_form": ActivityForm(),
            "task_form": TaskForm(),
            "won_form": CloseWonForm(initial={"amount": deal.amount}),
            "lost_form": CloseLostForm(initial={"lost_reason": declined_reason_for(deal)}),
            "custom_form": custom_fields_form(deal.pipeline, initial=deal.custom_values),
            "can_change": request.user.has_perm("leads.change_deal"),
        },
    )


@require_POST
@permission_required("leads.change_task")
def task_done(request, pk):
    task = task_policy.get_or_404(
        request.user, Task.objects.select_related("deal", "contact"), pk=pk
    )
    try:
        services.task_complete(task=task, user=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Task “%(title)s” done.") % {"title": task.title})
    return back(request, reverse("leads_tasks:index"))


@permission_required("leads.view_task")
def my_tasks(request):
    return TemplateResponse(
        request, "leads/admin/my_tasks.html", {"groups": task_list_for_user(user=request.user)}
    )


@permission_required("leads.view_contact")
def contact_detail(request, pk):
    user = request.user
    contact = contact_policy.get_or_404(user, Contact.objects.select_related("company"), pk=pk)
    return TemplateResponse(
        request,
        "leads/admin/contact_detail.html",
        {
            "contact": contact,
            "deals": deal_policy.scope(user, contact.deals.select_related("pipeline", "stage")),
            "timeline": activity_policy.scope(
                user, contact.activities.select_related("author", "deal")
            )[:200],
            "tasks": task_policy.scope(user, contact.tasks.actionable()),
            "merge_form": MergeForm(contact=contact, user=user),
            "can_merge": user.has_perm("leads.change_contact"),
            "is_manager": user.has_perm("leads.export_deals"),
        },
    )


@require_POST
@permission_required("leads.change_contact")
def contact_merge(request, pk):
    survivor = contact_policy.get_or_404(request.user, pk=pk)
    form = MergeForm(request.POST, contact=survivor, user=request.user)
    if form.is_valid():
        services.contact_merge(
            survivor=survivor, duplicate=form.cleaned_data["duplicate"], user=request.user
        )
        messages.success(request, _("Contacts merged."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("leads_contacts:detail", pk=survivor.pk)


@permission_required("leads.view_contact")
def contact_export(request, pk):
    if not request.user.has_perm("leads.export_deals"):
        raise PermissionDenied
    contact = contact_policy.get_or_404(request.user, pk=pk)
    payload = json.dumps(services.contact_export(contact=contact), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@require_POST
@permission_required("leads.change_contact")
def contact_erase(request, pk):
    if not request.user.has_perm("leads.export_deals"):
        raise PermissionDenied
    contact = contact_policy.get_or_404(request.user, pk=pk)
    services.contact_erase(contact=contact, user=request.user)
    messages.success(request, _("Personal data erased; deal figures are kept for reports."))
    return redirect("leads_contacts:detail", pk=contact.pk)


@permission_required("leads.view_company")
def company_detail(request, pk):
    company = get_object_or_404(Company, pk=pk)
    return TemplateResponse(
        request,
        "leads/admin/company_detail.html",
        {
            "company": company,
            "contacts": contact_policy.scope(request.user, company.contacts.all()),
            "deals": deal_policy.scope(
                request.user, company.deals.select_related("pipeline", "stage", "contact")
            ),
            "timeline": activity_policy.scope(
                request.user, company.activities.select_related("author", "deal")
            )[:200],
        },
    )
