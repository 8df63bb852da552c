"""The "Sales" menu of the Wagtail admin: viewsets for deals, contacts, companies and requests,
and the menu group (the set-up screens are in ``setup_viewsets``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from core.admin_columns import DateColumn, MoneyColumn, PersonColumn
from core.admin_viewsets import StableMenuNameMixin
from core.spreadsheets import SpreadsheetSafeExportMixin

from . import admin_deal_actions, admin_requests, admin_views, exports, services
from .admin_scoping import SalesModelViewSet
from .display import RequestInspectView, request_channel_label
from .exports import ColumnsExportMixin
from .filters import DealFilterSet, SalesFilterSet
from .models import Company, Contact, Deal, LeadSubmission
from .setup_viewsets import (
    ApiKeyViewSet,
    LostReasonViewSet,
    PipelineViewSet,
    StageTaskTemplateViewSet,
)

#: the hook whose menu items join the Sales menu (``LeadsViewSetGroup.submenu_hook``)
SALES_MENU_HOOK = "register_sales_menu_item"


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ScreenViewSet(StableMenuNameMixin, ViewSet):
    """A custom admin screen with a menu item shown to users holding ``permission``."""

    #: the permission a user needs to see the menu item
    permission = ""

    @property
    def menu_url(self):
        return reverse(f"{self.url_namespace}:index")

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            permission=self.permission,
        )


class BoardViewSet(ScreenViewSet):
    name = "board"
    url_prefix = "sales/board"
    url_namespace = "leads_board"
    menu_label = _("Board")
    icon = "kanban"
    menu_order = 10
    permission = "leads.view_deal"

    def get_urlpatterns(self):
        return [
            path("", admin_views.board, name="index"),
            path("<int:pipeline_id>/", admin_views.board, name="pipeline"),
        ]


class MyTasksViewSet(ScreenViewSet):
    name = "my_tasks"
    url_prefix = "sales/tasks"
    url_namespace = "leads_tasks"
    menu_label = _("My tasks")
    icon = "tasks"
    menu_order = 40
    permission = "leads.view_task"

    def get_urlpatterns(self):
        return [
            path("", admin_views.my_tasks, name="index"),
            path("<int:pk>/done/", admin_views.task_done, name="done"),
        ]


class SalesIndexView(IndexView):
    """A sales listing whose ``list_filter`` dates refuse years no one means (SalesFilterSet)."""

    base_filterset_class = SalesFilterSet


class CardIndexView(SalesIndexView):
    """A listing whose rows open the model's card (``<namespace>:detail``) rather than the edit form."""

    def get_edit_url(self, instance):
        namespace = self.index_url_name.rsplit(":", 1)[0]
        return reverse(f"{namespace}:detail", args=[instance.pk])


