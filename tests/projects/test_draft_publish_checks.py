"""What keeps a draft case's private words off the public site whichever way it is published:
the draft made from a won deal never names the client in its title, address or summary; an
anonymised case naming its hidden client anywhere a visitor reads is refused, field by field;
and a case still holding its starting notes (the client's request, the proposal's scope) is
refused until an editor rewrites them, in every language of the site."""

import datetime
import logging
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy

from wagtail.models import Revision

import pytest

from cases.factories import CaseMetricFactory, CasePageFactory, IndustryFactory
from cases.models import CaseMetric, CasePage
from cases.publishing import PublishRefused, refusal
from catalog.factories import ServicePageFactory
from leads.choices import ActivityKind
from leads.factories import CompanyFactory, ContactFactory, DealFactory
from leads.services import activity_log
from projects.factories import accepted_proposal_for
from projects.services import cases as case_services
from projects.services.cases import case_draft_create
from proposals.factories import ProposalLineFactory
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import rewrite_starting_notes

pytestmark = pytest.mark.django_db

REQUEST = "Hidden Holding needs its 40 warehouses on one portal."


@pytest.fixture
def deal(site_tree):
    """A won-to-be deal titled after its client, Hidden Holding, with a request naming it and
    an accepted proposal."""
    company = CompanyFactory(
        name="Hidden Holding", industry=IndustryFactory(name="Logistics", slug="logistics")
    )
    contact = ContactFactory(name="Vera Secret", email="vera@hidden.example", company=company)
    deal = DealFactory(title="Request from Hidden Holding", contact=contact)
    deal.services.add(ServicePageFactory(parent=site_tree.services, title="Web portals"))
    activity_log(kind=ActivityKind.REQUEST, text=REQUEST, deal=deal)
    proposal = accepted_proposal_for(deal, title="Portal for Hidden Holding")
    ProposalLineFactory(proposal=proposal, description="Order tracking portal")
    return deal


def _anonymised(case, **fields):
    """A draft revision of ``case`` shown anonymised, its notes rewritten, with ``fields``."""
    return rewrite_starting_notes(case, visibility="anonymised", **fields)


def _live_anonymised(site_tree, **fields) -> CasePage:
    case = CasePageFactory(
        parent=site_tree.cases,
        title="Same-day orders",
        slug="same-day-orders",
        client_name="Hidden Holding",
        client_description="A logistics group",
        visibility="anonymised",
        **fields,
    )
    case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


# A. The draft starts anonymous


def test_the_draft_names_neither_the_company_nor_the_contact_where_visitors_read(deal):
    case = case_draft_create(deal=deal)
    case.refresh_from_db()
    assert case.title == "Logistics: Web portals"
    assert case.slug == "logistics-web-portals"
    for text in (case.title, case.slug, case.summary, case.seo_title, case.search_description):
        assert "hidden" not in text.lower() and "vera" not in text.lower()
    assert REQUEST not in case.summary  # the request stays in the challenge's starting notes
    assert REQUEST in case.challenge
    # the company stays where an anonymised case hides it, and in the internal fields
    assert case.client_name == "Hidden Holding"
    assert case.client_description == "Logistics client"
    assert "Vera Secret" in case.client_contact
    assert "Request from Hidden Holding" in case.internal_notes


def test_the_client_wanting_anonymity_then_a_rewritten_draft_leaks_nothing(client, deal):
    case = case_draft_create(deal=deal)
    _anonymised(case).publish()
    case = CasePage.objects.get(pk=case.pk)
    assert case.live and case.visibility == "anonymised"
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hidden Holding" not in html and "A logistics" not in html
    assert "Logistics client" in html  # the description stands in for the name
    api = client.get(f"/api/v2/pages/{case.pk}/").content.decode()
    assert "Hidden" not in api
    assert case.url in client.get("/search/", {"q": "warehouse"}).content.decode()
    assert case.url not in client.get("/search/", {"q": "Hidden Holding"}).content.decode()


# A. An anonymised case never names its client


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("title", "Request from hidden holding", "The title names"),
        ("summary", "What we did for HIDDEN   HOLDING.", "The summary names"),
        ("challenge", "<p>Hidden&nbsp;<b>Holding</b> waited.</p>", "The challenge names"),
        ("solution", '<p><a href="https://x.example/Hidden Holding">site</a></p>', "solution"),
        ("testimonial_position", "COO, Hidden Holding", "The author's position names"),
        ("seo_title", "Hidden Holding case", "names"),
        ("slug", "request-from-hidden-holding", "The slug names"),
    ],
)
def test_an_anonymised_case_naming_its_client_is_refused(site_tree, field, value, label):
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    setattr(page, field, value)
    revision = page.save_revision()
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert list(refused.value.message_dict) == [field]
    message = " ".join(refused.value.messages)
    assert label in message
    assert "names the client “Hidden Holding”, which an anonymised case hides" in message
    assert CasePage.objects.get(pk=case.pk).live_revision_id != revision.pk


