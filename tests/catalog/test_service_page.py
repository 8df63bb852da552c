import json
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from cases.factories import CasePageFactory
from catalog.factories import ServicePageFactory
from catalog.models import ServiceType
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def test_service_card_shows_what_how_long_and_how_much(client, portfolio):
    service = portfolio.services[0]
    service.duration_min, service.duration_max, service.duration_unit = 2, 4, "months"
    service.typical_team = [("role", {"role": "DevOps engineer", "count": 2})]
    service.save()

    html = client.get(service.url).content.decode()

    assert service.title in html
    assert "Fixed price" in html
    # a catalog range in whole roubles, the symbol where English puts it
    assert "₽100,000 – ₽500,000" in html
    assert "2–4 months" in html
    assert "Package 0" in html
    assert "DevOps engineer" in html
    assert "Kubernetes" in html  # required competency


def test_price_with_only_a_lower_bound_reads_from(client, portfolio):
    html = client.get(portfolio.services[1].url).content.decode()
    assert "from ₽100,000" in html


def test_catalog_price_with_kopecks_keeps_them(client, portfolio):
    service = portfolio.services[1]
    service.price_from = Decimal("1234.56")
    service.save()
    html = client.get(service.url).content.decode()
    assert "from ₽1,234.56" in html and "₽1,235" not in html


def test_service_page_shows_its_cases_and_experts_without_editor_work(client, portfolio):
    service = portfolio.services[0]
    html = client.get(service.url).content.decode()

    # Cases 0 and 2 use service 0.
    assert "Case 0" in html and "Case 2" in html
    assert "Case 1" not in html
    # Expert 0 holds the required competency; experts 0 and 2 worked on its cases.
    assert "Expert 0" in html and "Expert 2" in html
    # A testimonial from one of its cases is shown as proof.
    assert "Quote 0" in html


def test_internal_case_is_not_shown_as_proof(client, portfolio):
    service = portfolio.services[0]
    secret = CasePageFactory(
        parent=portfolio.tree.cases, title="Secret bank deal", visibility="internal"
    )
    secret.services.add(service)
    secret.save()

    assert "Secret bank deal" not in client.get(service.url).content.decode()


def test_index_groups_by_category_and_filters_by_type(client, portfolio):
    one_off = ServiceType.objects.get(code="one_off")
    consultation = ServicePageFactory(parent=portfolio.tree.services, title="Strategy day")
    consultation.service_types.add(one_off)
    consultation.save()

    everything = client.get(portfolio.tree.services.url).content.decode()
    assert "Strategy day" in everything and "Service with Kubernetes" in everything
    assert consultation.category.name in everything

    one_off_only = client.get(portfolio.tree.services.url, {"type": "one_off"}).content.decode()
    assert "Strategy day" in one_off_only
    assert "Service with Kubernetes" not in one_off_only

    unknown = client.get(portfolio.tree.services.url, {"type": "<script>"})
    assert unknown.status_code == 200
    assert "<script>" not in unknown.content.decode().split("<main", 1)[1]


def test_service_json_ld_is_a_service_with_an_offer(client, portfolio):
    html = client.get(portfolio.services[0].url).content.decode()
    payload = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["@type"] == "Service"
    assert data["offers"]["lowPrice"] == "100000.00"
    assert data["offers"]["highPrice"] == "500000.00"


@pytest.mark.parametrize(
    ("price_from", "price_to", "field"),
    [(Decimal("10"), Decimal("5"), "price_to"), (None, Decimal("5"), "price_from")],
)
def test_price_range_must_make_sense(site_tree, price_from, price_to, field):
    service = ServicePageFactory.build(price_from=price_from, price_to=price_to)
    with pytest.raises(ValidationError) as error:
        service.clean()
    assert field in error.value.message_dict
