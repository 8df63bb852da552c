"""The search index changes with the content, in its transaction (``search.indexing``): a
search asked right after a publish finds the new text while no worker has run yet, and the
answer kept for the new content version is the right one."""

from django.db.models.signals import post_save
from django.test import override_settings

from modelsearch import signal_handlers
from modelsearch.backends.base import BaseSearchBackend

from cases.models import CasePage
from search.indexing import INDEX_TAG, in_database, index_later, index_saved
from search.selectors import portfolio_search
from serving import content_version as cv
from tests.edits import publish

#: a task backend that keeps what is queued and never runs it: no worker yet
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _titles(text):
    return [hit.page.title for hit in portfolio_search(text=text).hits]


def test_a_publish_is_found_before_any_worker_runs(portfolio):
    case = CasePage.objects.live().first()
    assert _titles("zebrafish") == []  # asked, and kept for this content version
    with override_settings(TASKS=NO_WORKER):
        publish(case, summary=f"{case.summary} Zebrafish telemetry.")
        assert _titles("zebrafish") == [case.title]
        publish(case, summary="Nothing about fish any more.")
        assert _titles("zebrafish") == []


def test_inline_rows_published_with_the_page_are_found_at_once(portfolio):
    """The admin publishes a page with its rows (metrics) in one save; the index, written
    in that save, reads them from the page being saved."""
    case = CasePage.objects.get(pk=portfolio.cases[0].pk)
    metrics = list(case.metrics.all())
    metrics[0].label = "Quokkaflux rate"
    case.metrics = metrics
    with override_settings(TASKS=NO_WORKER):
        case.save_revision().publish()
        assert _titles("quokkaflux") == [case.title]


def test_a_drafts_words_are_not_found_until_it_is_published(portfolio):
    """Saving a draft (the editor's "Save draft") keeps the live text in the index: a visitor
    searching a word only the draft holds finds nothing; the draft's publish makes it found."""
    case = CasePage.objects.get(pk=portfolio.cases[0].pk)
    live_title = case.title
    case.title = "Draft zebrafish title"
    case.summary = "Secretdraftword in a draft nobody published."
    with override_settings(TASKS=NO_WORKER):
        revision = case.save_revision()
        assert _titles("secretdraftword") == []
        assert _titles("zebrafish") == []
        assert live_title in _titles(live_title)
        revision.publish()
        assert _titles("secretdraftword") == ["Draft zebrafish title"]


def test_saves_are_indexed_by_our_handler_only():
    sync, _async = post_save._live_receivers(CasePage)
    names = {(receiver.__module__, receiver.__name__) for receiver in sync}
    assert ("search.indexing", "index_saved") in names
    assert ("modelsearch.signal_handlers", "post_save_signal_handler") not in names
    assert signal_handlers.post_save_signal_handler is index_saved


def test_which_backends_keep_their_index_in_the_database():
    from modelsearch.backends import get_search_backend

    assert in_database(get_search_backend())
    assert not in_database(object())


class RecordingBackend(BaseSearchBackend):
    """An external search server: records what it is given."""

    added: list = []

    def add(self, obj):
        self.added.append(obj.pk)


def test_an_external_server_is_written_by_a_task_that_moves_the_version(portfolio):
    case = CasePage.objects.live().first()
    external = {"default": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.added.clear()
    with override_settings(WAGTAILSEARCH_BACKENDS=external, TASKS=NO_WORKER):
        publish(case, summary="Queued, not written.")
        assert RecordingBackend.added == []
    before = cv.content_version()
    with override_settings(WAGTAILSEARCH_BACKENDS=external):  # the worker runs the task now
        index_later.call(case._meta.app_label, case._meta.model_name, str(case.pk))
    assert RecordingBackend.added == [case.pk]
    assert cv.content_version() == before + 1
    assert cv.changes_between(before, before + 1) == [{INDEX_TAG}]
