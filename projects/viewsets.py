"""Sales → "Case settings": per pipeline, whether its deals become draft cases when won or when
they leave the delivery stage. For those who set up pipelines; every generic view (listing,
add, edit, delete, history) asks :data:`projects.permissions.pipeline_case_setting_policy`, and
there is no copy view (a pipeline has one setting)."""

from django.utils.translation import gettext_lazy as _

from leads.admin_scoping import SalesModelViewSet
from leads.viewsets import SALES_MENU_HOOK

from .models import PipelineCaseSetting
from .permissions import pipeline_case_setting_policy


class PipelineCaseSettingViewSet(SalesModelViewSet):
    model = PipelineCaseSetting
    permission_policy = pipeline_case_setting_policy
    url_prefix = "sales/setup/case-settings"
    url_namespace = "projects_case_settings"
    icon = "doc-full"
    menu_label = _("Case settings")
    add_item_label = _("Add a case setting")
    menu_order = 63
    menu_hook = SALES_MENU_HOOK
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["pipeline", "trigger", "stage"]
    form_fields = ["pipeline", "trigger", "stage"]
