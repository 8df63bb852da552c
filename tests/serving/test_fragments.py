"""Fragments rendered once per content version (header, footer, cards, the empty request form)
still show every change at once, differ where the page differs, and never serve previews."""

import re

from django.template import Context, Template
from django.test import RequestFactory

from core.models import SiteSettings
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def test_a_renamed_case_shows_on_the_cards_of_other_pages_at_once(client, portfolio):
    service = portfolio.services[0]
    case = service.case_pages.live().first().specific
    assert f">{case.title}<" in client.get(service.url).content.decode()
    case.title = "Renamed for the card"
    case.save_revision().publish()
    assert ">Renamed for the card<" in client.get(service.url).content.decode()
    assert ">Renamed for the card<" in client.get(portfolio.tree.cases.url).content.decode()


def test_the_header_marks_the_section_of_each_page(client, portfolio):
    def active(url):
        html = client.get(url).content.decode().split("</header>")[0]
        return re.findall(
            r'class="nav-link active"\s*(aria-current="page")?\s*href="([^"]+)"', html
        )

    cases_url, services_url = portfolio.tree.cases.url, portfolio.tree.services.url
    assert active(portfolio.cases[0].url) == [("", cases_url)]
    assert active(cases_url) == [('aria-current="page"', cases_url)]
    assert active(portfolio.services[0].url) == [("", services_url)]
    assert active(portfolio.tree.home.url) == []


def test_the_footer_follows_a_site_settings_edit(client, portfolio):
    url = portfolio.cases[0].url
    settings = SiteSettings.for_site(portfolio.tree.home.get_site())
    assert "Vitrina Footer Legal LLC" not in client.get(url).content.decode()
    settings.legal_name = "Vitrina Footer Legal LLC"
    settings.save()
    footer = client.get(url).content.decode().split("<footer", 1)[1]
    assert "Vitrina Footer Legal LLC" in footer


def test_the_request_form_names_the_page_it_is_on(client, portfolio):
    for page in (portfolio.services[0], portfolio.cases[0], portfolio.experts[0]):
        html = client.get(page.url).content.decode()
        assert f'name="source_page" value="{page.pk}"' in html
        assert html.count('name="source_page"') == 1 and html.count('name="started"') == 1
        assert 'name="consent"' in html and 'name="form_token"' in html


def test_previews_render_afresh(portfolio):
    template = Template('{% load fragments %}{% fragment "probe" %}{{ value }}{% endfragment %}')
    request = RequestFactory().get("/", HTTP_HOST="localhost")

    def render(value, preview=False):
        request.is_preview = preview
        return template.render(Context({"request": request, "value": value}))

    assert render("published") == "published"
    assert render("changed") == "published"  # same content version: kept
    assert render("draft", preview=True) == "draft"
