"""Full-page cache: what is cached, what never is, and that every content change is seen at once."""

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from catalog.factories import ServicePageFactory
from core.models import SiteSettings
from leads.models import Deal
from tests.leads.conftest import VALID


@pytest.fixture
def page_cache(settings, portfolio):
    settings.PAGE_CACHE_SECONDS = 600
    SiteSettings.for_site(portfolio.tree.home.get_site())  # created once, as on a running site
    cache.clear()
    yield
    cache.clear()


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def test_second_anonymous_request_is_a_hit_reading_only_the_content_version(
    client, portfolio, page_cache
):
    url = portfolio.services[0].url
    first, _ = fetch(client, url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, html = fetch(client, url)
    assert second["X-Page-Cache"] == "hit" and len(queries) == 1
    assert "core_contentversion" in queries[0]["sql"]
    assert portfolio.services[0].title in html


def test_never_for_signed_in_users_admin_search_proposals_errors_or_cookies(
    client, portfolio, page_cache
):
    admin = User.objects.create_superuser("boss", "b@example.com", "pw")
    signed_in = Client()
    signed_in.force_login(admin)
    fetch(signed_in, portfolio.cases[0].url)
    assert "X-Page-Cache" not in fetch(signed_in, portfolio.cases[0].url)[0]
    for url in ("/search/?q=case", "/p/some-token/", "/no-such-page/", "/admin/login/"):
        fetch(client, url)
        assert fetch(client, url)[0].get("X-Page-Cache") != "hit", url
    preview = portfolio.cases[0].url + "?preview=1"
    fetch(client, preview)
    assert fetch(client, preview)[0].get("X-Page-Cache") != "hit"


def test_keys_differ_by_host_and_language(client, portfolio, page_cache, settings):
    url = portfolio.tree.services.url
    fetch(client, url)
    assert fetch(client, url, HTTP_HOST="other.example")[0]["X-Page-Cache"] == "miss"
    from django.utils import translation

    with translation.override("ru"):
        assert fetch(client, url)[0]["X-Page-Cache"] == "miss"


def test_publish_unpublish_move_delete_are_seen_at_once(client, portfolio, page_cache):
    index_url = portfolio.tree.services.url
    fetch(client, index_url)
    new = ServicePageFactory(parent=portfolio.tree.services, title="Fresh service", live=False)
    new.save_revision().publish()
    assert "Fresh service" in fetch(client, index_url)[1]
    new.refresh_from_db()
    new.unpublish()
    assert "Fresh service" not in fetch(client, index_url)[1]
    service = portfolio.services[1]
    fetch(client, service.url)
    service.title = "Renamed service"
    service.save_revision().publish()
    assert "Renamed service" in fetch(client, service.url)[1]
    case = portfolio.cases[0]
    old_url = case.url
    fetch(client, old_url)
    case.delete()
    assert fetch(client, old_url)[0].status_code == 404
    expert = portfolio.experts[0]
    experts_url = portfolio.tree.experts.url
    fetch(client, experts_url)
    expert.move(portfolio.tree.experts, pos="first-child")
    assert fetch(client, experts_url)[0]["X-Page-Cache"] == "miss"


def test_snippet_and_site_setting_edits_are_seen_at_once(client, portfolio, page_cache):
    url = portfolio.services[0].url
    fetch(client, url)
    category = portfolio.services[0].category
    category.name = "Renamed category"
    category.save()
    assert "Renamed category" in fetch(client, url)[1]
    settings_row = SiteSettings.for_site(portfolio.tree.home.get_site())
    settings_row.company_name = "New Company Name"
    settings_row.save()
    assert "New Company Name" in fetch(client, url)[1]


def test_form_on_a_cached_page_works_for_a_first_time_visitor(portfolio, page_cache, settings):
    settings.LEADS_MIN_FILL_SECONDS = 0
    url = portfolio.services[0].url
    Client().get(url)  # someone else filled the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    assert response["X-Page-Cache"] == "hit" and not response.cookies
    html = response.content.decode()
    started = html.split('name="started" value="', 1)[1].split('"', 1)[0]
    data = {
        **VALID,
        "source_page": portfolio.services[0].pk,
        "started": started,
        "form_token": "t1",
    }
    sent = visitor.post("/requests/", data, HTTP_ORIGIN="http://testserver")
    assert sent.status_code == 302 and sent["Location"] == "/requests/thanks/"
    assert Deal.objects.count() == 1


def test_cross_site_posts_are_refused(portfolio, settings):
    settings.LEADS_MIN_FILL_SECONDS = 0
    from leads.spam import form_started_token

    data = {**VALID, "started": form_started_token(), "form_token": "t2"}
    evil = Client(enforce_csrf_checks=True).post(
        "/requests/", data, HTTP_ORIGIN="https://evil.example"
    )
    assert evil.status_code == 403 and Deal.objects.count() == 0
    settings.PUBLIC_SITE_URL = "https://cdn.example"
    ok = Client(enforce_csrf_checks=True).post(
        "/requests/", data, HTTP_ORIGIN="https://cdn.example"
    )
    assert ok.status_code == 302 and Deal.objects.count() == 1


def test_a_change_made_by_another_process_is_seen_by_this_one(client, portfolio, page_cache):
    """Another worker edits and bumps the version in the database: no signal reaches this process."""
    from django.db.models import F

    from core.models import ContentVersion

    url = portfolio.services[0].url
    fetch(client, url)
    assert fetch(client, url)[0]["X-Page-Cache"] == "hit"
    SiteSettings.objects.update(company_name="Edited Elsewhere")
    ContentVersion.objects.update(value=F("value") + 1)
    response, html = fetch(client, url)
    assert response["X-Page-Cache"] == "miss" and "Edited Elsewhere" in html


def test_a_section_made_private_disappears_from_lists_and_menu(client, portfolio, page_cache):
    from wagtail.models import PageViewRestriction

    services_url = portfolio.tree.services.url
    home_url = portfolio.tree.home.url
    hidden = portfolio.services[0]
    assert hidden.title in fetch(client, services_url)[1]
    assert f'href="{services_url}"' in fetch(client, home_url)[1]
    PageViewRestriction.objects.create(page=portfolio.tree.services, restriction_type="login")
    assert fetch(client, services_url)[0].status_code == 302  # to the login page
    assert fetch(client, hidden.url)[0].status_code == 302
    assert f'href="{services_url}"' not in fetch(client, home_url)[1]


def test_publishing_purges_the_page_from_a_configured_cdn(portfolio, settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.backends.http.urlopen",
        lambda request: purged.append((request.get_method(), request.full_url)),
    )
    service = portfolio.services[0]
    service.save_revision().publish()
    assert ("PURGE", "http://127.0.0.1:6081" + service.url) in purged
