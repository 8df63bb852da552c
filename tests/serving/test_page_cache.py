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
from serving.page_cache import page_store
from tests.leads.conftest import VALID
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


@pytest.fixture
def page_cache(settings, portfolio):
    settings.PAGE_CACHE_SECONDS = 600
    SiteSettings.for_site(portfolio.tree.home.get_site())  # created once, as on a running site
    cache.clear()
    page_store().clear()
    yield
    cache.clear()
    page_store().clear()


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
    assert "serving_contentversion" in queries[0]["sql"]
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

    from serving.models import ContentVersion

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


def hits_and_body(client, url):
    response = client.get(url)
    return response.get("X-Page-Cache"), response.content


def test_junk_query_strings_are_served_the_clean_copy_and_add_no_entry(
    client, portfolio, page_cache
):
    store = page_store()
    pages = [portfolio.cases[0].url, portfolio.tree.cases.url]
    clean = {url: fetch(client, url)[0].content for url in pages}
    entries, used = len(store), store.bytes_used
    for number in range(3000):
        url = pages[number % 2]
        state, body = hits_and_body(client, f"{url}?utm_source=n{number}&fbclid={number}")
        assert state == "hit" and body == clean[url]
    assert len(store) == entries == 2 and store.bytes_used == used


def test_a_parameter_the_page_does_not_read_is_served_uncached(client, portfolio, page_cache):
    store = page_store()
    case_url = portfolio.cases[0].url
    fetch(client, case_url)
    for number in range(50):  # the case index reads ``year``; a case does not
        state, body = hits_and_body(client, f"{case_url}?year={2000 + number}")
        assert state is None and portfolio.cases[0].title.encode() in body
    fetch(client, "/sitemap.xml")  # a view that names no parameters: only its bare URL is kept
    assert fetch(client, "/sitemap.xml")[0]["X-Page-Cache"] == "hit"
    assert fetch(client, "/sitemap.xml?p=2")[0].get("X-Page-Cache") is None
    assert len(store) == 2


def test_a_parameter_the_page_reads_is_cached_per_value(client, portfolio, page_cache):
    index = portfolio.tree.cases.url
    first, second = portfolio.services
    response, html = fetch(client, f"{index}?service={first.pk}")
    assert response["X-Page-Cache"] == "miss"
    assert "Case 0" in html and "Case 1" not in html
    response, html = fetch(client, f"{index}?service={second.pk}")
    assert response["X-Page-Cache"] == "miss"
    assert "Case 1" in html and "Case 0" not in html
    again, html = fetch(client, f"{index}?utm_source=mail&service={first.pk}")
    assert again["X-Page-Cache"] == "hit" and "Case 0" in html and "Case 1" not in html
    industry = portfolio.industry.slug
    fetch(client, f"{index}?year=2020&industry={industry}")
    reordered = fetch(client, f"{index}?industry={industry}&gclid=x&year=2020")[0]
    assert reordered["X-Page-Cache"] == "hit"


def test_a_tagged_first_visit_fills_the_clean_copy_without_its_tags(
    client, portfolio, page_cache, monkeypatch
):
    monkeypatch.setattr("cases.models.index.CaseIndexPage.per_page", 1)  # a filtered "next" link
    filtered = f"{portfolio.tree.cases.url}?service={portfolio.services[0].pk}"
    tagged, html = fetch(client, f"{filtered}&utm_source=evil&fbclid=evil")
    assert tagged["X-Page-Cache"] == "miss"
    assert "page=2" in html and "evil" not in html
    clean, clean_html = fetch(client, filtered)
    assert clean["X-Page-Cache"] == "hit" and clean_html == html


def test_a_hit_carries_every_header_of_the_rendered_page(client, portfolio, page_cache):
    url = portfolio.services[0].url
    rendered = client.get(url)
    served = client.get(url)
    assert served["X-Page-Cache"] == "hit"
    names = {name.lower() for name in rendered.headers} - {"x-page-cache"}
    assert names == {name.lower() for name in served.headers} - {"x-page-cache"}
    assert "x-frame-options" in names
    for name in names:
        assert served[name] == rendered[name], name


def test_the_cache_is_bounded_in_bytes_least_recently_used_out_first(
    client, portfolio, page_cache, settings
):
    a, b, c = (portfolio.cases[n].url for n in range(3))
    store = page_store()
    sizes = {}
    for url in (a, b, c):
        before = store.bytes_used
        fetch(client, url)
        sizes[url] = store.bytes_used - before
    budget = sizes[a] + max(sizes[b], sizes[c])
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "serving.cache_backends.ByteBoundedLocMemCache",
            "LOCATION": "vitrina-test-small-pages",
            "OPTIONS": {"MAX_BYTES": budget},
        },
    }
    small = page_store()
    small.clear()
    assert [fetch(client, url)[0]["X-Page-Cache"] for url in (a, b, a, c)] == [
        "miss",
        "miss",
        "hit",
        "miss",  # b, the least recently used, makes room
    ]
    assert small.bytes_used <= budget and len(small) == 2
    assert fetch(client, a)[0]["X-Page-Cache"] == "hit"
    assert fetch(client, b)[0]["X-Page-Cache"] == "miss"
    small.clear()


def test_byte_bounded_cache_evicts_the_least_recently_used():
    from serving.cache_backends import ByteBoundedLocMemCache

    store = ByteBoundedLocMemCache("unit-bounded", {"OPTIONS": {"MAX_BYTES": 3000}})
    store.clear()
    for name in "abc":
        store.set(name, "x" * 900)
    assert store.get("a")  # a is now the most recently used
    store.set("d", "x" * 900)
    assert store.get("b") is None and store.get("a") and store.get("c") and store.get("d")
    assert store.bytes_used <= 3000
    store.set("huge", "x" * 5000)  # larger than the whole budget: not kept, nothing evicted
    assert store.get("huge") is None and len(store) == 3
    store.delete("a")
    store.set("c", "y")  # replacing a value counts its new size only
    assert store.bytes_used < 1000 + 900 + 100
    store.clear()
    assert store.bytes_used == 0
