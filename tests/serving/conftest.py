import pytest

from tests.edits import change_runner


@pytest.fixture(params=["this process", "another process"])
def change(request):
    """Run a change in this process, or as another process that learns of it from the log."""
    return change_runner(request.param)


@pytest.fixture
def queued_tasks(settings):
    """Background tasks queued, not run (the worker's part)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
