from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Sales → Analytics: read-only reports over the pipeline's history."""

    name = "analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # analytics listens to leads (never the reverse): the pages each deal's visitor read
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_init,
            post_save,
            pre_delete,
        )

        from catalog.models import ServicePage
        from leads.models import Deal
        from leads.signals import deal_touch_erased, deals_bulk_written

        from . import receivers

        post_init.connect(receivers.deal_loaded, sender=Deal, dispatch_uid="analytics_deal_loaded")
        post_save.connect(receivers.deal_saved, sender=Deal, dispatch_uid="analytics_deal_saved")
        deal_touch_erased.connect(receivers.deal_touch_erased, dispatch_uid="analytics_erased")
        deals_bulk_written.connect(receivers.deals_bulk_written, dispatch_uid="analytics_bulk")
        # and each deal's service types
        m2m_changed.connect(
            receivers.deal_services_changed,
            sender=Deal.services.through,
            dispatch_uid="analytics_deal_services",
        )
        m2m_changed.connect(
            receivers.service_types_changed,
            sender=ServicePage.service_types.through,
            dispatch_uid="analytics_service_types",
        )
        pre_delete.connect(
            receivers.service_deleting,
            sender=ServicePage,
            dispatch_uid="analytics_service_deleting",
        )
        post_delete.connect(
            receivers.service_deleted, sender=ServicePage, dispatch_uid="analytics_service_deleted"
        )
