"""A case's metrics on the proposal page read as numbers in the site's language."""

from django.urls import reverse

import pytest

from proposals import services

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture
def sent(deal):
    draft = services.proposal_create_from_deal(deal=deal, user=deal.owner)
    proposal = services.proposal_send(proposal=draft, user=deal.owner)
    case = proposal.snapshot["cases"][0]
    case["metrics"] = [
        {
            "label": "Cost per lead",
            "before": "9800",
            "after": "5200",
            "unit": "₽",
            "change": "-47",
            "direction": "down",
            "improvement": True,
        },
        {
            "label": "Conversion",
            "before": "1.1",
            "after": "2.4",
            "unit": "%",
            "change": "118",
            "direction": "up",
            "improvement": True,
        },
    ]  # as build_snapshot writes them (_plain numbers, the change as a signed string)
    proposal.save(update_fields=["snapshot"])
    return proposal


def _page(client, proposal) -> str:
    return client.get(reverse("proposals:page", args=[proposal.token])).content.decode()


def test_metrics_in_russian(client, sent, settings):
    settings.LANGUAGE_CODE = "ru"
    html = _page(client, sent)
    assert f"Cost per lead: 9{NBSP}800 → <strong>5{NBSP}200</strong> ₽ ({MINUS}47{NBSP}%)" in html
    assert f"Conversion: 1,1 → <strong>2,4</strong> % (+118{NBSP}%)" in html


def test_metrics_in_english(client, sent):
    html = _page(client, sent)
    assert f"Cost per lead: 9,800 → <strong>5,200</strong> ₽ ({MINUS}47%)" in html
    assert "Conversion: 1.1 → <strong>2.4</strong> % (+118%)" in html
