"""The set-up screens of the "Sales" menu (pipelines, stage tasks, lost reasons, API keys), for
sales managers."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import CreateView

from core.admin_columns import DateColumn

from . import services
from .admin_scoping import SalesModelViewSet
from .models import ApiKey, LostReason, Pipeline, StageTaskTemplate
from .setup_forms import PipelineForm


def boolean_column(model, name: str) -> BooleanColumn:
    """A yes/no field as Wagtail's tick or cross (never "True"/"False"), headed by its label."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    return BooleanColumn(name, label=label, sort_key=name)


class PipelineViewSet(SalesModelViewSet):
    model = Pipeline
    url_prefix = "sales/setup/pipelines"
    url_namespace = "leads_pipelines"
    icon = "list-ol"
    menu_label = _("Pipelines")
    add_item_label = _("Add a pipeline")
    menu_order = 60
    list_display = ["name", boolean_column(Pipeline, "is_default")]
    sort_order_field = "sort_order"
    #: one stage per proposal milestone, never a lost one (leads/setup_forms.py)
    edit_handler = ObjectList(Pipeline.panels, base_form_class=PipelineForm)


class StageTaskTemplateViewSet(SalesModelViewSet):
    model = StageTaskTemplate
    url_prefix = "sales/setup/stage-tasks"
    url_namespace = "leads_stage_tasks"
    icon = "tasks"
    menu_label = _("Stage tasks")
    add_item_label = _("Add a stage task")
    menu_order = 61
    list_display = ["title", "stage", "kind", "due_after_hours"]
    list_filter = ["stage__pipeline"]
    form_fields = ["stage", "title", "kind", "due_after_hours"]


class LostReasonViewSet(SalesModelViewSet):
    model = LostReason
    url_prefix = "sales/setup/lost-reasons"
    url_namespace = "leads_lost_reasons"
    icon = "cross"
    menu_label = _("Lost reasons")
    add_item_label = _("Add a lost reason")
    menu_order = 62
    list_display = ["name", boolean_column(LostReason, "is_active")]
    form_fields = ["name", "is_active"]
    sort_order_field = "sort_order"


class ApiKeyCreateView(CreateView):
    """Creates the key through ``apikey_create`` and shows the raw key once."""

    def save_instance(self):
        key, self.raw_key = services.apikey_create(name=self.form.cleaned_data["name"])
        return key

    def get_success_message(self, instance):
        return _(
            "API key for “%(name)s”: %(key)s — copy it now, it is stored hashed and will not be shown again."
        ) % {
            "name": instance.name,
            "key": self.raw_key,
        }


class ApiKeyViewSet(SalesModelViewSet):
    model = ApiKey
    add_view_class = ApiKeyCreateView
    url_prefix = "sales/setup/api-keys"
    url_namespace = "leads_api_keys"
    icon = "key"
    menu_label = _("API keys")
    add_item_label = _("Add an API key")
    menu_order = 63
    list_display = [
        "name",
        "prefix",
        boolean_column(ApiKey, "is_active"),
        DateColumn("last_used_at", model=ApiKey),
    ]
    form_fields = ["name", "is_active"]
