"""A visitor lands on the home page from an ad, reads a service and sends its form: the request
and its deal know the ad (first and last touch) and the page it was sent from — on the live site,
on a page served from the static export, and with the browser's localStorage switched off."""

from urllib.parse import urlsplit

from django.core.management import call_command

from wagtail.models import Site

import pytest

from leads.models import Deal, LeadSubmission
from tests.builders import build_portfolio, build_site_tree
from tests.e2e.csp import watch_csp
from tests.e2e.forms import send_request_form
from tests.e2e.test_exported_site import static_server  # noqa: F401 (a fixture)

AD = "/?utm_source=yandex&utm_medium=cpc&utm_campaign=brand"
AD_UTM = {"utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": "brand"}


def read_service_and_send(visitor, site_url: str, service, *, name, phone, thanks_url):
    """Land on the home page from the ad, follow the link to ``service``, send its form."""
    visitor.goto(site_url + AD)
    visitor.locator("#services").get_by_role("link", name=service.title).first.click()
    visitor.wait_for_url("**/services/**")
    send_request_form(visitor, name=name, phone=phone, thanks_url=thanks_url)


def assert_came_from_the_ad(deal: Deal, service, site_url: str) -> None:
    submission = LeadSubmission.objects.get(deal=deal)
    for record in (submission, deal):
        assert record.first_touch["utm"] == AD_UTM
        landing = urlsplit(record.first_touch["landing"])
        assert f"{landing.scheme}://{landing.netloc}" == site_url and landing.path == "/"
        assert record.first_touch["at"]
        assert record.utm == AD_UTM  # the same visit sent the request
        assert urlsplit(record.landing_page).path == "/"
        pages = [urlsplit(page["url"]).path for page in record.visitor_path]
        assert pages == ["/", service.url]
    assert deal.source_page.specific == service


@pytest.mark.django_db(transaction=True)
def test_ad_visit_is_kept_with_the_request_and_the_next_visit(live_server, browser, settings):
    settings.LEADS_MIN_FILL_SECONDS = 1
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    service = build_portfolio(tree, cases=1).services[0]
    context = browser.new_context()
    violations = watch_csp(context)

    visitor = context.new_page()
    read_service_and_send(
        visitor,
        live_server.url,
        service,
        name="Vera",
        phone="+7 916 555-44-11",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    assert_came_from_the_ad(Deal.objects.get(), service, live_server.url)

    # Days later, in a new tab, from a Telegram post: a new last touch, the same first touch.
    again = context.new_page()
    again.goto(live_server.url + service.url + "?utm_source=telegram&utm_campaign=autumn")
    send_request_form(
        again,
        name="Vera again",
        phone="+7 916 555-44-12",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    second = Deal.objects.get(contact__phone="+79165554412")
    assert second.utm == {"utm_source": "telegram", "utm_campaign": "autumn"}
    assert urlsplit(second.landing_page).path == service.url
    assert second.first_touch["utm"] == AD_UTM
    assert urlsplit(second.first_touch["landing"]).path == "/"
    assert violations == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_ad_visit_is_kept_on_the_exported_site(live_server, browser, settings, static_server):  # noqa: F811
    directory, static_url = static_server
    settings.LEADS_MIN_FILL_SECONDS = 1
    settings.PUBLIC_SITE_URL = static_url
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    service = build_portfolio(tree, cases=1).services[0]
    call_command("export_site", str(directory), app_url=live_server.url, verbosity=0)
    assert list(directory.glob("static/js/visitor-path*.js"))  # the export copied the script

    context = browser.new_context()
    violations = watch_csp(context)
    read_service_and_send(
        context.new_page(),
        static_url,
        service,
        name="Gleb",
        phone="+7 916 555-44-13",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    assert_came_from_the_ad(Deal.objects.get(), service, static_url)
    assert violations == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_local_storage_the_visit_counts_as_the_first(live_server, browser, settings):
    settings.LEADS_MIN_FILL_SECONDS = 1
    tree = build_site_tree()
    Site.objects.update(port=live_server.thread.port, hostname="localhost")
    service = build_portfolio(tree, cases=1).services[0]
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('off', 'SecurityError'); }});"
    )
    errors = []
    visitor = context.new_page()
    visitor.on("pageerror", lambda error: errors.append(str(error)))
    read_service_and_send(
        visitor,
        live_server.url,
        service,
        name="Dina",
        phone="+7 916 555-44-14",
        thanks_url=live_server.url + "/requests/thanks/",
    )
    assert errors == []
    assert_came_from_the_ad(Deal.objects.get(), service, live_server.url)
    context.close()
