"""The facts row of a deal at the edges of what a visitor may send: the longest UTM tags and
landing page the request form accepts, in text that does not compress (on PostgreSQL an index
entry holding them all would pass the 2,704-byte limit, and the deal got no row), and the
rebuild over such a deal."""

import random
import string

from django.core.management import call_command

import pytest

from analytics.models import DealFacts
from leads.services import LeadMeta, lead_capture

pytestmark = pytest.mark.django_db


def _noise(length: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


def test_the_longest_visit_values_get_their_facts_row_and_rebuild(site_tree):
    utm = {
        "utm_source": _noise(200, 1),
        "utm_medium": _noise(200, 2),
        "utm_campaign": _noise(200, 3),
    }
    landing = "https://example.com/" + _noise(1950, 4) + "/"
    deal = lead_capture(
        data={"name": "Long", "email": "long@example.com", "message": "Hi", "consent": "on"},
        meta=LeadMeta(
            source=_noise(120, 6),
            utm=utm,
            landing_page=landing,
            first_touch={"landing": landing, "utm": {"utm_source": _noise(200, 5)}},
        ),
        notify=False,
    )
    expected = (
        deal.source,
        deal.first_touch["utm"]["utm_source"],
        *utm.values(),
        landing.removeprefix("https://example.com"),
    )
    columns = ("channel", "first_source", "utm_source", "utm_medium", "utm_campaign")
    row = DealFacts.objects.filter(deal=deal).values_list(*columns, "landing_path").first()
    assert row == expected
    call_command("rebuild_deal_facts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert DealFacts.objects.filter(deal=deal).values_list(*columns, "landing_path").first() == (
        expected
    )
