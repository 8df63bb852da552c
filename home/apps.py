from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front page: it sits above the content apps it shows, so ``core`` need not name them."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from serving.content_version import register_content_app

        register_content_app(self.label)  # the front page is public content