class ManagerExportMixin(SpreadsheetSafeExportMixin):
    """A listing only users with ``leads.export_deals`` may export (CSV or XLSX), its text kept
    text in a spreadsheet (``core.spreadsheets``).

    The CSV starts with a UTF-8 byte order mark: Wagtail writes none, and without it Excel
    opens the file in the system's 8-bit code page, so Cyrillic reads as mojibake. Its rows are
    streamed after Wagtail's language and time-zone override of the view has ended, so the
    stream takes the user's language and time zone with it."""

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not request.user.has_perm("leads.export_deals"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def show_export_buttons(self):
        return self.request.user.has_perm("leads.export_deals") and bool(self.list_export)

    def stream_csv(self, queryset):
        # called inside the override, read outside it: take the language along
        language, zone = translation.get_language(), timezone.get_current_timezone()
        rows = super().stream_csv(queryset)

        def in_the_users_language():
            yield "\ufeff"
            while True:
                with translation.override(language), timezone.override(zone):
                    row = next(rows, None)
                if row is None:
                    return
                yield row

        return in_the_users_language()


class DealIndexView(ColumnsExportMixin, ManagerExportMixin, CardIndexView):
    """Deals the user may see; only managers may export them, with every field the import
    reads back (``leads.exports``). People by full name."""

    export_columns = exports.DEAL_COLUMNS

    def get_export_columns(self):
        return [*self.export_columns, *exports.custom_columns()]

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            return exports.deal_export_queryset(queryset)
        return queryset.select_related("contact", "pipeline", "stage__pipeline", "owner")

    def get_edit_url(self, instance):
        return reverse("leads_deals:detail", args=[instance.pk])


class DealCreateView(CreateView):
    """A deal entered by hand: opened through ``deal_create`` at its pipeline's first stage."""

    def get_initial(self):
        return {**super().get_initial(), "owner": self.request.user}

    def save_instance(self):
        data = self.form.cleaned_data
        return services.deal_create(
            contact=data["contact"],
            pipeline=data["pipeline"],
            title=data["title"],
            owner=data["owner"],
            services=data["services"],
            amount=data["amount"],
            currency=data["currency"],
            expected_close_date=data["expected_close_date"],
            probability=data["probability"],
            source="manual",
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse("leads_deals:detail", args=[self.object.pk])


class DealEditView(EditView):
    """A change of owner goes through ``deal_reassign``: the open tasks follow the deal."""

    def save_instance(self):
        owner = self.form.cleaned_data.get("owner")
        self.form.instance.owner_id = self.form.initial.get("owner")
        deal = super().save_instance()
        return services.deal_reassign(deal=deal, owner=owner, user=self.request.user)


class DealViewSet(SalesModelViewSet):
    model = Deal
    url_prefix = "sales/deals"
    url_namespace = "leads_deals"
    icon = "form"
    menu_label = _("Deals")
    add_item_label = _("Add a deal")
    menu_order = 20
    index_view_class = DealIndexView
    list_display = [
        "title",
        "contact",
        "pipeline",
        "stage",
        PersonColumn("owner", model=Deal),
        MoneyColumn("amount", model=Deal),
        "status",
        DateColumn("created_at", model=Deal),
    ]
    filterset_class = DealFilterSet
    search_fields = ["title", "contact__name", "contact__email", "contact__phone", "company__name"]
    list_export = [column.key for column in exports.DEAL_COLUMNS]
    export_filename = "deals"
    add_view_class = DealCreateView
    edit_view_class = DealEditView
    #: a new deal also chooses its pipeline, and starts at the pipeline's first stage
    add_form_fields = [
        "title",
        "contact",
        "pipeline",
        "owner",
        "services",
        "amount",
        "currency",
        "expected_close_date",
        "probability",
    ]
    #: stage and status change only through deal_move_to_stage
    form_fields = [
        "title",
        "contact",
        "company",
        "owner",
        "services",
        "amount",
        "currency",
        "expected_close_date",
        "probability",
    ]

    def get_form_class(self, for_update=False):
        return self.model_form(self.form_fields if for_update else self.add_form_fields)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", admin_views.deal_detail, name="detail"),
            *admin_deal_actions.urlpatterns,  # one view per button of the deal page and board
        ]


class ContactIndexView(ColumnsExportMixin, ManagerExportMixin, CardIndexView):
    export_columns = exports.CONTACT_COLUMNS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("company")


class CompanyIndexView(ColumnsExportMixin, ManagerExportMixin, CardIndexView):
    export_columns = exports.COMPANY_COLUMNS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("industry")


class ContactViewSet(SalesModelViewSet):
    model = Contact
    url_prefix = "sales/contacts"
    url_namespace = "leads_contacts"
    icon = "user"
    menu_label = _("Contacts")
    add_item_label = _("Add a contact")
    menu_order = 30
    index_view_class = ContactIndexView
    list_display = ["name", "email", "phone", "company", DateColumn("created_at", model=Contact)]
    list_export = [column.key for column in exports.CONTACT_COLUMNS]
    export_filename = "contacts"
    list_filter = ["preferred_channel", "created_at"]
    search_fields = ["name", "email", "phone", "company__name"]
    form_fields = ["name", "email", "phone", "company", "position", "preferred_channel"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", admin_views.contact_detail, name="detail"),
            path("<int:pk>/merge/", admin_views.contact_merge, name="merge"),
            path("<int:pk>/export/", admin_views.contact_export, name="export"),
            path("<int:pk>/erase/", admin_views.contact_erase, name="erase"),
        ]


class CompanyViewSet(SalesModelViewSet):
    model = Company
    url_prefix = "sales/companies"
    url_namespace = "leads_companies"
    icon = "group"
    menu_label = _("Companies")
    add_item_label = _("Add a company")
    menu_order = 35
    index_view_class = CompanyIndexView
    list_display = ["name", "industry", "website", DateColumn("created_at", model=Company)]
    list_export = [column.key for column in exports.COMPANY_COLUMNS]
    export_filename = "companies"
    list_filter = ["industry"]
    search_fields = ["name", "website"]
    form_fields = ["name", "website", "industry", "phone", "notes"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", admin_views.company_detail, name="detail"),
        ]


class LeadSubmissionViewSet(SalesModelViewSet):
    """Requests exactly as they arrived: read-only."""

    model = LeadSubmission
    url_prefix = "sales/requests"
    url_namespace = "leads_requests"
    icon = "mail"
    menu_label = _("Incoming requests")
    menu_order = 50
    list_display = [
        "__str__",
        Column("channel", label=_("Channel"), accessor=request_channel_label),
        "source",
        "deal",
        "spam_status",
        "spam_reason",
        DateColumn("created_at", model=LeadSubmission),
    ]
    list_filter = ["channel", "spam_status", "created_at"]
    index_view_class = SalesIndexView
    inspect_view_enabled = True
    inspect_view_class = RequestInspectView
    inspect_template_name = "leads/admin/request_inspect.html"  # suspected spam: accept button
    form_fields = []

    def get_urlpatterns(self):
        return [
            *(
                pattern
                for pattern in super().get_urlpatterns()
                if pattern.name in ("index", "index_results", "inspect")
            ),
            path("<int:pk>/accept/", admin_requests.request_accept, name="accept"),
        ]


class LeadsViewSetGroup(StableMenuNameMixin, ViewSetGroup):
    menu_label = _("Sales")
    menu_icon = "kanban"
    menu_order = 150
    #: apps above leads (proposals) put their screens in this menu through this hook, since
    #: leads may not import them: a viewset with ``menu_hook = SALES_MENU_HOOK``
    submenu_hook = SALES_MENU_HOOK
    items = (
        BoardViewSet,
        DealViewSet,
        ContactViewSet,
        CompanyViewSet,
        MyTasksViewSet,
        LeadSubmissionViewSet,
        PipelineViewSet,
        StageTaskTemplateViewSet,
        LostReasonViewSet,
        ApiKeyViewSet,
    )
