"""Elasticsearch 9 and OpenSearch 3 backends whose index is created with the editors' synonyms.

Elasticsearch and OpenSearch analyse text themselves (``SEARCH_INDEX_SETTINGS`` in the settings:
ё as е, joined compounds, Russian and English Snowball stems). The synonym groups are a
``synonym_graph`` filter of the ``default_search`` analyzer only, so they apply when a query is
analysed and never to stored text. Their rules are written into the index settings when the
index is created, that is by ``manage.py update_index``, which builds a new index and switches
the alias to it: after editing synonyms on these backends, run ``update_index``. (The database
backends apply the groups to every query at once, :mod:`search.synonyms`.)

Not runnable here (no server can be installed): ``tests/search/test_synonyms.py`` runs against
a server when ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` is set and skips otherwise.
"""

import copy

from modelsearch.backends import elasticsearch9, opensearch3

SYNONYM_FILTER = "vitrina_synonyms"
SEARCH_ANALYZER = "default_search"


def with_synonyms(index_settings: dict, lines: list[str]) -> dict:
    """``index_settings`` with the synonym filter's rules set to ``lines``; without any rule the
    filter is taken out of the search analyzer (an empty rule set is refused by some versions)."""
    rendered = copy.deepcopy(index_settings)
    analysis = rendered.get("settings", {}).get("analysis", {})
    synonym_filter = analysis.get("filter", {}).get(SYNONYM_FILTER)
    if synonym_filter is None:
        return rendered
    if lines:
        synonym_filter["synonyms"] = list(lines)
    else:
        del analysis["filter"][SYNONYM_FILTER]
        for analyzer in analysis.get("analyzer", {}).values():
            if SYNONYM_FILTER in analyzer.get("filter", []):
                analyzer["filter"] = [f for f in analyzer["filter"] if f != SYNONYM_FILTER]
    return rendered


class SynonymsAtCreation:
    """An index created with the synonym groups as they are now."""

    def put(self):
        from .synonyms import synonym_lines

        configured = self.backend.settings
        self.backend.settings = with_synonyms(configured, synonym_lines())
        try:
            super().put()
        finally:
            self.backend.settings = configured


class Elasticsearch9Index(SynonymsAtCreation, elasticsearch9.Elasticsearch9Index):
    pass


class Elasticsearch9SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    index_class = Elasticsearch9Index


class OpenSearch3Index(SynonymsAtCreation, opensearch3.OpenSearch3Index):
    pass


class OpenSearch3SearchBackend(opensearch3.OpenSearch3SearchBackend):
    index_class = OpenSearch3Index
