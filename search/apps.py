from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from serving.content_version import register_content_app

        from .indexing import connect

        connect()  # the index changes with the content, in its transaction (search.indexing)

        # Promoted results are shown on the search page; the query statistics are bookkeeping.
        register_content_app("wagtailsearchpromotions", not_content=("query", "querydailyhits"))
        # Synonym groups change what a search finds; every other model here is bookkeeping
        # (statistics, hidden popular searches read on each request), a new one too unless named.
        register_content_app(
            self.label,
            not_content=tuple(
                model._meta.model_name
                for model in self.get_models()
                if model._meta.model_name != "synonymgroup"
            ),
        )
