"""A service's price says what it pays for: a rate reads as a rate, not as the whole work."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

import pytest

from catalog.pricing import service_price


def _service(low, high, model, currency="RUB"):
    return SimpleNamespace(price_from=low, price_to=high, pricing_model=model, currency=currency)


@pytest.mark.parametrize(
    ("service", "english", "russian"),
    [
        (
            _service(Decimal(3500), Decimal(5000), "hourly"),
            "₽3,500 – ₽5,000 per hour",
            "3\xa0500\xa0₽ – 5\xa0000\xa0₽ в час",
        ),
        (
            _service(Decimal(180000), None, "subscription"),
            "from ₽180,000 per month",
            "от 180\xa0000\xa0₽ в месяц",
        ),
        (
            _service(Decimal(350000), None, "fixed"),
            "from ₽350,000",
            "от 350\xa0000\xa0₽",
        ),
        (
            _service(Decimal(100000), Decimal(100000), "fixed"),
            "₽100,000",
            "100\xa0000\xa0₽",
        ),
    ],
)
def test_prices_read_as_what_they_pay_for(service, english, russian):
    with translation.override("en"):
        assert service_price(service) == english
    with translation.override("ru"):
        assert service_price(service) == russian


def test_a_service_without_a_price_shows_none():
    assert service_price(_service(None, None, "fixed")) == ""
