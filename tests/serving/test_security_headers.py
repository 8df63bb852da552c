"""Content-Security-Policy and Permissions-Policy: strict on public and proposal pages (also when
served from the page cache or the static export), Wagtail's own policy in the admin, and public
pages that need nothing the strict policy forbids."""

import re
from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest

from core.models import SiteSettings
from leads.services import lead_capture
from proposals import services as proposal_services
from serving.headers import HEADERS_FILE
from tests.leads.conftest import VALID

CSP = "Content-Security-Policy"
APP = "https://app.example"


def directives(response) -> dict[str, list[str]]:
    """The response's policy as ``{directive: [sources]}``; it must have one."""
    policy = response[CSP]
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_strict(response) -> dict[str, list[str]]:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    return policy


class InlineCode(HTMLParser):
    """What only an 'unsafe-inline' policy would let run: inline scripts, event-handler
    attributes, ``javascript:`` links and ``style`` attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            data = (values.get("type") or "").endswith("json")
            self._script = "src" not in values and not data
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "action", "src") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:...>")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}</script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def page_cache(settings, portfolio):
    settings.PAGE_CACHE_SECONDS = 600
    SiteSettings.for_site(portfolio.tree.home.get_site())
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sent_proposal(portfolio):
    seller = User.objects.create_user("olga", "olga@example.com", "pw")
    seller.groups.add(Group.objects.get(name="Sales"))
    deal = lead_capture(data=dict(VALID), source_page=portfolio.services[0], notify=False)
    draft = proposal_services.proposal_create_from_deal(deal=deal, user=deal.owner)
    return proposal_services.proposal_send(proposal=draft, user=deal.owner)


def test_public_page_is_strict_and_the_cached_copy_keeps_the_headers(client, portfolio, page_cache):
    url = portfolio.services[0].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    policy = assert_strict(first)
    assert policy["connect-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit[CSP] == first[CSP]
    assert hit["Permissions-Policy"] == first["Permissions-Policy"]


def test_a_changed_policy_is_sent_at_once(client, portfolio, settings):
    url = portfolio.services[0].url
    assert directives(client.get(url))["img-src"] == ["'self'", "data:"]
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**policy["DIRECTIVES"], "img-src": ["'self'", "https://cdn.example"]}
    }
    assert directives(client.get(url))["img-src"] == ["'self'", "https://cdn.example"]


def test_the_live_app_is_allowed_for_suggestions_and_forms(client, portfolio, settings):
    settings.PUBLIC_APP_URL = APP + "/any/path/"
    policy = assert_strict(client.get(portfolio.services[0].url))
    assert policy["connect-src"] == ["'self'", APP]
    assert policy["form-action"] == ["'self'", APP]
    assert APP not in policy["script-src"] + policy["default-src"]


def test_public_pages_run_no_inline_code(client, portfolio):
    """Every kind of public page (and the request form's error and thank-you pages) works under
    the strict policy: nothing in it needs 'unsafe-inline'."""
    tree = portfolio.tree
    urls = [tree.home.url, tree.services.url, tree.cases.url, tree.experts.url]
    urls += [portfolio.services[0].url, portfolio.cases[0].url, portfolio.experts[0].url]
    urls += ["/search/?q=service", "/requests/thanks/", "/no-such-page/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict(response)
        assert inline_code(response.content.decode()) == [], url
    errors = client.post("/requests/", {**VALID, "phone": "", "email": ""})
    assert 'class="vt-request-form"' in errors.content.decode()  # shown again, with errors
    assert_strict(errors)
    assert inline_code(errors.content.decode()) == []


def test_proposal_page_is_strict_and_its_stylesheet_has_the_nonce(client, sent_proposal):
    response = client.get(reverse("proposals:page", args=[sent_proposal.token]))
    assert response.status_code == 200
    policy = assert_strict(response)
    nonce = [source for source in policy["style-src"] if source.startswith("'nonce-")]
    assert len(nonce) == 1
    html = response.content.decode()
    assert f'<style nonce="{nonce[0][7:-1]}">' in html
    assert re.findall(r"<style[^>]*>", html) == [f'<style nonce="{nonce[0][7:-1]}">']
    assert inline_code(html) == []
    # Each view of the page has its own nonce.
    again = directives(client.get(reverse("proposals:page", args=[sent_proposal.token])))
    assert again["style-src"] != policy["style-src"]
    missing = client.get("/p/no-such-token-at-all/")
    assert missing.status_code == 404
    assert_strict(missing)


def test_admin_has_its_own_policy_for_wagtail(client, portfolio):
    manager = User.objects.create_user("maria", "maria@example.com", "pw")
    manager.groups.add(Group.objects.get(name="Sales managers"))
    public = directives(client.get(portfolio.services[0].url))
    login = client.get("/admin/login/")
    client.force_login(manager)
    home = client.get("/admin/")
    assert home.status_code == 200
    for response in (login, home):
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert "camera=()" in response["Permissions-Policy"]
    assert public["script-src"] == ["'self'"]
    # The Sales screens, served under the admin, get the admin's policy.
    board = client.get(reverse("leads_board:index"), follow=True)
    assert board.status_code == 200
    assert directives(board)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_static_export_tells_the_web_server_the_same_headers(site_tree, tmp_path, settings):
    settings.PUBLIC_APP_URL = ""
    call_command("export_site", str(tmp_path), app_url=APP, verbosity=0)
    lines = (tmp_path / HEADERS_FILE).read_text().splitlines()
    assert lines[0] == "/*"
    rules = dict(line.strip().split(": ", 1) for line in lines[1:])
    settings.PUBLIC_APP_URL = APP
    live = Client().get(site_tree.home.url)
    assert rules == {CSP: live[CSP], "Permissions-Policy": live["Permissions-Policy"]}
    assert f"form-action 'self' {APP}" in rules[CSP]
