from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published

        from serving.content_version import register_content_app

        from . import social_images

        register_content_app(self.label)  # site settings and plain pages are public content
        # a published case, service or expert gets its picture drawn by the worker
        page_published.connect(social_images.on_publish, dispatch_uid="vitrina-social-image")
        for signal in (post_save, post_delete):
            signal.connect(
                social_images.on_restriction_change,
                sender=PageViewRestriction,
                dispatch_uid=f"vitrina-social-image-restriction-{signal is post_save}",
            )
