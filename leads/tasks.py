"""Background work of the pipeline: notifying sales about new requests, with retries."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


@task()
def notify_new_deal(deal_id: int, attempt: int = 1) -> str:
    """Email the deal's owner (or the sales inbox) about a new request; retry later if mail fails."""
    from .models import Deal

    deal = Deal.objects.select_related("contact", "owner", "pipeline", "stage", "source_page").get(
        pk=deal_id
    )
    recipients = (
        [deal.owner.email] if deal.owner and deal.owner.email else list(settings.SALES_INBOX)
    )
    if not recipients:
        return "no recipient"
    subject = _("New request: %(title)s") % {"title": deal.title}
    body = render_to_string(
        "leads/email/new_deal.txt",
        {
            "deal": deal,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + f"/admin/sales/deals/{deal.pk}/",
        },
    )
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        delays = settings.LEADS_NOTIFY_RETRY_DELAYS
        if attempt > len(delays):
            logger.exception(
                "Giving up notifying about deal %s after %s attempts", deal_id, attempt
            )
            raise
        logger.warning("Mail failed for deal %s (attempt %s); retrying", deal_id, attempt)
        retry = notify_new_deal
        if default_task_backend.supports_defer:
            retry = notify_new_deal.using(
                run_after=timezone.now() + datetime.timedelta(seconds=delays[attempt - 1])
            )
        retry.enqueue(deal_id, attempt + 1)
        raise
    return "sent"
