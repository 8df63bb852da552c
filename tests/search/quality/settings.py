"""Test settings plus Wagtail's own database backend, "plain", for the baseline figures (indexed
on demand only: both backends write the same index table, so they are measured one after the
other)."""

from config.settings.test import *  # noqa: F403

WAGTAILSEARCH_BACKENDS = {
    **WAGTAILSEARCH_BACKENDS,  # noqa: F405
    "plain": {
        "BACKEND": "modelsearch.backends.database",
        "SEARCH_CONFIG": SEARCH_LANGUAGE,  # noqa: F405
        "AUTO_UPDATE": False,
    },
}
