"""When the search index learns of a save: in the same transaction on the database backends.

Upstream (modelsearch) queues every save's index update as a background task. With the database
backends the index is a table beside the content, and a task run after the commit left a window
in which the content version had moved and the index had not: a search asked in that window (an
editor checking the case just published) was answered from the old index and that answer kept
until the next change. Here a save of an indexed model on the database backends updates the
index at once, inside the save's transaction, so the index, the content and the content version
change together. A backend on another server (Elasticsearch, OpenSearch) is still updated by a
task, as upstream does, so a save never waits for it or fails with it; once the task has written,
it moves the content version (``search-index``), and search answers are asked again.
Deletes were already synchronous upstream.
"""

from django.apps import apps
from django.db.models.signals import post_save

from django_tasks import task
from modelsearch import index, signal_handlers
from modelsearch.backends import get_search_backends

from serving.change_tags import DRAFT_ONLY
from serving.content_version import bump_content_version

#: what a background index update names (``search.tags.SEARCHED`` depends on it)
INDEX_TAG = "search-index"
DATABASE_BACKENDS = "modelsearch.backends.database"


def in_database(backend) -> bool:
    """Whether ``backend`` keeps its index in the site's database."""
    return any(cls.__module__.startswith(DATABASE_BACKENDS) for cls in type(backend).__mro__)


def index_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """post_save of an indexed model: index it now, or queue it for an external server.

    A save of a draft's fields only (``save_revision`` saves the page's ``latest_revision``
    while the instance holds the draft's text) is not indexed: indexing the instance put a
    draft's words in the public index. Another save of some fields only is indexed as the row
    now stands, read again. A full save (a publish) is indexed from the instance, whose inline
    rows modelcluster writes only after this signal."""
    if raw or (update_fields and set(update_fields) <= DRAFT_ONLY):
        return  # nothing the index holds was saved (a draft's revision, a lock)
    if all(in_database(backend) for backend in get_search_backends(with_auto_update=True)):
        if update_fields is not None:
            instance = sender._default_manager.filter(pk=instance.pk).first()
            if instance is None:
                return
        index.insert_or_update_object(instance)
    else:
        index_later.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


@task()
def index_later(app_label: str, model_name: str, pk: str) -> None:
    """Index one object on an external search server, then let search answers be asked again."""
    model = apps.get_model(app_label, model_name)
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:  # deleted since: its delete removed it from the index
        return
    index.insert_or_update_object(instance)
    bump_content_version({INDEX_TAG})


def connect() -> None:
    """Make :func:`index_saved` the handler upstream connects (``SearchConfig.ready``).

    The search app is ready before ``wagtail.search``, whose ``ready`` connects
    ``modelsearch.signal_handlers.post_save_signal_handler`` to every indexed model, reading the
    name when it runs: naming ours there first makes it the one connected. Should upstream have
    connected already, its handler is replaced on each model."""
    upstream = signal_handlers.post_save_signal_handler
    signal_handlers.post_save_signal_handler = index_saved
    if upstream is index_saved:
        return
    for model in index.get_indexed_models():
        if getattr(model, "search_auto_update", True) and post_save.disconnect(
            upstream, sender=model
        ):
            post_save.connect(index_saved, sender=model)
