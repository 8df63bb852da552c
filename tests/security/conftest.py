import logging

from django.contrib.auth.models import Group, User
from django.test import override_settings

import pytest

from leads.services import apikey_create, lead_capture
from proposals import services as proposals
from tests.leads.conftest import VALID

from .walker import TOTALS


@pytest.fixture
def quiet_request_log(caplog):
    """Thousands of 4xx answers would each log a warning; 5xx are recorded by the walk."""
    for name in ("django.request", "django.security", "leads", "wagtail"):
        caplog.set_level(logging.CRITICAL, logger=name)


@pytest.fixture
def hostile_site(portfolio, quiet_request_log):
    """The portfolio, a sent proposal (its private page is public to whoever has the link) and
    an API key; the rate limit out of the way, so every valid request has to be stored."""
    owner = User.objects.create_user("olga", "olga@example.com", "pw")
    owner.groups.add(Group.objects.get(name="Sales"))
    deal = lead_capture(data=dict(VALID), source_page=portfolio.services[0], notify=False)
    proposal = proposals.proposal_send(
        proposal=proposals.proposal_create_from_deal(deal=deal, user=owner), user=owner
    )
    _key, raw_key = apikey_create(name="Hostile landing")
    with override_settings(LEADS_RATE_LIMIT=1_000_000):
        yield {"portfolio": portfolio, "proposal": proposal, "api_key": raw_key}


def pytest_terminal_summary(terminalreporter):
    if TOTALS["requests"]:
        terminalreporter.write_line(
            f"hostile input: {TOTALS['requests']} requests, {TOTALS['5xx']} answered 5xx "
            f"({TOTALS['cpu_seconds']:.0f} s of CPU)"
        )
