"""Sales → Client confirmations (a top-level item for editors): send, copy and revoke a case's confirmation link (reached from
the deal page's panel and the Sales menu), and Sales → Client references (clients who agreed to
be named or to act as a reference). Hooks are registered on import (``ProjectsConfig.ready``).

Who may handle a case's link: Sales managers, the salesperson who reaches the deal, and the
editors who may edit the case (they see the case and the answer, never the deal's contact).
Everyone else gets 404, so a case's existence is not revealed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.choices import Visibility
from cases.models import CasePage
from cases.publishing import OPENNESS, allowed_visibility
from core.untrusted import parse_positive_int
from leads.models import Company
from leads.permissions import can_see_all_deals, deal_policy
from leads.viewsets import SALES_MENU_HOOK

from .choices import Publication
from .models import ClientConfirmation, Project
from .services.confirmations import (
    MAX_VALID_DAYS,
    confirmation_apply_again,
    confirmation_link_state,
    confirmation_revoke,
    confirmation_send,
)

REFERENCES_SHOWN = 200


def _editable_cases(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def manageable_projects(user):
    """Projects with a case whose link the user may handle."""
    projects = Project.objects.filter(case__isnull=False)
    if not (user.is_authenticated and user.is_active):
        return projects.none()
    if can_see_all_deals(user):
        return projects
    rows = Q(case__in=_editable_cases(user).values("pk"))
    if user.has_perm("leads.view_deal"):
        rows |= Q(deal__in=deal_policy.scope(user).values("pk"))
    return projects.filter(rows)


def can_manage(user, project: Project) -> bool:
    return manageable_projects(user).filter(pk=project.pk).exists()


def _may_use_screen(user) -> bool:
    return user.has_perm("leads.view_deal") or PagePermissionPolicy().user_has_permission(
        user, "change"
    )


def _link(request, confirmation) -> str:
    return request.build_absolute_uri(reverse("projects:confirmation", args=[confirmation.token]))


@require_http_methods(["GET", "HEAD"])
def confirmations_index(request):
    if not _may_use_screen(request.user):
        raise PermissionDenied
    projects = manageable_projects(request.user).select_related("case").order_by("-pk")[:200]
    latest = {}
    for confirmation in ClientConfirmation.objects.filter(
        project__in=[p.pk for p in projects]
    ).order_by("project_id", "-sent_at", "-pk"):
        latest.setdefault(confirmation.project_id, confirmation)
    rows = [
        {
            "project": project,
            "confirmation": latest.get(project.pk),
            "state": confirmation_link_state(latest.get(project.pk))
            if project.pk in latest
            else "",
        }
        for project in projects
    ]
    return TemplateResponse(request, "projects/admin/confirmations.html", {"rows": rows})


def _posted_confirmation(request, project) -> ClientConfirmation:
    """The confirmation a POST names, if it is one of ``project``'s (else 404)."""
    return get_object_or_404(
        ClientConfirmation,
        pk=parse_positive_int(request.POST.get("confirmation", "")) or 0,
        project=project,
    )


