"""A visitor on the static copy (another origin) sends the request form and uses suggestions:
both reach the live app."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Site

import pytest

from leads.models import Deal
from serving.headers import HEADERS_FILE
from tests.builders import build_portfolio, build_site_tree
from tests.e2e.csp import watch_csp
from tests.e2e.forms import send_request_form


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the copy with the headers its ``_headers`` file asks for, as a CDN would."""

    def end_headers(self):
        rules = Path(self.directory, HEADERS_FILE)
        if rules.is_file():
            for line in rules.read_text().splitlines():
                if line.startswith("  "):
                    name, value = line.strip().split(": ", 1)
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def static_server(tmp_path):
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_form_and_suggestions_on_the_exported_site(live_server, browser, settings, static_server):
    directory, static_url = static_server
    settings.LEADS_MIN_FILL_SECONDS = 1
    settings.PUBLIC_SITE_URL = static_url
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    service = build_portfolio(tree, cases=2).services[0]
    call_command("export_site", str(directory), app_url=live_server.url, verbosity=0)

    context = browser.new_context()
    violations = watch_csp(context)
    visitor = context.new_page()
    response = visitor.goto(static_url + service.url)
    assert f"form-action 'self' {live_server.url}" in response.headers["content-security-policy"]
    assert visitor.title().startswith(service.title)
    visitor.locator("#header-q").fill("Serv")
    suggestion = visitor.locator(".vt-suggestions li").first
    suggestion.wait_for(timeout=5000)
    assert "Service" in suggestion.inner_text()

    send_request_form(
        visitor,
        name="Vera",
        phone="+7 916 555-44-22",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    deal = Deal.objects.get()
    assert deal.contact.phone == "+79165554422"
    assert violations == []
