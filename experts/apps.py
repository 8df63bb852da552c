from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "experts"

    def ready(self):
        from serving.content_version import register_content_app

        register_content_app(self.label)  # every model here is shown on public pages
