"""Spam protection of the request form: honeypot, signed minimum fill time, per-IP rate limit.

The rate limit counts stored requests in the database, so it holds across processes and servers
on every set-up (SQLite with a local cache as well as PostgreSQL with Redis).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils import timezone

from .models import LeadSubmission

SALT = "vitrina.leads.form-started"


def form_started_token() -> str:
    """A signed "form shown at" stamp for the hidden field."""
    return signing.TimestampSigner(salt=SALT).sign("form")


def filled_too_fast(token: str) -> bool:
    """True for a missing, forged or too-recent stamp: a person needs a few seconds to fill the form."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        # No upper age: the stamp of an exported page is as old as the export.
        signer.unsign(token or "")
    except signing.BadSignature:
        return True
    try:
        signer.unsign(token, max_age=settings.LEADS_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return False  # older than the minimum: a person had time to type
    return True


def rate_limited(ip_address: str | None) -> bool:
    """True when this address already sent the allowed number of requests in the window."""
    if not ip_address:
        return False
    since = timezone.now() - datetime.timedelta(minutes=settings.LEADS_RATE_WINDOW_MINUTES)
    # One plain statement on the (ip_address, created_at) index: every request asks it, and
    # composing it through the ORM cost as much as storing the request.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {LeadSubmission._meta.db_table} "  # noqa: S608
            "WHERE ip_address = %s AND created_at >= %s",
            [ip_address, connection.ops.adapt_datetimefield_value(since)],
        )
        (recent,) = cursor.fetchone()
    return recent >= settings.LEADS_RATE_LIMIT


def client_ip(request) -> str | None:
    if settings.LEADS_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
