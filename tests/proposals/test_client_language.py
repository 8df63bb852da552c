"""What the client reads is in the site's language, whatever language the sender's admin uses."""

import html

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from leads.models import Activity
from proposals.models import Proposal


@pytest.fixture
def russian_admin_client(client, deal, settings):
    settings.LANGUAGE_CODE = "en"  # the public site is English
    profile = UserProfile.get_for_user(deal.owner)
    profile.preferred_language = "ru"  # olga's admin is Russian
    profile.save()
    client.force_login(deal.owner)
    return client


def test_a_russian_admin_sends_an_english_proposal(russian_admin_client, deal):
    client = russian_admin_client
    created = client.post(reverse("proposals_admin:new_from_deal", args=[deal.pk]))
    proposal = Proposal.objects.get(deal=deal)
    assert "Черновик" in str(list(created.wsgi_request._messages)[0])  # the admin stays Russian
    send_url = reverse("proposals_admin:send", args=[proposal.pk])
    preview = client.get(send_url)
    assert "Отправить клиенту" in preview.content.decode()  # the admin screen itself: Russian
    assert "1 project" in html.unescape(preview.content.decode())  # the client's page: English

    client.post(send_url, {"fingerprint": preview.context["fingerprint"]})

    proposal.refresh_from_db()
    assert proposal.status == "sent"
    assert proposal.title == "Proposal for Retail Co"
    assert [line["unit"] for line in proposal.snapshot["lines"]] == ["project"]
    page = client.get(reverse("proposals:page", args=[proposal.token])).content.decode()
    assert '<html lang="en"' in page
    assert "Proposal for Retail Co" in page and "1 project" in page
    assert "проект" not in page and "Коммерческое" not in page
    timeline = list(Activity.objects.filter(deal=deal).values_list("text", flat=True))
    assert any(text.startswith("Draft proposal") for text in timeline)
    assert any(" sent, total " in text for text in timeline)
    assert not any("Коммерческое" in text or "Черновик" in text for text in timeline)
