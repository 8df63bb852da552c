from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Sales → Analytics: read-only reports over the pipeline's history."""

    name = "analytics"
    default_auto_field = "django.db.models.BigAutoField"
