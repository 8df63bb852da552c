"""What the background worker does besides running tasks (``manage.py run_worker``).

django-tasks-db marks a task ``RUNNING`` when a worker claims it and finished when it ends; a
worker killed in between (``kill -9``, out of memory, a lost machine) leaves the task
``RUNNING`` for ever, and the work it was doing (a request's deal) undone. So the worker, at
start and then every ``WORKER_SWEEP_SECONDS``, runs :func:`worker_sweep`:

* :func:`tasks_recover_abandoned`: a ``RUNNING`` task whose worker is gone goes back to the
  queue (``READY``), at most ``MAX_ATTEMPTS`` runs in all, then it is marked failed. Gone means
  a worker of this machine whose process no longer runs (``run_worker`` names its workers
  ``host:pid:random``) at once; a worker this machine cannot see (another host, a plain
  ``db_worker``) once its task started more than ``TASKS_RUNNING_TIMEOUT`` seconds ago. Tasks
  must therefore be safe to run again (``lead_process`` is);
* each function in ``WORKER_SWEEPS`` (the deals of stranded requests, ``leads.tasks``).
"""

import datetime
import logging
import os
import socket
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a task that takes its worker down every time is not tried for ever
WORKER_MARK = "run_worker"  # in the command line of a process that runs our worker
LOST = "serving.worker.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it."""


def _host() -> str:
    return socket.gethostname()[:40]


def make_worker_id() -> str:
    """``host:pid:random``: lets a sweep on the same machine see that the process is gone."""
    return f"{_host()}:{os.getpid()}:{get_random_string(8)}"


def _process_runs_worker(pid: int) -> bool:
    """Whether process ``pid`` runs our worker (on Linux, by its command line: a process id
    the system gave to some other program since counts as gone); elsewhere whether it lives."""
    if Path("/proc/self/cmdline").exists():
        try:
            return WORKER_MARK.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False  # no such process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


GONE, ALIVE, UNKNOWN = "gone", "alive", "unknown"


def worker_state(worker_id: str, *, current_id: str = "") -> str:
    """``GONE`` for a worker of this machine whose process no longer runs it, ``ALIVE`` while it
    does, ``UNKNOWN`` when this machine cannot tell (another host, a plain ``db_worker``)."""
    host, _, rest = worker_id.partition(":")
    pid_text, _, _ = rest.partition(":")
    if host != _host() or not pid_text.isascii() or not pid_text.isdigit():
        return UNKNOWN
    pid = int(pid_text)
    if pid == os.getpid():  # this process: our own task, or an earlier worker with our id
        return ALIVE if worker_id == current_id else GONE
    return ALIVE if _process_runs_worker(pid) else GONE


def tasks_recover_abandoned(*, current_id: str = "", now: datetime.datetime | None = None) -> int:
    """Put back into the queue the ``RUNNING`` tasks whose worker is gone; how many.

    Each row changes only if it is still the same run (status and start time unchanged), so
    sweeps of several workers at once recover a task once."""
    now = now or timezone.now()
    timed_out = now - datetime.timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT)
    recovered = 0
    for row in DBTaskResult.objects.running().only("id", "started_at", "worker_ids", "task_path"):
        worker = row.worker_ids[-1] if row.worker_ids else ""
        state = worker_state(worker, current_id=current_id)
        stale = row.started_at is None or row.started_at < timed_out
        if state == ALIVE or (state == UNKNOWN and not stale):
            continue
        same_run = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        if len(row.worker_ids) < MAX_ATTEMPTS:
            changed = same_run.update(status=TaskResultStatus.READY, started_at=None)
        else:
            changed = same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST,
                traceback=f"{LOST}: worker {worker} stopped during attempt "
                f"{len(row.worker_ids)} of {MAX_ATTEMPTS}; not tried again.\n",
            )
        if changed:
            recovered += 1
            logger.warning(
                "Task %s (%s) was left running by worker %s: %s",
                row.pk,
                row.task_path,
                worker,
                "queued again" if len(row.worker_ids) < MAX_ATTEMPTS else "marked failed",
            )
    return recovered


def worker_sweep(*, current_id: str = "") -> None:
    """Recover abandoned tasks, then run every ``WORKER_SWEEPS`` function; one failing does not
    stop the others."""
    jobs = [lambda: tasks_recover_abandoned(current_id=current_id)]
    jobs += [import_string(path) for path in settings.WORKER_SWEEPS]
    for job in jobs:
        try:
            job()
        except Exception:
            logger.exception("Worker sweep %r failed", job)
