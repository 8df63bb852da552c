"""API keys of external sources: shown once, stored as a SHA-256 hash."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from ..models import ApiKey

PREFIX_LENGTH = 8


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def apikey_create(*, name: str) -> tuple[ApiKey, str]:
    """Create a key for a source; the raw key is returned once and never stored."""
    raw = "vk_" + secrets.token_urlsafe(32)
    key = ApiKey(name=name, prefix=raw[:PREFIX_LENGTH], key_hash=_hash(raw))
    key.full_clean()
    key.save()
    return key, raw


def apikey_authenticate(raw: str) -> ApiKey | None:
    """The active key matching ``raw``, or None."""
    if not raw or len(raw) > 200:
        return None
    key = ApiKey.objects.filter(key_hash=_hash(raw.strip()), is_active=True).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
