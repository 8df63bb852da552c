"""A worker that dies leaves nothing behind: its task goes back to the queue and the request it
was building gets its deal from the worker's own timer, with no other visitor's form."""

import datetime
import os
import subprocess
import sys

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from leads.models import Deal, LeadSubmission
from serving.worker import MAX_ATTEMPTS, make_worker_id, tasks_recover_abandoned, worker_sweep
from tests.leads.conftest import valid_data  # noqa: F401  (fixture)
from tests.leads.test_request_form import post_data  # noqa: F401  (fixture)

ELSEWHERE = "other-host:4242:abcdefgh"  # a worker this machine cannot see
PROCESS = "leads.tasks.process_submission"


@pytest.fixture
def db_tasks(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_RUNNING_TIMEOUT = 900
    # Threaded tests on PostgreSQL commit outside the test transaction: start from a clean queue.
    DBTaskResult.objects.all().delete()
    LeadSubmission.objects.all().delete()


def stranded(client, data, *, worker: str, minutes_ago: float) -> DBTaskResult:
    """A visitor's request whose task a worker claimed ``minutes_ago`` and never finished."""
    assert client.post("/requests/", data).status_code == 302
    row = DBTaskResult.objects.get(task_path=PROCESS)
    row.claim(worker)
    since = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=since)
    LeadSubmission.objects.update(created_at=since)
    return row


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def local_worker(pid: int) -> str:
    return make_worker_id().replace(f":{os.getpid()}:", f":{pid}:")


def test_a_task_stranded_longer_than_the_timeout_is_requeued_and_its_deal_built(
    client,
    post_data,  # noqa: F811
    db_tasks,
):
    row = stranded(client, post_data, worker=ELSEWHERE, minutes_ago=20)
    worker_sweep()
    row.refresh_from_db()
    assert row.status == "READY" and row.started_at is None
    submission = LeadSubmission.objects.get()
    assert submission.deal is not None  # built by the sweep, no new form needed
    worker_sweep()  # a second sweep changes nothing
    assert Deal.objects.count() == 1
    assert DBTaskResult.objects.get(task_path=PROCESS).status == "READY"


def test_a_recent_running_task_is_left_alone(client, post_data, db_tasks):  # noqa: F811
    row = stranded(client, post_data, worker=ELSEWHERE, minutes_ago=1)
    assert tasks_recover_abandoned() == 0
    row.refresh_from_db()
    assert row.status == "RUNNING" and row.worker_ids == [ELSEWHERE]


def test_a_killed_worker_of_this_machine_is_seen_at_once(client, post_data, db_tasks):  # noqa: F811
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "run_worker"])
    try:
        row = stranded(client, post_data, worker=local_worker(alive.pid), minutes_ago=60)
        assert tasks_recover_abandoned() == 0  # still running it, however long it takes
        alive.kill()  # kill -9
        alive.wait()
        assert tasks_recover_abandoned() == 1
        row.refresh_from_db()
        assert row.status == "READY"
    finally:
        alive.kill()


def test_a_task_that_keeps_killing_its_worker_is_given_up(client, post_data, db_tasks):  # noqa: F811
    row = stranded(client, post_data, worker=ELSEWHERE, minutes_ago=20)
    DBTaskResult.objects.filter(pk=row.pk).update(worker_ids=[ELSEWHERE] * MAX_ATTEMPTS)
    assert tasks_recover_abandoned() == 1
    row.refresh_from_db()
    assert row.status == "FAILED" and row.exception_class_path == "serving.worker.WorkerLost"


@pytest.mark.django_db(transaction=True)
def test_run_worker_finishes_what_a_killed_worker_left(client, post_data, db_tasks):  # noqa: F811
    stranded(client, post_data, worker=local_worker(dead_pid()), minutes_ago=0.1)
    call_command(
        "run_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name=*", verbosity=0
    )
    row = DBTaskResult.objects.get(task_path=PROCESS)
    assert row.status == "SUCCESSFUL" and len(row.worker_ids) == 2
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()  # its email too
    assert LeadSubmission.objects.get().deal is not None and Deal.objects.count() == 1
