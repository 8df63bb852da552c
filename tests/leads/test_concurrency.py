"""50 requests at once (PostgreSQL phase of CI): all stored, one contact per email, no lost row."""

import threading

from django.contrib.auth.models import Group, User
from django.db import connection, connections

import pytest

from leads.models import Contact, Deal, LeadSubmission
from leads.services import LeadMeta, lead_capture
from tests.builders import ensure_migration_data

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL); SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_requests(valid_data):
    ensure_migration_data()
    seller = User.objects.create_user("olga", "olga@example.com", "pw")
    seller.groups.add(Group.objects.get(name="Sales"))
    barrier = threading.Barrier(50)
    errors = []

    def submit(number):
        try:
            barrier.wait()
            # Ten people, five requests each, all at the same moment.
            data = {
                **valid_data,
                "email": f"person{number % 10}@example.com",
                "phone": "",
                "message": f"m{number}",
            }
            lead_capture(data=data, meta=LeadMeta(dedupe_key=f"t{number}"), notify=False)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert LeadSubmission.objects.count() == 50
    assert Deal.objects.count() == 50
    assert LeadSubmission.objects.filter(deal__isnull=True).count() == 0
    assert Contact.objects.count() == 10
