"""Spam protection of the request form: honeypot, signed "form shown at" stamp, per-sender rate
limit (the sender's address: :mod:`serving.client_address`).

The rate limit counts stored requests in the database, so it holds across processes and servers
on every set-up (SQLite with a local cache as well as PostgreSQL with Redis). Its check and the
insert of the request run under one lock per sender (:func:`rate_limit_reached`).
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext

from serving.client_address import client_ip, normalise_ip, sender_key

from .models import LeadSubmission

__all__ = [
    "client_ip",
    "fill_seconds",
    "form_started_token",
    "normalise_ip",
    "rate_key",
    "rate_limit_reached",
    "too_fast_reason",
]

#: what the rate limit counts: one sender (an IPv4 address, or an IPv6 /64)
rate_key = sender_key

SALT = "vitrina.leads.form-started"


def form_started_token() -> str:
    """A signed "form shown at" stamp for the hidden field."""
    return signing.TimestampSigner(salt=SALT).sign("form")


def fill_seconds(token: str) -> float | None:
    """Seconds since the form with this stamp was shown; None for a missing or forged stamp.

    No upper age: the stamp of an exported page is as old as the export."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        signer.unsign(token or "")
        # "form:<timestamp>:<signature>": the signature is valid, so the timestamp is ours
        stamp = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    except (signing.BadSignature, ValueError, IndexError):
        return None
    return time.time() - stamp


def too_fast_reason(seconds: float) -> str:
    """Why a request sent ``seconds`` after its form was shown is held as suspected spam, in the
    site's language (managers read it); empty when a person could have filled it that fast.
    A browser's autofill can beat any person: such a request is kept for a manager to judge."""
    if seconds >= settings.LEADS_MIN_FILL_SECONDS:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(
            "Sent %(seconds).1f s after the form was shown; a person usually needs "
            "at least %(minimum)s s."
        ) % {"seconds": max(seconds, 0), "minimum": settings.LEADS_MIN_FILL_SECONDS}


def rate_limit_reached(key: str) -> bool:
    """True when this sender already sent the allowed number of requests in the window.

    Call it inside the transaction that then stores the request: on PostgreSQL it first takes a
    transaction-level advisory lock on the key, so a second request of the same sender waits
    until the first is committed and counted; on SQLite the write transaction (``BEGIN
    IMMEDIATE``, see settings) serialises every writer anyway."""
    if not key:
        return False
    if connection.vendor == "postgresql":
        lock = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
    since = timezone.now() - datetime.timedelta(minutes=settings.LEADS_RATE_WINDOW_MINUTES)
    # One plain statement on the (rate_key, created_at) index: every request asks it, and
    # composing it through the ORM cost as much as storing the request.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {LeadSubmission._meta.db_table} "  # noqa: S608
            "WHERE rate_key = %s AND created_at >= %s",
            [key, connection.ops.adapt_datetimefield_value(since)],
        )
        (recent,) = cursor.fetchone()
    return recent >= settings.LEADS_RATE_LIMIT
