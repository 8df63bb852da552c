"""projects in the Wagtail admin: the deal page's case panel (through leads' own hook, since
leads may not import projects), the "Create draft case" URL, the editors' home panel of cases
waiting for them and the pipelines' case settings."""

from django.template.loader import render_to_string
from django.urls import path

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from cases.models import CasePage

from . import admin_views
from .models import PipelineCaseSetting, Project
from .permissions import can_create_case, pipeline_case_setting_policy, project_policy
from .viewsets import PipelineCaseSettingViewSet

register_permission_policy(Project, project_policy)
register_permission_policy(PipelineCaseSetting, pipeline_case_setting_policy)

#: how many waiting cases the home panel lists (the count covers them all)
WAITING_SHOWN = 10


@hooks.register("register_admin_urls")
def projects_admin_urls():
    return [
        path(
            "projects/deals/<int:deal_id>/case/",
            admin_views.deal_case_create,
            name="projects_deal_case_create",
        )
    ]


@hooks.register("register_admin_viewset")
def register_case_settings():
    return PipelineCaseSettingViewSet()


class DealCasePanel(Component):
    """ "Case: none / draft / published" on the deal page, with the page's edit link for those
    who may edit it and the button for those who may create it."""

    def __init__(self, request, deal):
        self.request, self.deal = request, deal

    def render_html(self, parent_context=None):
        user, deal = self.request.user, self.deal
        # one query for the case and its status (case_draft_status reads the same column)
        case = CasePage.objects.filter(project__deal_id=deal.pk).first()
        status = "none" if case is None else ("published" if case.live else "draft")
        can_edit = bool(case and case.permissions_for_user(user).can_edit())
        context = {
            "deal": deal,
            "status": status,
            "case": case,
            "can_edit": can_edit,
            "can_create": status == "none" and deal.status != "lost" and can_create_case(user),
        }
        return render_to_string(
            "projects/admin/deal_case_panel.html", context, request=self.request
        )


@hooks.register("register_deal_panel")
def deal_case_panel(request, deal):
    return DealCasePanel(request, deal)


def cases_waiting(user):
    """Drafts made from deals that the user may edit and nobody published yet (or that carry
    unpublished changes, such as a client's answer): newest first."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        CasePage.objects.filter(project__isnull=False, has_unpublished_changes=True)
        .filter(pk__in=editable.values("pk"))
        .order_by("-latest_revision_created_at", "-pk")
    )


class CasesWaitingPanel(Component):
    name = "cases_waiting"
    order = 60

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        waiting = cases_waiting(self.request.user)
        count = waiting.count()
        if not count:
            return ""
        shown = waiting.only("pk", "draft_title", "live", "latest_revision_created_at")
        return render_to_string(
            "projects/admin/home_cases_waiting.html",
            {"cases": shown[:WAITING_SHOWN], "count": count},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def add_cases_waiting_panel(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):
        panels.append(CasesWaitingPanel(request))
