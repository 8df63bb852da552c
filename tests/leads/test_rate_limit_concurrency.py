"""30 requests from one sender at the same moment: the rate limit holds (5 stored, 25 told to
wait), on SQLite and on PostgreSQL, and none of them fails."""

import sqlite3
import threading

from django.db import connection, connections
from django.test import Client

import pytest

from leads.models import LeadSubmission
from tests.leads.test_request_form import old_stamp

SENDERS = 30


@pytest.fixture
def shared_database(site_tree, tmp_path):
    """A database every thread opens on its own, as the processes of a server do.

    PostgreSQL's test database is one. SQLite's in-memory test database (shared cache) answers
    "table is locked" at once where a database file waits (``busy_timeout``), so on SQLite the
    threads use a file copy of it, opened with the production settings (WAL, ``BEGIN
    IMMEDIATE``); the main thread keeps the in-memory one open, so nothing is lost."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    copy = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    target.close()
    original = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(copy)  # new connections (other threads) open the file
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = original


def in_a_thread(function):
    """``function()`` run on a connection of its own (the threads' database)."""
    result = []

    def run():
        try:
            result.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


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
