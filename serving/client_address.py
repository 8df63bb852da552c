"""Who sent a request: the client's address behind our own proxies, in one spelling, and the
sender it stands for when counting (an IPv4 address, or an IPv6 /64)."""

import ipaddress

from django.conf import settings

MAX_ADDRESS = 100  # longer than any spelling of an address with a port


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


def sender_key(ip_address: str | None) -> str:
    """One sender, for counting (the request form's rate limit, popular searches): an IPv4 address, or the /64 network of an IPv6 address (one
    subscriber's whole block: each of its addresses is one more spelling of the same sender)."""
    address = normalise_ip(ip_address)
    if address is None:
        return ""
    if ":" in address:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return address
