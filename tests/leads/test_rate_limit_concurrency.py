"""30 requests from one sender at the same moment: the rate limit holds (5 stored, 25 told to
wait), on SQLite and on PostgreSQL, and none of them fails."""

import threading

from django.db import connections
from django.test import Client

import pytest

from leads.models import LeadSubmission
from tests.concurrency import in_a_thread, threads_share_the_database
from tests.leads.test_request_form import old_stamp

SENDERS = 30


@pytest.fixture
def shared_database(site_tree):
    """A database every thread opens on its own, as the processes of a server do."""
    with threads_share_the_database():
        yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("address", ["203.0.113.9", "2001:db8:5:6::1"])
def test_parallel_posts_from_one_sender_store_at_most_the_limit(
    settings, valid_data, shared_database, address
):
    settings.LEADS_RATE_LIMIT = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    stamp = old_stamp()
    barrier = threading.Barrier(SENDERS)
    statuses, errors = [], []

    def send(number):
        try:
            client = Client()
            # one sender: the same IPv4 address, or addresses of one IPv6 /64
            remote = address if "." in address else f"{address[:-1]}{number + 1:x}"
            data = {**valid_data, "started": stamp, "form_token": f"t{number}", "website": ""}
            barrier.wait()
            statuses.append(client.post("/requests/", data, REMOTE_ADDR=remote).status_code)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(statuses) == [302] * 5 + [429] * (SENDERS - 5)
    assert in_a_thread(LeadSubmission.objects.count) == 5
