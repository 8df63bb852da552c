"""The id our exports give a record that has no external id of its own: ``vitrina-<install>:<pk>``.

``<install>`` names this installation (ten hex digits of an HMAC of a fixed label keyed with
``SECRET_KEY``: stable while the key is, and it reveals nothing of the key). The import reads an
id with this installation's prefix as the record's primary key, so that export → edit in a
spreadsheet → import updates the records instead of doubling them; an id with another
installation's prefix (or the old ``vitrina:<pk>``) is only someone else's external id: matching
it by primary key would overwrite an unrelated record.
"""

import functools
import re

from django.conf import settings
from django.utils.crypto import salted_hmac

#: the largest primary key a ``BigAutoField`` holds: a bigger number in a forged id is no pk
MAX_PK = 2**63 - 1
_OWN = re.compile(r"vitrina-([0-9a-f]{10}):([0-9]{1,19})")


@functools.lru_cache(maxsize=4)
def _install_id(secret: str) -> str:
    return salted_hmac(
        "vitrina.leads.refs", "installation", secret=secret, algorithm="sha256"
    ).hexdigest()[:10]


def install_id() -> str:
    """This installation's short id (follows ``SECRET_KEY``, so tests may change it)."""
    return _install_id(settings.SECRET_KEY)


def own_ref(pk: int) -> str:
    """The id a record without an external id is exported under."""
    return f"vitrina-{install_id()}:{pk}"


def own_pk(ref: str) -> int | None:
    """The primary key an id of this installation names (None for any other id)."""
    match = _OWN.fullmatch(ref or "")
    if match is None or match.group(1) != install_id():
        return None
    pk = int(match.group(2))
    return pk if 0 < pk <= MAX_PK else None
