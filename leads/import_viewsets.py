"""Sales → Import in the Sales menu (``SALES_MENU_HOOK``), for ``leads.run_import`` holders.

Custom views only (``leads.import_views``): no generic edit, copy, history, inspect or delete
view exists for an import job to guard besides them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import import_views as views
from .viewsets import SALES_MENU_HOOK, ScreenViewSet


class ImportViewSet(ScreenViewSet):
    name = "import"
    url_prefix = "sales/import"
    url_namespace = "leads_import"
    menu_label = _("Import")
    icon = "upload"
    menu_hook = SALES_MENU_HOOK
    #: after the lists, before the set-up screens
    menu_order = 55
    permission = views.PERMISSION

    def get_urlpatterns(self):
        return [
            path("", views.import_index, name="index"),
            path("<str:job_id>/", views.import_job, name="job"),
            path("<str:job_id>/mapping/", views.import_mapping, name="mapping"),
            path("<str:job_id>/values/", views.import_values, name="values"),
            path("<str:job_id>/preview/", views.import_preview, name="preview"),
            path("<str:job_id>/start/", views.import_start, name="start"),
            path("<str:job_id>/failed-rows/", views.import_failed_rows, name="failed_rows"),
            path("<str:job_id>/undo/", views.import_undo, name="undo"),
        ]


@hooks.register("register_admin_viewset")
def register_import():
    return ImportViewSet()
