from django.apps import AppConfig


class ServingConfig(AppConfig):
    """Delivery: it names no project app; content apps register themselves in their ``ready``."""

    name = "serving"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from wagtail.models import PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import tasks
        from .content_version import (
            bump_content_version,
            bump_for_content_models,
            register_content_app,
        )

        # Wagtail's pages and images are what every public page shows.
        register_content_app("wagtailcore")
        register_content_app("wagtailimages")
        post_save.connect(bump_for_content_models, dispatch_uid="vitrina-page-cache-save")
        post_delete.connect(bump_for_content_models, dispatch_uid="vitrina-page-cache-delete")
        page_published.connect(bump_content_version, dispatch_uid="vitrina-page-cache-publish")
        page_unpublished.connect(bump_content_version, dispatch_uid="vitrina-page-cache-unpublish")
        post_page_move.connect(bump_content_version, dispatch_uid="vitrina-page-cache-move")
        page_published.connect(tasks.on_publish, dispatch_uid="vitrina-export-publish")
        page_unpublished.connect(tasks.on_unpublish, dispatch_uid="vitrina-export-unpublish")
        post_page_move.connect(tasks.on_move, dispatch_uid="vitrina-export-move")
        page_slug_changed.connect(tasks.on_slug_change, dispatch_uid="vitrina-export-slug")
        pre_delete.connect(tasks.on_delete, dispatch_uid="vitrina-export-delete")
        post_save.connect(
            tasks.on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid="vitrina-export-restriction-save",
        )
        post_delete.connect(
            tasks.on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid="vitrina-export-restriction-delete",
        )
