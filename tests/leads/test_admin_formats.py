"""The sales screens read right: money with its currency in the reader's language, people by
their full names, one date format per language, a request's budget by its label."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, timezone, translation

from wagtail.users.models import UserProfile

import pytest

from leads.models import LeadSubmission
from leads.services import lead_capture, task_create

NBSP = "\u00a0"


def _admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def deal(db, sales_users, manager, valid_data):
    for user, (first, last) in zip(
        sales_users, [("Olga", "Smirnova"), ("Pavel", "Orlov")], strict=True
    ):
        user.first_name, user.last_name = first, last
        user.save()
    deal = lead_capture(data={**valid_data, "budget": "2m_10m"})
    deal.amount, deal.currency = Decimal("1500000"), "RUB"
    deal.save()
    return deal


@pytest.mark.parametrize(
    ("language", "amount"),
    [("ru", f"1{NBSP}500{NBSP}000,00{NBSP}₽"), ("en", "₽1,500,000.00")],
)
def test_deal_list_shows_the_amount_in_the_readers_language(
    client, deal, manager, language, amount
):
    _admin_language(manager, language)
    client.force_login(manager)
    html = client.get(reverse("leads_deals:index")).content.decode()
    assert amount in html
    assert "1500000" not in html and "1500000.00" not in html
    assert 'class="w-text-end w-whitespace-nowrap"' in html  # right-aligned


def test_lists_and_cards_name_people_by_full_name(client, deal, manager):
    client.force_login(manager)
    owner = deal.owner
    full_name = owner.get_full_name()
    listing = client.get(reverse("leads_deals:index")).content.decode()
    assert full_name in listing
    assert f">{owner.username}<" not in listing.replace(" ", "").replace("\n", "")

    due = timezone.now() + datetime.timedelta(days=1)
    task_create(deal=deal, title="Call back", due_at=due, user=manager, assignee=owner)
    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    with translation.override("en"):
        when = formats.date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT")
    assert f"Call back — {when}, {full_name}" in page


def test_one_date_format_per_language(client, deal, manager):
    client.force_login(manager)
    created = timezone.localtime(deal.created_at)
    for language, month in [("en", created.strftime("%b")), ("ru", None)]:
        _admin_language(manager, language)
        with translation.override(language):
            expected = formats.date_format(created, "DATETIME_FORMAT")
            assert formats.date_format(created, "SHORT_DATETIME_FORMAT") == expected
        listing = client.get(reverse("leads_deals:index")).content.decode()
        page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
        requests = client.get(reverse("leads_requests:index")).content.decode()
        assert expected in listing and expected in page
        received = timezone.localtime(LeadSubmission.objects.get(deal=deal).created_at)
        with translation.override(language):
            title = f"Anna Petrova ({formats.date_format(received, 'SHORT_DATETIME_FORMAT')})"
        assert title in requests  # the request's title uses the same format
        if month:
            assert expected == f"{created.day} {month} {created.year}, {created:%H:%M}"
        else:
            assert "г." not in expected and expected.endswith(f", {created:%H:%M}")


def test_request_shows_the_budget_and_channel_labels(client, deal, manager):
    client.force_login(manager)
    submission = LeadSubmission.objects.get(deal=deal)
    inspect = client.get(reverse("leads_requests:inspect", args=[submission.pk])).content.decode()
    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    for html in (inspect, page):
        assert "2,000,000 – 10,000,000 ₽" in html
        assert "Phone call" in html  # the contact channel
        assert "2m_10m" not in html
        assert "Request form" in html  # how it reached us
    listing = client.get(reverse("leads_requests:index")).content.decode()
    assert "Request form" in listing


def test_request_label_in_russian(client, deal, manager):
    _admin_language(manager, "ru")
    client.force_login(manager)
    submission = LeadSubmission.objects.get(deal=deal)
    html = client.get(reverse("leads_requests:inspect", args=[submission.pk])).content.decode()
    assert "2m_10m" not in html and "500k_2m" not in html


def test_request_with_unknown_codes_keeps_them(client, deal, manager):
    submission = LeadSubmission.objects.get(deal=deal)
    LeadSubmission.objects.filter(pk=submission.pk).update(
        data={**submission.data, "budget": "huge", "extra": ["a", 1]}
    )
    client.force_login(manager)
    response = client.get(reverse("leads_requests:inspect", args=[submission.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "huge" in html and "extra" in html


def test_deal_form_offers_owners_by_full_name(client, deal, manager):
    client.force_login(manager)
    html = client.get(reverse("leads_deals:edit", args=[deal.pk])).content.decode()
    assert ">Olga Smirnova</option>" in html and ">Pavel Orlov</option>" in html
    assert ">maria</option>" in html  # no full name: the username