def test_a_result_naming_the_client_is_refused_by_its_label(site_tree):
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    page.metrics = [
        CaseMetric(label="Hidden Holding orders", value_before=Decimal(1), value_after=Decimal(2))
    ]
    with pytest.raises(PublishRefused, match="result “Hidden Holding orders” names the client"):
        page.save_revision().publish()


def test_naming_the_client_is_fine_when_public_short_or_inside_a_word(site_tree):
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    page.visibility, page.title = "public", "Hidden Holding: same-day orders"
    assert refusal(page) is None  # a public case names its client
    page.visibility, page.client_name, page.title = "anonymised", "Ace", "A surface for orders"
    assert refusal(page) is None  # "ace" inside "surface" is not the client
    page.client_name, page.title = "AB", "AB orders"
    assert refusal(page) is None  # too short to look for
    page.client_name, page.title = "Ace", "Ace orders"
    assert "names the client “Ace”" in " ".join(refusal(page).messages)


def test_bulk_publish_shows_the_anonymity_refusal(client, site_tree, admin_user):
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    page.title = "Hidden Holding orders"
    page.save_revision(user=admin_user)
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(
        f"{url}?id={case.pk}&next=/admin/pages/", {"include_descendants": ""}, follow=True
    )
    assert response.status_code == 200
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "The title names the client “Hidden Holding”" in shown
    assert CasePage.objects.get(pk=case.pk).title == "Same-day orders"


def test_scheduled_publishing_skips_an_anonymised_case_naming_its_client(site_tree, caplog):
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    page.summary = "Done for Hidden Holding."
    revision = page.save_revision()
    past = timezone.now() - datetime.timedelta(minutes=5)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    with caplog.at_level(logging.WARNING, logger="cases.models.pages"):
        call_command("publish_scheduled")
    assert "skipped" in caplog.text and "The summary names the client" in caplog.text
    assert CasePage.objects.get(pk=case.pk).summary == "What we did."


# B. Starting notes are rewritten before publishing


def test_the_untouched_draft_is_refused_for_each_field_holding_notes(deal):
    case = case_draft_create(deal=deal)
    with pytest.raises(PublishRefused) as refused:
        case.get_latest_revision().publish()
    assert set(refused.value.message_dict) == {"summary", "challenge", "solution"}
    assert "Rewrite the starting notes in the challenge before publishing" in " ".join(
        refused.value.messages
    )
    assert not CasePage.objects.get(pk=case.pk).live


def test_notes_left_in_one_field_are_refused_and_a_rewrite_publishes(client, deal):
    case = case_draft_create(deal=deal)
    draft = case.get_latest_revision_as_object()
    revision = rewrite_starting_notes(case, solution=draft.solution)
    with pytest.raises(PublishRefused) as refused:
        revision.publish()
    assert list(refused.value.message_dict) == ["solution"]
    rewrite_starting_notes(case).publish()
    html = client.get(CasePage.objects.get(pk=case.pk).url).content.decode()
    assert "Starting notes" not in html and REQUEST not in html
    assert deal.proposals.get().number not in html


def test_notes_written_in_another_language_are_refused(site_tree, monkeypatch):
    notes = {"en": "Starting notes: rewrite before publishing", "ru": "Черновые заметки"}
    marker = lazy(lambda: notes.get(translation.get_language(), notes["en"]), str)()
    monkeypatch.setattr(case_services, "STARTING_NOTES", marker)
    case = _live_anonymised(site_tree)
    page = case.get_latest_revision_as_object()
    page.challenge = "<h3>Черновые заметки</h3><p>Запрос клиента.</p>"
    with translation.override("en"), pytest.raises(PublishRefused, match="in the challenge"):
        page.save_revision().publish()


def test_publish_checks_cost_two_queries_for_a_case_not_anonymised(
    site_tree, django_assert_num_queries
):
    case = CasePageFactory(parent=site_tree.cases, title="Plain", visibility="public")
    CaseMetricFactory(case=case, label="Orders")
    page = case.get_latest_revision_as_object() if case.revisions.exists() else case
    page.live = True
    # the consent limit's one query and the metrics' one query
    with django_assert_num_queries(2):
        assert refusal(page) is None
