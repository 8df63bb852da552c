"""The Sales screens answer odd input with a message or a 404, never a 500, on every database."""

from django.urls import reverse

import pytest

from leads.models import Deal
from leads.services import lead_capture
from proposals.services import proposal_create_from_deal
from tests.leads.conftest import VALID
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

HUGE = "99999999999999999999999"
ODD_NUMBERS = [HUGE, "-1", "0", "²", "①", "1.5", "1e3", "abc", "", "1" * 5000]
LISTING_FILTERS = ["services", "stage", "owner", "pipeline", "status", "qualification", "source"]


@pytest.fixture
def deal(portfolio, sales_users, manager):
    deal = lead_capture(data=dict(VALID), notify=False)
    Deal.objects.filter(pk=deal.pk).update(owner=None)
    return deal


def test_deal_listing_filters_take_any_value(client, deal, manager):
    client.force_login(manager)
    failures = []
    for name in LISTING_FILTERS:
        for value in ODD_NUMBERS:
            for url in (reverse("leads_deals:index"), reverse("leads_deals:index_results")):
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value[:30]}")
    for url in ("/admin/sales/deals/", "/admin/sales/contacts/", "/admin/sales/requests/"):
        for query in ("x", "'; DROP TABLE leads_deal; --", "{{ 7*7 }}", "a" * 10_000):
            if client.get(url, {"q": query}).status_code >= 500:
                failures.append(f"{url}?q={query[:30]}")
    assert not failures, failures


def test_deal_actions_take_any_value(client, deal, manager):
    client.force_login(manager)
    failures = []
    for action, field in [
        ("move", "stage"),
        ("move", "lost_reason"),
        ("won", "amount"),
        ("lost", "lost_reason"),
        ("task", "due_at"),
        ("activity", "kind"),
    ]:
        for value in [*ODD_NUMBERS, "2030-13-45T99:99"]:
            response = client.post(reverse(f"leads_deals:{action}", args=[deal.pk]), {field: value})
            if response.status_code >= 500:
                failures.append(f"{action} {field}={value[:30]}")
    for value in ODD_NUMBERS:
        response = client.post(
            reverse("leads_contacts:merge", args=[deal.contact.pk]), {"duplicate": value}
        )
        if response.status_code >= 500:
            failures.append(f"merge duplicate={value[:30]}")
    assert not failures, failures


def test_proposal_builder_refuses_odd_ids_with_a_message(client, deal, manager):
    client.force_login(manager)
    proposal = proposal_create_from_deal(deal=deal, user=manager)
    before = (proposal.chosen_cases.count(), proposal.chosen_experts.count())
    for action in ("add_case", "add_expert"):
        for value in [*ODD_NUMBERS, str(deal.pk)]:
            response = client.post(
                reverse(f"proposals_admin:{action}", args=[proposal.pk]),
                {"id": value},
                follow=True,
            )
            assert response.status_code == 200, (action, value[:30])
    assert "Choose a published case or expert" in response.content.decode()
    assert (proposal.chosen_cases.count(), proposal.chosen_experts.count()) == before


def test_requests_list_and_inspect_open_for_a_superuser(client, deal, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(root)
    submission = deal.submissions.get()
    for url in (
        reverse("leads_requests:index"),
        reverse("leads_requests:index_results"),
        reverse("leads_requests:inspect", args=[submission.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert VALID["name"] in response.content.decode()


@pytest.mark.parametrize(
    ("zone", "params"),
    [
        ("Europe/Moscow", {"closed_at_from": "0001-01-01"}),
        ("Europe/Moscow", {"created_at_from": "0001-01-01"}),
        ("America/New_York", {"closed_at_to": "9999-12-31"}),
        ("America/New_York", {"created_at_to": "9999-12-31"}),
    ],
)
def test_date_filters_at_the_calendar_edge_show_a_filter_error(
    client, settings, deal, manager, zone, params
):
    """The range is made aware in the site's zone: these days do not exist in UTC."""
    settings.TIME_ZONE = zone
    client.force_login(manager)
    assert client.get(reverse("leads_deals:index_results"), params).status_code == 200
    response = client.get(reverse("leads_deals:index"), params)
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()


@pytest.mark.parametrize("url_name", ["leads_contacts:index", "leads_requests:index"])
@pytest.mark.parametrize(
    ("zone", "value"),
    [("Europe/Moscow", "0001-01-01 00:00"), ("America/New_York", "9999-12-31 23:59")],
)
def test_exact_date_filters_of_other_listings_at_the_calendar_edge(
    client, settings, deal, manager, url_name, zone, value
):
    """``list_filter`` dates (contacts, requests) refuse the calendar's edge instead of a 500."""
    settings.TIME_ZONE = zone
    client.force_login(manager)
    response = client.get(reverse(url_name), {"created_at": value})
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()
