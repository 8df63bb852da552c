"""Spam protection of the request form: honeypot, signed "form shown at" stamp, per-sender rate
limit; and the sender's address itself.

The rate limit counts stored requests in the database, so it holds across processes and servers
on every set-up (SQLite with a local cache as well as PostgreSQL with Redis). Its check and the
insert of the request run under one lock per sender (:func:`rate_limit_reached`).
"""

import datetime
import hashlib
import ipaddress
import time

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils import timezone

from .models import LeadSubmission

SALT = "vitrina.leads.form-started"
MAX_ADDRESS = 100  # longer than any spelling of an address with a port


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


def normalise_ip(value: str | None) -> str | None:
    """One spelling per address: ``1.2.3.4:5678`` → ``1.2.3.4``, ``[2001:DB8:0::7]:443`` →
    ``2001:db8::7``, ``::ffff:1.2.3.4`` → ``1.2.3.4``; None for anything that is not an address."""
    text = (value or "").strip().strip('"').strip()
    if not text or len(text) > MAX_ADDRESS:
        return None
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # v4:port (a v6 address has at least two colons)
        text = text.partition(":")[0]
    text = text.partition("%")[0]  # a zone (fe80::1%eth0) is local to the sender's host
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request) -> str | None:
    """The visitor's address, normalised; None when even ``REMOTE_ADDR`` is no address.

    Behind ``LEADS_TRUSTED_PROXY_COUNT`` proxies of our own, each appended the address it was
    reached from to ``X-Forwarded-For``: the visitor is the entry that many places from the
    right. Entries left of it are whatever the client sent (forgeable) and are ignored; an
    entry that is no address, or a header shorter than the proxy chain, falls back to
    ``REMOTE_ADDR``."""
    remote = normalise_ip(request.META.get("REMOTE_ADDR"))
    proxies = settings.LEADS_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < proxies:
        return remote
    return normalise_ip(entries[-proxies]) or remote


def rate_key(ip_address: str | None) -> str:
    """What the rate limit counts: an IPv4 address, or the /64 network of an IPv6 address (one
    subscriber's whole block: each of its addresses is one more spelling of the same sender)."""
    address = normalise_ip(ip_address)
    if address is None:
        return ""
    if ":" in address:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return address


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
