"""Export tasks queued before the move name ``core.tasks.*``: point them at ``serving.tasks``.

Without this, a request to export a page queued by the old code (and not yet run when the new
code starts) would fail in the worker with an ImportError and the export would miss the page.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def _repoint(apps, old: str, new: str) -> None:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path__startswith=old).update(
        task_path=Replace("task_path", Value(old), Value(new))
    )


def forwards(apps, schema_editor):
    _repoint(apps, "core.tasks.", "serving.tasks.")


def backwards(apps, schema_editor):
    _repoint(apps, "serving.tasks.", "core.tasks.")


class Migration(migrations.Migration):
    dependencies = [
        ("serving", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
