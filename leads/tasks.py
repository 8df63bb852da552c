"""Background work of the pipeline: building a stored request's deal, emailing a deal's owner
(with retries).

Tasks call services, never the reverse: the services announce their work (``leads.signals``)
and ``leads.queue``, the one module that queues it, calls these tasks' ``enqueue``.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import default_task_backend, task

from .services import lead_process, lead_process_pending

logger = logging.getLogger(__name__)


def _deal(deal_id: int):
    from .models import Deal

    return Deal.objects.select_related("contact", "owner", "pipeline", "stage", "source_page").get(
        pk=deal_id
    )


def _recipients(deal) -> list[str]:
    return [deal.owner.email] if deal.owner and deal.owner.email else list(settings.SALES_INBOX)


def _admin_url(deal) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/admin/sales/deals/{deal.pk}/"


@task()
def notify_deal_owner(deal_id: int, subject: str, text: str, attempt: int = 1) -> str:
    """Email the deal's owner (or the sales inbox); when mail fails, try again later.

    Retries follow ``LEADS_NOTIFY_RETRY_DELAYS``; the deal itself is never touched.
    """
    deal = _deal(deal_id)
    recipients = _recipients(deal)
    if not recipients:
        return "no recipient"
    body = f"{text}\n\n{_admin_url(deal)}\n"
    return mail_or_retry(
        notify_deal_owner,
        (deal_id, subject, text),
        attempt=attempt,
        about=f"deal {deal_id}",
        subject=subject,
        body=body,
        recipients=recipients,
    )


def mail_or_retry(task, args: tuple, *, attempt: int, about: str, subject, body, recipients):
    """Send the mail; when it fails, queue ``task(*args, attempt + 1)`` after the next of
    ``LEADS_NOTIFY_RETRY_DELAYS`` (right away on a backend that cannot defer) and raise, so the
    failed run is recorded; after the last delay, give up (logged, raised)."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        delays = settings.LEADS_NOTIFY_RETRY_DELAYS
        if attempt > len(delays):
            logger.exception("Giving up notifying about %s after %s attempts", about, attempt)
            raise
        logger.warning("Mail failed for %s (attempt %s); retrying", about, attempt)
        retry = task
        if default_task_backend.supports_defer:
            run_after = timezone.now() + datetime.timedelta(seconds=delays[attempt - 1])
            retry = task.using(run_after=run_after)
        retry.enqueue(*args, attempt + 1)
        raise
    return "sent"


@task()
def process_submission(submission_id: int) -> int | None:
    """Turn a request the site's form stored into its deal (``leads.services.lead_process``)."""
    deal = lead_process(submission_id)
    lead_process_pending()  # any request stranded before its task was queued
    return deal.pk if deal else None


def sweep_stranded_requests(rounds: int = 10) -> int:
    """Build the deals of stored requests that no task is building (queueing failed, a worker
    died): run by the worker's timer (``WORKER_SWEEPS``, ``serving.worker``), so such a request
    gets its deal without waiting for another visitor's form. How many got a deal."""
    built = 0
    for _round in range(rounds):
        count = lead_process_pending()
        built += count
        if not count:
            break
    return built


@task()
def notify_new_deal(deal_id: int) -> str:
    """Write the "new request" email for a deal and send it (retried by ``notify_deal_owner``).

    Runs in the worker: the visitor's request only queues it."""
    deal = _deal(deal_id)
    subject = _("New request: %(title)s") % {"title": deal.title}
    text = render_to_string("leads/email/new_deal.txt", {"deal": deal}).strip()
    notify_deal_owner.enqueue(deal_id, subject, text)
    return "queued"


@task()
def import_job_run(job_id: int, dry_run: bool = False) -> str:
    """Run an import (or its preview) in the worker: a file above ``LEADS_IMPORT_INLINE_ROWS``
    rows takes longer than a request may. Chunks commit one by one, so a worker restarted after
    ``TASKS_RUNNING_TIMEOUT`` goes on from the job's ``rows_done`` (``leads.imports.pipeline``)."""
    from .imports import pipeline
    from .models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status in ("done", "undone"):
        return "nothing to do"
    pipeline.run(job, dry_run=dry_run)
    return job.status
