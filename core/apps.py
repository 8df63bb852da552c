from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from serving.content_version import register_content_app

        from . import social_images

        register_content_app(self.label)  # site settings and plain pages are public content
        # a published case, service or expert gets its picture drawn by the worker
        page_published.connect(social_images.on_publish, dispatch_uid="vitrina-social-image")
        # an unpublished page's picture is deleted at once (its media address is public)
        page_unpublished.connect(
            social_images.on_unpublish, dispatch_uid="vitrina-social-image-unpublish"
        )
        # ... and a deleted page's
        post_delete.connect(social_images.on_delete, dispatch_uid="vitrina-social-image-delete")
        # the brand colour or the company's name changed: every picture showing them
        post_save.connect(
            social_images.on_settings_saved,
            sender=self.get_model("SiteSettings"),
            dispatch_uid="vitrina-social-image-settings",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                social_images.on_restriction_change,
                sender=PageViewRestriction,
                dispatch_uid=f"vitrina-social-image-restriction-{signal is post_save}",
            )
