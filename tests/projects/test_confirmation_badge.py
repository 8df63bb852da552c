"""The client's answer pins "Results confirmed by the client" to the numbers the client
confirmed: published as answered it shows; once an editor publishes other numbers it goes."""

from decimal import Decimal

from django.urls import reverse

import pytest

from cases.models import CasePage
from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_apply_again, confirmation_send

from .confirmation_helpers import answer_data, case_with_project

pytestmark = pytest.mark.django_db

BADGE = "Results confirmed by the client"


@pytest.fixture
def answered(client, site_tree, admin_user):
    case, _project = case_with_project(site_tree)
    confirmation = confirmation_send(case=case, user=admin_user)
    url = reverse("projects:confirmation", args=[confirmation.token])
    assert client.post(url, answer_data(**{"metrics-0-value_after": "4.5"})).status_code == 302
    return ClientConfirmation.objects.get(pk=confirmation.pk)


def _publish_latest(case_pk, change=None):
    page = CasePage.objects.get(pk=case_pk).get_latest_revision_as_object()
    if change:
        change(page)
    page.save_revision().publish()
    return CasePage.objects.get(pk=case_pk)


def _set_after(value):
    def change(page):
        metric = page.metrics.all()[0]
        metric.value_after = Decimal(value)
        page.metrics = [metric]

    return change


def test_published_as_confirmed_the_badge_shows(client, answered):
    live = _publish_latest(answered.case_id)
    assert live.results_confirmed_on and len(live.confirmed_results_digest) == 64
    assert BADGE in client.get(live.url).content.decode()


def test_an_editor_publishing_99_instead_of_4_5_loses_the_badge(client, answered):
    _publish_latest(answered.case_id)
    live = _publish_latest(answered.case_id, _set_after("99"))
    html = client.get(live.url).content.decode()
    assert "99" in html and BADGE not in html
    assert client.get(f"/api/v2/pages/{live.pk}/").json()["results_confirmed_on"] is None


def test_editing_the_summary_only_keeps_the_badge(client, answered):
    _publish_latest(answered.case_id)
    live = _publish_latest(answered.case_id, lambda page: setattr(page, "summary", "Shorter."))
    assert BADGE in client.get(live.url).content.decode()


def test_the_answer_applied_again_brings_the_badge_back(client, answered, admin_user):
    _publish_latest(answered.case_id, _set_after("99"))
    confirmation_apply_again(confirmation=answered, user=admin_user)
    live = _publish_latest(answered.case_id)
    assert [m.value_after for m in live.metrics.all()] == [Decimal("4.5")]
    assert BADGE in client.get(live.url).content.decode()
