"""`local_admin` prints a working local login for the admin and the demo sales users."""

import io

from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from wagtail.models import Site

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


def test_the_local_site_follows_the_port_it_is_served_on(
    site_tree, client, settings, tmp_path, monkeypatch
):
    """``PORT=8765 make run``: canonical link, og:url, sitemap and API name port 8765."""
    settings.DEBUG = True
    monkeypatch.setattr("demo.management.commands.local_admin.PASSWORD_FILE", tmp_path / "pw")
    Site.objects.update(hostname="127.0.0.1", port=8000)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8765"
    call_command("local_admin", stdout=io.StringIO())

    home = client.get("/", HTTP_HOST="127.0.0.1:8765").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8765/">' in home
    assert '<meta property="og:url" content="http://127.0.0.1:8765/">' in home
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8765").content.decode()
    assert "<loc>http://127.0.0.1:8765/</loc>" in sitemap and ":8000" not in sitemap
    pages = client.get("/api/v2/pages/?type=home.HomePage&fields=_,html_url").json()
    assert pages["items"][0]["meta"]["html_url"] == "http://127.0.0.1:8765/"


def test_a_site_with_a_real_host_name_is_left_alone(site_tree, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr("demo.management.commands.local_admin.PASSWORD_FILE", tmp_path / "pw")
    Site.objects.update(hostname="vitrina.example", port=443)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8765"
    call_command("local_admin", stdout=io.StringIO())
    site = Site.objects.get()
    assert (site.hostname, site.port) == ("vitrina.example", 443)
