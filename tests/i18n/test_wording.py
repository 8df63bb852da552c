"""Small things a reader notices: a word's case after a verb, the minus sign, a doubled full stop."""

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import pytest

from cases.factories import CaseMetricFactory
from proposals import services
from proposals.models import Proposal, ProposalCase
from tests.leads.conftest import sales_users  # noqa: F401
from tests.proposals.conftest import deal  # noqa: F401 - shared fixtures

#: listing → its add button, in the accusative where Russian needs it
ADD_BUTTONS = {
    "leads_deals:index": "Добавить сделку",
    "leads_contacts:index": "Добавить контакт",
    "leads_companies:index": "Добавить компанию",
    "leads_pipelines:index": "Добавить воронку",
    "leads_stage_tasks:index": "Добавить задачу этапа",
    "leads_lost_reasons:index": "Добавить причину проигрыша",
    "leads_api_keys:index": "Добавить API-ключ",
    "wagtailsnippets_catalog_servicecategory:list": "Добавить категорию услуг",
}


@pytest.mark.parametrize("url_name", ADD_BUTTONS)
def test_add_buttons_read_in_russian(admin_client, url_name):
    with override_settings(LANGUAGE_CODE="ru"), translation.override("ru"):
        html = admin_client.get(reverse(url_name)).content.decode()
    assert ADD_BUTTONS[url_name] in html
    assert "Добавить сделка" not in html


def test_add_button_keeps_its_english_wording(admin_client):
    with translation.override("en"):
        html = admin_client.get(reverse("leads_deals:index")).content.decode()
    assert "Add a deal" in html


@pytest.fixture
def proposal_with_a_case(deal, portfolio):  # noqa: F811
    draft = services.proposal_create_from_deal(deal=deal, user=deal.owner)
    case = portfolio.cases[0]
    CaseMetricFactory(
        case=case,
        label="Load time",
        value_before=Decimal("4"),
        value_after=Decimal("1"),
        higher_is_better=False,
    )
    ProposalCase.objects.create(proposal=draft, case=case)
    return services.proposal_send(proposal=draft, user=deal.owner)


def test_a_drop_in_a_proposal_case_uses_the_minus_sign(client, proposal_with_a_case):
    html = client.get(reverse("proposals:page", args=[proposal_with_a_case.token])).content
    html = html.decode()
    assert "(−75%)" in html
    assert "(-75%)" not in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_acceptance_note_has_one_full_stop(client, proposal_with_a_case, language):
    Proposal.objects.filter(pk=proposal_with_a_case.pk).update(
        status="accepted",
        accepted_name="Anna Petrova",
        accepted_at=datetime(2026, 11, 28, 11, 56, tzinfo=ZoneInfo("UTC")),
    )
    url = reverse("proposals:page", args=[proposal_with_a_case.token])
    with override_settings(LANGUAGE_CODE=language), translation.override(language):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    note = re.search(r'<p class="p-status">(.*?)</p>', html, re.S).group(1)
    assert "Anna Petrova" in note
    assert ".." not in note, note
