"""A crafted figure key on the deals list never breaks the page: digits that are not ASCII
("²" passes ``str.isdigit`` and then fails ``int()``) and ids no column can hold get the
broken-link message, for every report that reads ids from its keys."""

import re

from django.urls import reverse

import pytest

from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

pytestmark = pytest.mark.django_db

CRAFTED = [
    ("repeat", "deals", "²"),
    ("content", "won", "²"),
    ("lost_reasons", "reason_stage", "1/²"),
    ("lost_reasons", "stage", "99999999999999999999"),
    ("proposals", "template", "²"),
    ("forecast", "deals", "²²²²-01"),
    ("segments", "won", "²"),
]


@pytest.mark.parametrize("report, figure, key", CRAFTED)
def test_a_crafted_key_gets_the_broken_link_message(client, history, report, figure, key):
    client.force_login(history.users["olga"])
    value = f"report={report}&figure={figure}&key={key}&period=custom"
    value += "&dates_from=2026-01-01&dates_to=2026-03-31"
    response = client.get(reverse("leads_deals:index"), {"cohort": value})
    assert response.status_code == 200
    listing = response.content.decode()
    assert "Not a valid link to a report" in listing
    assert not re.findall(r">\s*(D\d+)\s*</a>", listing)
