"""The one place the request pipeline queues background work (connected in ``LeadsConfig.ready``).

* :func:`queue_lead_processing`: a request the site's form stored (``lead_receive``) gets the
  task that builds its deal (``leads.tasks.process_submission`` → ``lead_process``). It is
  queued at once: ``lead_receive`` stores the request in a durable transaction, committed by
  the time the signal is sent, so the worker always finds the row.
* :func:`queue_new_deal_notification`: a deal built from a request (``lead_capture``,
  ``lead_process``) gets the email to its owner (``leads.tasks.notify_new_deal``), queued with
  ``transaction.on_commit``: the deal is built inside a transaction that may still roll back.

A queue that fails never reaches the visitor: the request is stored, and the worker's sweep
(``leads.tasks.sweep_stranded_requests``) builds the deals of requests nobody queued.
"""

import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext

from . import tasks
from .signals import deal_received, import_job_queued, request_stored

logger = logging.getLogger(__name__)


@receiver(request_stored, dispatch_uid="vitrina-leads-queue-processing")
def queue_lead_processing(sender, *, submission_id: int, **kwargs) -> None:
    try:
        tasks.process_submission.enqueue(submission_id)
    except Exception:  # stored: the worker's sweep builds its deal
        logger.exception("Request %s stored, but its deal could not be queued", submission_id)


@receiver(deal_received, dispatch_uid="vitrina-leads-queue-notification")
def queue_new_deal_notification(sender, *, deal_id: int, **kwargs) -> None:
    def enqueue():
        try:
            tasks.notify_new_deal.enqueue(deal_id)
        except Exception:  # the request is stored; a failing queue must not reach the visitor
            logger.exception("Could not enqueue the notification for deal %s", deal_id)

    transaction.on_commit(enqueue)


@receiver(import_job_queued, dispatch_uid="vitrina-leads-queue-import")
def queue_import(sender, *, job_id: int, dry_run: bool, **kwargs) -> None:
    """Sent once the job's QUEUED status committed; a queue that fails marks the job failed."""
    try:
        tasks.import_job_run.enqueue(job_id, dry_run)
    except Exception:
        logger.exception("Could not enqueue import %s", job_id)
        from .models import ImportJob

        ImportJob.objects.filter(pk=job_id).update(
            status="uploaded" if dry_run else "failed",
            error=gettext("The import could not be queued: try again."),
        )
