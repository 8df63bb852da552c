"""Export tasks queued by the code before ``serving`` existed still run after the upgrade."""

import importlib

from django.apps import apps

import pytest
from django_tasks_db.models import DBTaskResult

from serving import tasks

migration = importlib.import_module("serving.migrations.0002_queued_tasks_follow_the_move")


def queued(path: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=path,
        args_kwargs={"args": [[1], []], "kwargs": {}},
        priority=0,
        queue_name="default",
        backend_name="default",
        run_after=None,
    )


@pytest.mark.django_db
def test_a_task_queued_under_core_tasks_runs_from_serving_after_the_migration():
    old = queued("core.tasks.export_changed_pages")
    other = queued("leads.tasks.process_submission")

    migration.forwards(apps, None)

    old.refresh_from_db()
    other.refresh_from_db()
    assert old.task_path == "serving.tasks.export_changed_pages"
    assert old.task.func is tasks.export_changed_pages.func  # what the worker imports
    assert other.task_path == "leads.tasks.process_submission"

    migration.backwards(apps, None)
    old.refresh_from_db()
    assert old.task_path == "core.tasks.export_changed_pages"
