from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from . import import_viewsets  # noqa: F401 - Sales → Import joins the menu by its hook
from .models import Activity, Contact, Deal, LeadSubmission, SalesLogEntry, Task
from .permissions import (
    activity_policy,
    contact_policy,
    deal_policy,
    submission_policy,
    task_policy,
)
from .selectors import deal_list_new_requests, pipeline_summary, task_list_for_user
from .viewsets import LeadsViewSetGroup

# Registered before the viewsets, which would otherwise fall back to plain model permissions.
register_permission_policy(Deal, deal_policy)
register_permission_policy(Contact, contact_policy)
register_permission_policy(Task, task_policy)
register_permission_policy(Activity, activity_policy)
register_permission_policy(LeadSubmission, submission_policy)


@hooks.register("register_log_actions")
def sales_history(actions):
    for model in (Deal, Contact, Task, Activity, LeadSubmission):
        actions.register_model(model, SalesLogEntry)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return LeadsViewSetGroup()


class SalesPanel(Component):
    """The sales summary on the admin home page: my tasks, new requests, pipelines."""

    name = "sales_summary"
    order = 50

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        user = self.request.user
        tasks = task_list_for_user(user=user)
        context = {
            "overdue": tasks["overdue"],
            "today": tasks["today"],
            "new_requests": deal_list_new_requests(user=user),
            "pipelines": pipeline_summary(user=user),
            "request": self.request,
        }
        return render_to_string("leads/admin/home_panel.html", context, request=self.request)


@hooks.register("construct_homepage_panels")
def add_sales_panel(request, panels):
    if request.user.has_perm("leads.view_deal"):
        panels.insert(0, SalesPanel(request))
