import pytest

from tests.builders import build_portfolio, build_site_tree


@pytest.fixture
def site_tree(db):
    """Home page as the default site's root, with the service, case and expert index pages."""
    return build_site_tree()


@pytest.fixture
def portfolio(site_tree):
    """A small coherent portfolio: services, experts and cases linked together."""
    return build_portfolio(site_tree, cases=3)
