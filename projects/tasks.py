"""Background work of projects: a won deal's draft case, and emailing the editors about a case
that waits for them (with retries, as ``leads.tasks.notify_deal_owner``).

Both run after the deal's own transaction committed: a page that cannot be written or a mail
that cannot be sent is logged and never undoes closing the deal.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from django_tasks import task

from leads.tasks import mail_or_retry

#: the groups whose members review case pages (created by Wagtail's own migrations)
EDITOR_GROUPS = ("Editors", "Moderators")


@task()
def case_draft_for_deal(deal_id: int) -> str:
    """Create the deal's draft case (``case_draft_create``) unless it has one or was lost."""
    from leads.choices import DealStatus
    from leads.models import Deal

    from .services.cases import case_draft_create

    logger = logging.getLogger(__name__)
    deal = Deal.objects.filter(pk=deal_id).first()
    if deal is None:
        return "no deal"
    if deal.status == DealStatus.LOST:
        return "lost"
    try:
        case = case_draft_create(deal=deal)
    except ValidationError as error:
        logger.warning("No draft case for deal %s: %s", deal_id, "; ".join(error.messages))
        return "refused"
    return f"case {case.pk}"


def editor_emails() -> list[str]:
    """Active members of the editors' groups who have an email address."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=EDITOR_GROUPS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))


def _edit_url(page_id: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page_id]
    )


@task()
def notify_editors(subject: str, text: str, page_id: int, attempt: int = 1) -> str:
    """Email the editors about a page waiting for them; when mail fails, try again later.

    Retries follow ``LEADS_NOTIFY_RETRY_DELAYS``; the page is never touched.
    """
    recipients = editor_emails()
    if not recipients:
        return "no recipient"
    body = f"{text}\n\n{_edit_url(page_id)}\n"
    return mail_or_retry(
        notify_editors,
        (subject, text, page_id),
        attempt=attempt,
        about=f"page {page_id} to the editors",
        subject=subject,
        body=body,
        recipients=recipients,
    )
