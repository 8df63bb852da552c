from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the pipeline's services announce stored requests and new deals; this queues their tasks
        from . import queue  # noqa: F401
