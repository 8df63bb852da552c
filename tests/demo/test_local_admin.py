"""`local_admin` prints a working local login for the admin and the demo sales users."""

import io

from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

import pytest

from demo.deals import seed_sales_users


def test_prints_a_login_that_works(db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr("demo.management.commands.local_admin.PASSWORD_FILE", tmp_path / "pw")
    seed_sales_users()
    out = io.StringIO()
    call_command("local_admin", stdout=out)
    text = out.getvalue()
    password = text.split("password: ", 1)[1].split()[0]
    assert authenticate(username="admin", password=password).is_superuser
    assert authenticate(username="olga", password=password) is not None
    assert "olga, pavel, maria" in text
    again = io.StringIO()
    call_command("local_admin", stdout=again)
    assert f"password: {password}" in again.getvalue()  # the same login every run


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("local_admin")
