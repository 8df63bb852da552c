"""The roles and the secret deal of the access tests (the permission matrix, its POST actions and
the ownership scenarios); the ``world`` fixture that builds them is in ``conftest.py``.

Apart from the tests so that each file of them holds one subject and they all check the same
markers and the same fingerprint of what a refused request must leave as it was.
"""

from leads.models import Contact, Deal
from proposals.models import Proposal

ROLES = ["anonymous", "editor", "owner", "other_sales", "manager", "superuser"]
SECRET = {
    "name": "Zinaida Secretova",
    "email": "zinaida.secret@example.com",
    "phone": "",
    "company": "Hidden Holding",
    "message": "Confidential brief: migrate the warehouse ledger",
}
MARKERS = [SECRET["name"], SECRET["email"], "Confidential brief"]


def fingerprint(world) -> tuple:
    """Everything a refused request must leave as it was."""
    deal = Deal.objects.filter(pk=world["deal"].pk).values().first()
    proposals = list(Proposal.objects.filter(deal_id=world["deal"].pk).values().order_by("pk"))
    contact = Contact.objects.filter(pk=world["contact"].pk).values().first()
    return (
        deal,
        proposals,
        contact,
        world["deal"].activities.count(),
        Deal.objects.filter(contact_id=world["contact"].pk).count(),
        sorted(world["deal"].tasks.values_list("pk", "done_at")),
        world["proposal"].chosen_cases.count(),
        world["proposal"].chosen_experts.count(),
    )


def log_in(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def matrix_failures(client, world, role, urls, expected_statuses) -> list[str]:
    """GET every ``(name, url, kind)`` as ``role``: the statuses outside
    ``expected_statuses(role, kind)``, and the secret markers shown to those who may not see
    the deal."""
    log_in(client, world, role)
    failures = []
    for name, url, kind in urls:
        response = client.get(url)
        allowed = expected_statuses(role, kind)
        if response.status_code not in allowed:
            failures.append(f"{name} {url}: {response.status_code}, expected {sorted(allowed)}")
        if role in ("anonymous", "editor", "other_sales"):
            leaked = [marker for marker in MARKERS if marker in body(response)]
            if leaked:
                failures.append(f"{name} {url} shows {leaked}")
    return failures
