"""Internal fields and internal-only cases never reach a public page, the sitemap or the API."""

import re
from decimal import Decimal

import pytest

from cases.factories import CasePageFactory
from projects.models import ExpertCapacity
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

MARKER = "ZZSECRET"


@pytest.fixture
def leaky_portfolio(portfolio):
    """Every internal field of every case and expert carries a marker string."""
    for number, case in enumerate(portfolio.cases):
        case.budget = Decimal("987654321")
        case.client_contact = f"{MARKER}-contact-{number}"
        case.internal_notes = f"{MARKER}-notes-{number}"
        case.save()
    anonymised = CasePageFactory(
        parent=portfolio.tree.cases,
        visibility="anonymised",
        client_name=f"{MARKER}-anonymised-client",
        client_description="Retail chain, 200 stores",
    )
    anonymised.services.add(portfolio.services[0])
    anonymised.save()
    internal = CasePageFactory(
        parent=portfolio.tree.cases,
        visibility="internal",
        title=f"{MARKER} internal case",
        slug="internal-case",
        client_name=f"{MARKER}-internal-client",
        summary=f"{MARKER} internal summary",
    )
    internal.services.add(portfolio.services[0])
    internal.save()
    for number, expert in enumerate(portfolio.experts):
        expert.workload_percent = 87
        expert.available_from = "2031-07-13"
        expert.save()
        # the workload screen's data (projects): capacity, a manager's override and its reason
        ExpertCapacity.objects.create(
            expert=expert,
            hours_per_week=Decimal("38.5"),
            override_percent=87,
            override_reason=f"{MARKER}-override-{number}",
            override_until="2031-07-13",
        )
    return portfolio


def public_urls(client, portfolio):
    pages = [
        portfolio.tree.home,
        portfolio.tree.services,
        portfolio.tree.cases,
        portfolio.tree.experts,
        *portfolio.services,
        *portfolio.cases,
        *portfolio.experts,
    ]
    urls = [page.url for page in pages] + ["/sitemap.xml", "/robots.txt"]
    urls.append(portfolio.tree.cases.url + "?industry=retail")
    urls.append(portfolio.tree.cases.url + f"?service={portfolio.services[0].pk}")
    return urls


def api_urls(client):
    urls = ["/api/v2/pages/?limit=100"]
    for page_type in ("cases.CasePage", "experts.ExpertPage", "catalog.ServicePage"):
        listing = client.get(f"/api/v2/pages/?type={page_type}&fields=*&limit=100").json()
        urls.append(f"/api/v2/pages/?type={page_type}&fields=*&limit=100")
        urls += [f"/api/v2/pages/{item['id']}/" for item in listing["items"]]
    return urls


def assert_clean(text: str, where: str):
    assert MARKER not in text, where
    assert "987654321" not in text, where
    assert "2031-07-13" not in text and "13 July 2031" not in text, where
    assert not re.search(r"\b87\s*%", text), where


def test_no_public_page_shows_internal_data(client, leaky_portfolio):
    for url in public_urls(client, leaky_portfolio):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), url)


def test_internal_case_is_not_served_listed_or_mapped(client, leaky_portfolio):
    assert client.get("/cases/internal-case/").status_code == 404
    assert "internal-case" not in client.get("/sitemap.xml").content.decode()


def test_api_exposes_public_fields_only(client, leaky_portfolio):
    for url in api_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), url)
    ids = [item["id"] for item in client.get("/api/v2/pages/?type=cases.CasePage").json()["items"]]
    internal = leaky_portfolio.tree.cases.get_children().get(slug="internal-case")
    assert internal.pk not in ids
    assert client.get(f"/api/v2/pages/{internal.pk}/").status_code == 404
    for field in ("budget", "client_contact", "internal_notes", "client_name"):
        response = client.get(f"/api/v2/pages/?type=cases.CasePage&fields={field}")
        assert response.status_code == 400, field
    for field in ("workload_percent", "available_from"):
        response = client.get(f"/api/v2/pages/?type=experts.ExpertPage&fields={field}")
        assert response.status_code == 400, field


def test_api_case_lists_the_description_for_anonymised_clients(client, leaky_portfolio):
    items = client.get("/api/v2/pages/?type=cases.CasePage&fields=client").json()["items"]
    assert "Retail chain, 200 stores" in [item["client"] for item in items]
