"""``manage.py run_worker``: django-tasks-db's ``db_worker`` that also sweeps on a timer.

At start, and then every ``--sweep-every`` seconds (``WORKER_SWEEP_SECONDS``) in a thread of its
own, it runs :func:`serving.worker.worker_sweep`: tasks a dead worker left ``RUNNING`` go back to
the queue, and requests no task is building get their deals, whether or not anyone sends a form.
Every option of ``db_worker`` works the same; the worker id defaults to ``host:pid:random``.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from serving.worker import make_worker_id, worker_sweep

logger = logging.getLogger(__name__)


class Command(DBWorkerCommand):
    help = (
        "Run the database background worker; at start and every --sweep-every seconds, "
        "requeue tasks a dead worker left running and build the deals of stranded requests."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=make_worker_id())
        parser.add_argument(
            "--sweep-every",
            type=valid_interval,
            default=settings.WORKER_SWEEP_SECONDS,
            help="Seconds between sweeps; 0 sweeps only at start (default: %(default)r)",
        )

    def handle(self, *, sweep_every, reload, batch, worker_id, **options):
        # With --reload the first process only watches files; its child runs the worker.
        runs_tasks = batch or not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        if runs_tasks:
            self._sweep(worker_id)  # what an earlier worker left behind, before new work
            if sweep_every and not batch:
                threading.Thread(
                    target=self._sweep_forever,
                    args=(worker_id, sweep_every),
                    name="worker-sweep",
                    daemon=True,
                ).start()
        super().handle(reload=reload, batch=batch, worker_id=worker_id, **options)

    @staticmethod
    def _sweep(worker_id: str) -> None:
        try:
            worker_sweep(current_id=worker_id)
        finally:
            connections.close_all()  # this thread's connections only

    def _sweep_forever(self, worker_id: str, every: float) -> None:
        while True:
            time.sleep(every)
            try:
                self._sweep(worker_id)
            except Exception:  # the timer must outlive a database hiccup
                logger.exception("Worker sweep failed")
