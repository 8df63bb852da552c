"""A proposal's validity date out of a sane range is refused in the edit form: sending makes
the link expire at the end of that day in the site's zone, and 9999-12-31 in New York is past
any time UTC has (an OverflowError on SQLite, year 10000 on PostgreSQL)."""

import datetime

from django.urls import reverse

import pytest

from proposals import services
from proposals.models import Proposal
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here
from tests.proposals.test_amount_limits import edit


@pytest.mark.parametrize("valid_until", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_a_validity_date_out_of_range_is_refused_with_a_message(
    owner_client, draft, settings, valid_until
):
    settings.TIME_ZONE = "America/New_York"
    before = Proposal.objects.get(pk=draft.pk).valid_until
    response = edit(owner_client, draft, ("1", "100"), valid_until=valid_until)
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()
    assert Proposal.objects.get(pk=draft.pk).valid_until == before


def test_the_last_date_in_range_is_saved_and_sent(owner_client, draft, settings):
    settings.TIME_ZONE = "America/New_York"
    response = edit(owner_client, draft, ("1", "100"), valid_until="2100-12-31")
    assert response.status_code == 302
    proposal = services.proposal_send(
        proposal=Proposal.objects.get(pk=draft.pk), user=draft.deal.owner
    )
    # the day's end in New York, stored in UTC
    assert proposal.link_expires_at.astimezone(datetime.UTC).year == 2101
    assert owner_client.get(reverse("proposals_admin:detail", args=[draft.pk])).status_code == 200
