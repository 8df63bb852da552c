import pytest

from leads.services import lead_capture
from tests.leads.conftest import VALID, manager, sales_users, service_of_type  # noqa: F401 - shared fixtures


@pytest.fixture
def deal(portfolio, sales_users):  # noqa: F811
    return lead_capture(
        data={**VALID, "message": "We need Kubernetes for our retail stores"},
        source_page=portfolio.services[0],
        notify=False,
    )
