"""Every real report's screen, overview and export answer a manager and a Sales user."""

from django.urls import reverse

import pytest

from analytics import registry
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here
from tests.analytics.screens import Q1

pytestmark = pytest.mark.django_db


def test_every_report_screen_and_the_overview(client, history):
    for user in (history.manager, history.users["olga"]):
        client.force_login(user)
        assert client.get(reverse("analytics:index"), Q1).status_code == 200
        for slug, _module in registry.reports():
            response = client.get(reverse("analytics:report", args=[slug]), Q1)
            assert response.status_code == 200, slug
            assert 'role="alert"' not in response.content.decode() or slug
    client.force_login(history.manager)
    for slug, _module in registry.reports():
        url = reverse("analytics:report", args=[slug])
        assert client.get(url, {**Q1, "export": "xlsx"}).status_code == 200, slug
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
