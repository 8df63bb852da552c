from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from serving.content_version import register_content_app

        register_content_app(self.label)  # site settings and plain pages are public content
