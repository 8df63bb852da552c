"""Tests where threads stand for the processes of a server, each on its own connection."""

import contextlib
import sqlite3
import tempfile
import threading

from django.db import connection, connections


@contextlib.contextmanager
def threads_share_the_database():
    """Inside, a connection opened by another thread sees the test database as it is now.

    PostgreSQL's test database is one. SQLite's in-memory test database (shared cache) answers
    "table is locked" at once where a database file waits (``busy_timeout``), so on SQLite the
    threads use a file copy of it, opened with the production settings (WAL, ``BEGIN
    IMMEDIATE``); the main thread keeps the in-memory one, so read results with
    :func:`in_a_thread`."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    with contextlib.ExitStack() as cleanup:
        folder = cleanup.enter_context(tempfile.TemporaryDirectory())
        copy = f"{folder}/db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        original = connection.settings_dict["NAME"]
        connection.settings_dict["NAME"] = copy  # new connections (other threads) open the file
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
