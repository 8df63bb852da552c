from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from serving.content_version import register_content_app

        # Promoted results are shown on the search page; the query statistics are bookkeeping.
        register_content_app("wagtailsearchpromotions", not_content=("query", "querydailyhits"))
