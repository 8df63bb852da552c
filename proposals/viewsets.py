"""Admin screens of proposals: list, edit (drafts only) and the builder page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_columns import DateColumn, MoneyColumn, PersonColumn
from core.admin_viewsets import AddButtonLabelMixin, StableMenuNameMixin
from core.formatting import person_name
from leads.admin_scoping import SalesModelViewSet
from leads.viewsets import SALES_MENU_HOOK, ManagerExportMixin

from . import admin_views
from .forms import ProposalForm
from .models import Proposal, ProposalTemplate
from .permissions import proposal_policy
from .services import proposal_recalculate


class ProposalIndexView(ManagerExportMixin, IndexView):
    """Proposals the user may see; only managers may export them, people by full name."""

    custom_field_preprocess = {"created_by": {"csv": person_name, "xlsx": person_name}}
    export_headings = {
        "get_status_display": capfirst(Proposal._meta.get_field("status").verbose_name)
    }

    def get_add_url(self):
        return None  # proposals start from a deal ("New proposal" on the deal page)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("deal", "created_by")

    def get_edit_url(self, instance):
        return reverse("proposals_admin:detail", args=[instance.pk])


class ProposalCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        messages.info(
            request, _("Start a proposal from its deal: “New proposal” on the deal page.")
        )
        return redirect("leads_deals:index")


class ProposalEditView(EditView):
    """Drafts only; saving recalculates the totals through the service."""

    def dispatch(self, request, *args, **kwargs):
        proposal = proposal_policy.scope(request.user).filter(pk=kwargs.get("pk")).first()
        if proposal and not proposal.is_editable:
            messages.error(
                request, _("A sent proposal is frozen; make a new version to change it.")
            )
            return redirect("proposals_admin:detail", pk=proposal.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        return proposal_recalculate(proposal=instance)

    def get_success_url(self):
        return reverse("proposals_admin:detail", args=[self.object.pk])


class ProposalViewSet(SalesModelViewSet):
    model = Proposal
    url_prefix = "sales/proposals"
    url_namespace = "proposals_admin"
    icon = "doc-full"
    menu_label = _("Proposals")
    #: in the Sales menu (leads builds it), after Deals
    menu_hook = SALES_MENU_HOOK
    menu_order = 25
    index_view_class = ProposalIndexView
    edit_view_class = ProposalEditView
    add_view_class = ProposalCreateView
    list_display = [
        "__str__",
        "deal",
        "status",
        MoneyColumn("total", model=Proposal),
        PersonColumn("created_by", model=Proposal),
        DateColumn("sent_at", model=Proposal),
        "view_count",
    ]
    list_filter = ["status"]
    #: refuses a line or a total no column (and no deal's amount) could hold (proposals/forms.py)
    edit_handler = ObjectList(Proposal.panels, base_form_class=ProposalForm)
    #: amounts stay raw numbers, with the currency in its own column
    list_export = [
        "number",
        "version",
        "title",
        "get_status_display",
        "total",
        "currency",
        "sent_at",
        "created_by",
    ]
    export_filename = "proposals"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("from-deal/<int:deal_id>/", admin_views.proposal_new, name="new_from_deal"),
            path("<int:pk>/", admin_views.proposal_detail, name="detail"),
            path("<int:pk>/send/", admin_views.proposal_send_confirm, name="send"),
            path("<int:pk>/revise/", admin_views.proposal_revise, name="revise"),
            path("<int:pk>/revoke/", admin_views.proposal_revoke, name="revoke"),
            path("<int:pk>/add_case/", admin_views.proposal_add_case, name="add_case"),
            path("<int:pk>/add_expert/", admin_views.proposal_add_expert, name="add_expert"),
            path(
                "<int:pk>/<slug:action>/",
                admin_views.proposal_unknown_action,
                name="unknown_action",
            ),
        ]


class ProposalTemplateViewSet(StableMenuNameMixin, AddButtonLabelMixin, SnippetViewSet):
    model = ProposalTemplate
    icon = "doc-empty"
    menu_label = _("Proposal templates")
    add_item_label = _("Add a proposal template")
    add_to_admin_menu = False
    url_prefix = "sales/proposal-templates"
