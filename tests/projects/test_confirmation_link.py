"""The client's confirmation link: what each state shows, and that it stays private."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from leads.models import Activity
from projects.models import ClientConfirmation
from projects.services.confirmations import (
    confirmation_link_state,
    confirmation_revoke,
    confirmation_send,
)
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import case_with_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(site_tree, admin_user):
    case, _project = case_with_project(site_tree)
    return confirmation_send(case=case, user=admin_user, valid_days=10)


def _private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_send_opens_a_link_until_the_end_of_the_last_day(sent):
    assert len(sent.token) == 43
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    assert timezone.localtime(sent.link_expires_at).date() == last_day
    assert timezone.localtime(sent.link_expires_at).time() == datetime.time.max
    entry = Activity.objects.get(deal=sent.project.deal, data__event="confirmation_sent")
    assert "Shop migration" in entry.text


def test_the_page_shows_the_form_with_the_case_results_and_branding(client, sent):
    response = client.get(reverse("projects:confirmation", args=[sent.token]))
    assert response.status_code == 200
    _private(response)
    html = response.content.decode()
    assert "Shop migration" in html
    assert 'value="Conversion"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Vitrina" in html  # the company's name from the site settings
    assert "<script" not in html
    assert "A retail chain" in html  # what an anonymised case shows instead of the name
    assert "Internal" not in html


def test_a_new_link_revokes_the_previous_unanswered_one(sent, admin_user):
    newer = confirmation_send(case=sent.case, user=admin_user)
    sent.refresh_from_db()
    assert confirmation_link_state(sent) == "revoked"
    assert confirmation_link_state(newer) == "ok"


@pytest.mark.parametrize(
    "token",
    ["not-a-real-token-at-all", "x" * 65, "x" * 5000],
)
def test_unknown_or_overlong_tokens_are_404(client, sent, token):
    response = client.get(f"/c/{token}/")
    assert response.status_code == 404
    if len(token) < 255:  # longer path segments are answered 404 before any view
        _private(response)


def test_nul_in_a_token_is_never_a_500(client, sent):
    assert client.get("/c/abc%00def/").status_code in (400, 404)
    assert client.post(f"/c/{sent.token}%00/", {}).status_code in (400, 404)


def test_expired_link_is_410(client, sent):
    ClientConfirmation.objects.filter(pk=sent.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("projects:confirmation", args=[sent.token]))
    assert response.status_code == 410
    _private(response)
    assert "expired" in response.content.decode()


def test_revoked_link_is_410_and_takes_no_answer(client, sent, admin_user):
    confirmation_revoke(confirmation=sent, user=admin_user)
    url = reverse("projects:confirmation", args=[sent.token])
    assert client.get(url).status_code == 410
    assert client.post(url, {"consent": "on"}).status_code == 410
    sent.refresh_from_db()
    assert sent.answered_at is None
    assert Activity.objects.filter(data__event="confirmation_revoked").count() == 1


def test_revoking_an_answered_link_keeps_it_answered(sent, admin_user):
    ClientConfirmation.objects.filter(pk=sent.pk).update(answered_at=timezone.now())
    sent.refresh_from_db()
    confirmation_revoke(confirmation=sent, user=admin_user)
    sent.refresh_from_db()
    assert sent.revoked_at is None
    assert confirmation_link_state(sent) == "answered"


def test_answered_link_shows_the_thank_you(client, sent):
    ClientConfirmation.objects.filter(pk=sent.pk).update(answered_at=timezone.now())
    response = client.get(reverse("projects:confirmation", args=[sent.token]))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert "<form" not in response.content.decode()


def test_a_case_not_made_from_a_deal_cannot_be_sent(site_tree, admin_user):
    from django.core.exceptions import ValidationError

    from cases.factories import CasePageFactory

    case = CasePageFactory(parent=site_tree.cases)
    with pytest.raises(ValidationError):
        confirmation_send(case=case, user=admin_user)


@pytest.mark.parametrize("days", [0, -1, 366, "30"])
def test_send_refuses_impossible_validity(sent, admin_user, days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        confirmation_send(case=sent.case, user=admin_user, valid_days=days)


def test_the_page_is_not_cached_between_states(client, sent, admin_user):
    url = reverse("projects:confirmation", args=[sent.token])
    assert client.get(url).status_code == 200
    confirmation_revoke(confirmation=sent, user=admin_user)
    assert client.get(url).status_code == 410
