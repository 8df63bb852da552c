import pytest

from leads.services import lead_capture
from proposals import services
from tests.leads.conftest import VALID, manager, sales_users, service_of_type  # noqa: F401 - shared fixtures


@pytest.fixture
def deal(portfolio, sales_users):  # noqa: F811
    return lead_capture(
        data={**VALID, "message": "We need Kubernetes for our retail stores"},
        source_page=portfolio.services[0],
        notify=False,
    )


@pytest.fixture
def draft(deal, sales_users):  # noqa: F811
    """A draft filled from the deal by its owner."""
    return services.proposal_create_from_deal(deal=deal, user=deal.owner)


@pytest.fixture
def owner_client(client, draft):
    """The test client signed in as the draft's deal owner."""
    client.force_login(draft.deal.owner)
    return client
