from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from leads.models import SalesLogEntry

from .models import Proposal
from .permissions import proposal_policy
from .viewsets import ProposalTemplateViewSet, ProposalViewSet

register_permission_policy(Proposal, proposal_policy)


@hooks.register("register_log_actions")
def proposal_history(actions):
    actions.register_model(Proposal, SalesLogEntry)


@hooks.register("register_admin_viewset")
def register_proposals():
    return ProposalViewSet()


register_snippet(ProposalTemplateViewSet)


@hooks.register("insert_global_admin_js")
def proposal_totals_js():
    return format_html('<script src="{}" defer></script>', static("proposals/totals.js"))
