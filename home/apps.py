from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front page: it sits above the content apps it shows, so ``core`` need not name them."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
