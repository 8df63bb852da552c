from django.apps import AppConfig

WAGTAIL_BOOKKEEPING = (
    "GroupSitePermission",
    "APIToken",
    "ModelLogEntry",
    "Revision",
    "GroupCollectionPermission",
    "UploadedFile",
    "WorkflowContentType",
    "WorkflowState",
    "Workflow",
    "WorkflowTask",
    "Task",
    "GroupApprovalTask",
    "TaskState",
    "GroupPagePermission",
    "WorkflowPage",
    "PageLogEntry",
    "Comment",
    "CommentReply",
    "PageSubscription",
    "ReferenceIndex",
)


class ServingConfig(AppConfig):
    """Delivery: it names no project app; content apps register themselves in their ``ready``."""

    name = "serving"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import change_tags, tasks
        from .content_version import register_content_app

        # Wagtail's pages, sites, restrictions and images are what every public page shows; its
        # revisions, logs, workflows, comments and permissions are not.
        register_content_app("wagtailcore", not_content=WAGTAIL_BOOKKEEPING)
        register_content_app("wagtailimages")
        pre_save.connect(change_tags.remember_page_before_save, dispatch_uid="vitrina-page-before")
        post_save.connect(change_tags.on_save, dispatch_uid="vitrina-page-cache-save")
        post_delete.connect(change_tags.on_delete, dispatch_uid="vitrina-page-cache-delete")
        # a publish saves the page (post_save names what changed); these change more than a save
        page_unpublished.connect(change_tags.on_unpublish, dispatch_uid="vitrina-cache-unpublish")
        post_page_move.connect(change_tags.on_move, dispatch_uid="vitrina-page-cache-move")
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
