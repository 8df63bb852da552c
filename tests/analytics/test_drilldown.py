"""A figure's link opens the deals list showing exactly the deals it counts, within the
follower's own scope; a broken link shows no deals and says so."""

import re
from html import unescape

from django.urls import reverse

import pytest

from tests.analytics.history import history_once  # noqa: F401 - the history, built once here
from tests.analytics.screens import FAKE_REPORTS, Q1

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_reports(settings):
    settings.ANALYTICS_REPORTS = FAKE_REPORTS


def links(page: str) -> dict[str, str]:
    """figure text → href of each linked figure."""
    found = re.findall(r'<a href="([^"]+)" data-cohort-link>([^<]+)</a>', page)
    return [(unescape(href), text) for href, text in found]


def deals_shown(client, href) -> str:
    return client.get(href).content.decode()


@pytest.mark.parametrize("who", ["manager", "olga"])
def test_each_figure_opens_exactly_its_deals(client, history, who):
    user = history.manager if who == "manager" else history.users["olga"]
    client.force_login(user)
    page = client.get(reverse("analytics:report", args=["fake"]), Q1).content.decode()
    followed = links(page)
    assert followed
    mine = {"D1", "D3", "D5", "D7", "D9"}
    for href, figure in followed:
        listing = deals_shown(client, href)
        shown = set(re.findall(r">\s*(D\d+)\s*</a>", listing))
        assert len(shown) == int(figure), (href, figure, shown)
        if who == "olga":
            assert shown <= mine
        assert "Analytics: Fake report" in listing


def test_a_broken_link_shows_no_deals_and_says_why(client, history):
    client.force_login(history.manager)
    deals = reverse("leads_deals:index")
    for value in ["report=fake&figure=created&key=nope", "report=nope", "x" * 3000]:
        response = client.get(deals, {"cohort": value})
        assert response.status_code == 200
        listing = response.content.decode()
        assert "Not a valid link to a report" in listing
        assert not re.findall(r">\s*(D\d+)\s*</a>", listing)


def test_a_nul_byte_is_refused_by_the_site_before_any_filter(client, history):
    client.force_login(history.manager)
    response = client.get(reverse("leads_deals:index"), {"cohort": "report=fake\x00"})
    assert response.status_code == 400  # core.untrusted's UnusableUrlMiddleware