@require_http_methods(["GET", "POST"])
def case_confirmation(request, project_id):
    """One case's link: its state and answer, and the send / revoke / apply-again buttons."""
    project = get_object_or_404(
        manageable_projects(request.user).select_related("case"), pk=project_id
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "send":
                days = parse_positive_int(request.POST.get("valid_days", ""), maximum=10**6)
                confirmation_send(case=project.case, user=request.user, valid_days=days or 0)
                messages.success(
                    request, _("A new confirmation link is ready: copy it for the client.")
                )
            elif action == "revoke":
                confirmation = _posted_confirmation(request, project)
                confirmation_revoke(confirmation=confirmation, user=request.user)
                messages.success(request, _("The link is revoked."))
            elif action == "apply":
                confirmation = _posted_confirmation(request, project)
                confirmation_apply_again(confirmation=confirmation, user=request.user)
                messages.success(
                    request,
                    _(
                        "The client's answer is applied again as a new draft revision of the "
                        "case: review and publish it."
                    ),
                )
            else:
                raise Http404
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("projects_case_confirmation", project_id=project.pk)
    confirmations = list(project.confirmations.select_related("sent_by", "photo")[:20])
    current = confirmations[0] if confirmations else None
    state = confirmation_link_state(current) if current else ""
    context = {
        "project": project,
        "case": project.case,
        "current": current,
        "state": state,
        "link": _link(request, current) if state == "ok" else "",
        "history": confirmations,
        "max_days": MAX_VALID_DAYS,
        "publication": Publication,
    }
    return TemplateResponse(request, "projects/admin/case_confirmation.html", context)


def references(request):
    """Clients who agreed to be named or to act as a reference, within the user's deals."""
    if not request.user.has_perm("leads.view_deal"):
        raise PermissionDenied
    rows = (
        ClientConfirmation.objects.filter(answered_at__isnull=False)
        .filter(Q(publication=Publication.NAMED) | Q(may_be_reference=True))
        .filter(project__deal__in=deal_policy.scope(request.user).values("pk"))
        .select_related("case", "project__deal__company", "project__deal__contact")
        .order_by("-answered_at")
    )
    company_id = parse_positive_int(request.GET.get("company", ""))
    if company_id:
        rows = rows.filter(project__deal__company_id=company_id)
    companies = Company.objects.filter(
        pk__in=deal_policy.scope(request.user)
        .filter(project__confirmations__answered_at__isnull=False)
        .values("company_id")
    ).order_by("name")
    context = {"rows": rows[:REFERENCES_SHOWN], "companies": companies, "company_id": company_id}
    return TemplateResponse(request, "projects/admin/references.html", context)


@hooks.register("register_admin_urls")
def confirmation_admin_urls():
    return [
        path("projects/confirmations/", confirmations_index, name="projects_confirmations"),
        path(
            "projects/confirmations/<int:project_id>/",
            case_confirmation,
            name="projects_case_confirmation",
        ),
        path("sales/references/", references, name="projects_references"),
    ]


class _ConfirmationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("leads.view_deal")


class _EditorsConfirmationsMenuItem(MenuItem):
    """Editors have no Sales menu (it holds personal data): theirs is a top-level item."""

    def is_shown(self, request):
        user = request.user
        return not user.has_perm("leads.view_deal") and PagePermissionPolicy().user_has_permission(
            user, "change"
        )


class _ReferencesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("leads.view_deal")


@hooks.register(SALES_MENU_HOOK)
def confirmations_menu_item():
    return _ConfirmationsMenuItem(
        gettext_lazy("Client confirmations"),
        reverse("projects_confirmations"),
        name="client_confirmations",
        icon_name="tick-inverse",
        order=42,
    )


@hooks.register("register_admin_menu_item")
def editors_confirmations_menu_item():
    return _EditorsConfirmationsMenuItem(
        gettext_lazy("Client confirmations"),
        reverse("projects_confirmations"),
        name="client_confirmations_editors",
        icon_name="tick-inverse",
        order=260,
    )


@hooks.register(SALES_MENU_HOOK)
def references_menu_item():
    return _ReferencesMenuItem(
        gettext_lazy("Client references"),
        reverse("projects_references"),
        name="client_references",
        icon_name="user",
        order=43,
    )


@hooks.register("register_deal_panel")
def deal_confirmation_panel(request, deal):
    project = Project.objects.filter(deal=deal, case__isnull=False).first()
    if project is None or not can_manage(request.user, project):
        return None
    current = project.confirmations.order_by("-sent_at", "-pk").first()
    return render_to_string(
        "projects/admin/deal_confirmation_panel.html",
        {
            "project": project,
            "current": current,
            "state": confirmation_link_state(current) if current else "",
        },
        request=request,
    )


@hooks.register("register_company_panel")
def company_references_panel(request, company):
    rows = ClientConfirmation.objects.filter(
        answered_at__isnull=False, project__deal__company=company
    ).filter(Q(publication=Publication.NAMED) | Q(may_be_reference=True))
    rows = rows.filter(project__deal__in=deal_policy.scope(request.user).values("pk"))
    if not rows.exists():
        return None
    return render_to_string(
        "projects/admin/company_references_panel.html",
        {"rows": rows.select_related("case")[:10], "company": company},
        request=request,
    )


@hooks.register("before_publish_page")
def consent_limits_visibility(request, page):
    """An editor cannot publish a case more openly than its client last allowed: the edit is
    kept as a draft revision (Wagtail saved it before this hook) and the editor is told why.
    (``CasePage.save`` refuses the same on every other publishing path.)"""
    if not isinstance(page, CasePage):
        return None
    allowed = allowed_visibility(page)
    if allowed is None or OPENNESS.get(page.visibility, 0) <= OPENNESS[allowed]:
        return None
    messages.error(
        request,
        _(
            "The client allowed this case to be shown only as “%(allowed)s”: change its "
            "visibility before publishing. Your changes are saved as a draft."
        )
        % {"allowed": Visibility(allowed).label},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
