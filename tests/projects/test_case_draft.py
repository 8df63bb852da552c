"""A won deal becomes a draft case: filled from the deal and its accepted proposal, internal,
unpublished, once per deal, on the pipeline's trigger."""

import datetime
import threading
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

import pytest

from cases.choices import Visibility
from cases.factories import IndustryFactory
from cases.models import CaseIndexPage, CasePage
from catalog.factories import ServicePageFactory
from experts.factories import ExpertPageFactory
from leads.choices import ActivityKind, DealStatus, StageKind
from leads.factories import CompanyFactory, ContactFactory, DealFactory
from leads.models import LostReason
from leads.services import activity_log, deal_move_to_stage
from projects.choices import CaseTrigger
from projects.factories import (
    PipelineCaseSettingFactory,
    ProjectFactory,
    ProposalExpertFactory,
    ProposalPhaseFactory,
    accepted_proposal_for,
)
from projects.models import Project
from projects.services.cases import case_draft_create, case_draft_status, project_for_deal
from proposals.factories import ProposalLineFactory

from .confirmation_helpers import rewrite_starting_notes


def won_stage(pipeline):
    return pipeline.stages.filter(kind=StageKind.WON).order_by("sort_order").first()


def open_stages(pipeline):
    return list(pipeline.stages.filter(kind=StageKind.OPEN).order_by("sort_order"))


@pytest.fixture
def deal(site_tree):
    industry = IndustryFactory(name="Banking", slug="banking")
    company = CompanyFactory(name="Acme Bank", industry=industry)
    contact = ContactFactory(
        name="Irina Client", email="irina@acme.example", phone="+7 900 000-00-00", company=company
    )
    deal = DealFactory(
        title="Online banking", contact=contact, amount=Decimal("1200000"), currency="EUR"
    )
    activity_log(
        kind=ActivityKind.REQUEST,
        text="We need <b>online</b> banking.\nBudget: 1-2M",
        deal=deal,
    )
    return deal


@pytest.fixture
def sold(deal, site_tree):
    """The deal with a service and an accepted proposal (a line of another service, two
    experts with roles, dated phases)."""
    deal.services.add(ServicePageFactory(parent=site_tree.services, title="Mobile apps"))
    proposal = accepted_proposal_for(deal, title="Banking platform")
    web = ServicePageFactory(parent=site_tree.services, title="Web platforms")
    ProposalLineFactory(proposal=proposal, service=web, description="Build the <web> app")
    anna = ExpertPageFactory(parent=site_tree.experts, title="Anna")
    boris = ExpertPageFactory(parent=site_tree.experts, title="Boris")
    ProposalExpertFactory(proposal=proposal, expert=anna, role="Tech lead")
    ProposalExpertFactory(proposal=proposal, expert=boris, role="")
    ProposalExpertFactory(proposal=proposal, expert=anna, role="Again")  # listed twice
    phase = ProposalPhaseFactory(proposal=proposal, name="Discovery", duration="2 weeks")
    if hasattr(phase, "starts_on"):
        phase.starts_on, phase.ends_on = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
        phase.save()
    return proposal


def test_draft_case_is_filled_from_the_deal_and_the_accepted_proposal(deal, sold, site_tree):
    user = None
    case = case_draft_create(deal=deal, user=user)

    case = CasePage.objects.get(pk=case.pk)
    assert case.get_parent().specific_class is CaseIndexPage
    # a neutral working title (industry: first service), not the deal's
    assert case.title == "Banking: Mobile apps"
    assert case.slug == "banking-mobile-apps"
    assert case.live is False
    assert case.visibility == Visibility.INTERNAL
    assert case.client_name == "Acme Bank"
    assert case.industry.name == "Banking"
    assert "Banking" in case.client_description
    assert {s.title for s in case.services.all()} == {"Mobile apps", "Web platforms"}
    assert [(m.expert.title, m.role) for m in case.team.all()] == [
        ("Anna", "Tech lead"),
        ("Boris", "Team member"),
    ]
    assert case.year == datetime.date.today().year
    if hasattr(sold.phases.first(), "starts_on"):
        assert case.duration_months == 3
    # the request and the scope as escaped starting notes under their heading
    marker = "<h3>Starting notes: rewrite before publishing</h3>"
    assert case.challenge.startswith(marker) and case.solution.startswith(marker)
    assert "&lt;b&gt;online&lt;/b&gt;" in case.challenge
    assert "<b>online" not in case.challenge
    assert "Build the &lt;web&gt; app" in case.solution
    assert "Discovery" in case.solution
    # the summary is a placeholder, not the request
    assert case.summary.startswith("Starting notes: rewrite before publishing.")
    assert "online" not in case.summary
    # internal fields
    assert case.budget == Decimal("1200000")
    assert case.budget_currency == "EUR"
    assert "Irina Client" in case.client_contact
    assert "irina@acme.example" in case.client_contact
    assert f"#{deal.pk}" in case.internal_notes
    assert sold.number in case.internal_notes
    # one revision, nothing published
    assert case.revisions.count() == 1
    assert case.has_unpublished_changes
    assert case.first_published_at is None
    project = Project.objects.get(deal=deal)
    assert project.case_id == case.pk
    assert project.proposal_id == sold.pk
    note = deal.activities.get(kind=ActivityKind.NOTE, data__event="case_draft")
    assert note.text == "Draft case created: Banking: Mobile apps"
    assert note.data["source"] == "projects"
    assert case_draft_status(deal=deal) == "draft"


def test_public_cannot_see_the_draft(client, deal, sold):
    case = case_draft_create(deal=deal)
    assert client.get(f"/cases/{case.slug}/").status_code == 404
    assert not CasePage.listable().filter(pk=case.pk).exists()
    assert client.get(f"/api/v2/pages/{case.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/?type=cases.CasePage&limit=100").json()
    assert case.pk not in [item["id"] for item in listing["items"]]
    for query in ("Irina", "online banking", "Acme"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert case.slug not in html
        assert "irina@acme.example" not in html


def test_without_company_industry_or_proposal_placeholders_keep_the_page_valid(site_tree):
    deal = DealFactory(title="Bare deal", contact=ContactFactory(company=None), amount=None)
    case = case_draft_create(deal=deal)
    case.refresh_from_db()
    assert case.client_name == "Bare deal"
    assert case.industry.slug == "other"
    assert case.title == "Other: a new case"
    assert "Bare deal" not in case.summary
    assert case.challenge and case.solution
    assert list(case.team.all()) == []
    assert case.budget is None
    # a second deal reuses the same "Other" industry
    other = case_draft_create(deal=DealFactory(contact=ContactFactory(company=None)))
    assert other.industry_id == case.industry_id


def test_long_and_repeated_titles_get_free_slugs(site_tree):
    industry = IndustryFactory(name="Ж" * 100)
    service = ServicePageFactory(parent=site_tree.services, title="Ж" * 255)
    deals = [DealFactory(contact=ContactFactory(company=CompanyFactory(industry=industry)))]
    deals.append(DealFactory(contact=ContactFactory(company=deals[0].company)))
    for deal in deals:
        deal.services.add(service)
    first, second = (case_draft_create(deal=deal) for deal in deals)
    odd = case_draft_create(
        deal=DealFactory(contact=ContactFactory(company=CompanyFactory(industry=None)))
    )
    assert first.title == second.title and len(first.title) == 255
    assert len(second.slug) <= 255
    assert first.slug != second.slug
    assert odd.slug.startswith("other-a-new-case")


def test_creating_twice_returns_the_same_case(deal, sold):
    first = case_draft_create(deal=deal)
    second = case_draft_create(deal=deal)
    assert first.pk == second.pk
    assert CasePage.objects.count() == 1
    assert deal.activities.filter(data__event="case_draft").count() == 1
    assert project_for_deal(deal=deal).case_id == first.pk


def test_existing_project_without_case_gets_one(deal):
    ProjectFactory(deal=deal)
    case = case_draft_create(deal=deal)
    assert Project.objects.get(deal=deal).case_id == case.pk


def test_lost_deal_is_refused(deal):
    deal.status = DealStatus.LOST
    deal.save()
    with pytest.raises(ValidationError, match="lost deal"):
        case_draft_create(deal=deal)
    assert case_draft_status(deal=deal) == "none"


def test_no_case_index_is_a_clear_error(deal):
    CaseIndexPage.objects.all().delete()
    with pytest.raises(ValidationError, match="no case index"):
        case_draft_create(deal=deal)
    assert not CasePage.objects.exists()


def test_status_published(deal):
    case = case_draft_create(deal=deal)
    rewrite_starting_notes(case).publish()
    assert case_draft_status(deal=deal) == "published"


# The trigger: stage changes


def test_winning_a_deal_creates_its_draft(deal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won_stage(deal.pipeline))
    deal.refresh_from_db()
    assert deal.status == DealStatus.WON
    assert case_draft_status(deal=deal) == "draft"


def test_moving_between_open_stages_creates_nothing(deal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=open_stages(deal.pipeline)[1])
    assert case_draft_status(deal=deal) == "none"


def test_losing_a_deal_creates_nothing(deal, django_capture_on_commit_callbacks):
    lost = deal.pipeline.stages.filter(kind=StageKind.LOST).first()
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=lost, lost_reason=LostReason.objects.first())
    assert case_draft_status(deal=deal) == "none"


def test_reopened_and_won_again_keeps_one_case(deal, django_capture_on_commit_callbacks):
    won, first_open = won_stage(deal.pipeline), open_stages(deal.pipeline)[0]
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won)
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=first_open)
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won)
    assert CasePage.objects.count() == 1


def test_stage_left_trigger(deal, django_capture_on_commit_callbacks):
    stages = open_stages(deal.pipeline)
    delivery = stages[1]
    PipelineCaseSettingFactory(
        pipeline=deal.pipeline, trigger=CaseTrigger.STAGE_LEFT, stage=delivery
    )
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won_stage(deal.pipeline))  # skipped delivery
    assert case_draft_status(deal=deal) == "none"
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=delivery)
    assert case_draft_status(deal=deal) == "none"
    if len(stages) > 2:
        with django_capture_on_commit_callbacks(execute=True):
            deal_move_to_stage(deal=deal, stage=stages[0])  # backwards: not delivered
        assert case_draft_status(deal=deal) == "none"
        with django_capture_on_commit_callbacks(execute=True):
            deal_move_to_stage(deal=deal, stage=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(
            deal=deal, stage=stages[-1] if len(stages) > 2 else won_stage(deal.pipeline)
        )
    assert case_draft_status(deal=deal) == "draft"


def test_a_failing_draft_never_undoes_the_win(deal, django_capture_on_commit_callbacks):
    CaseIndexPage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won_stage(deal.pipeline))
    deal.refresh_from_db()
    assert deal.status == DealStatus.WON
    assert case_draft_status(deal=deal) == "none"


def test_an_exploding_draft_never_undoes_the_win(
    deal, django_capture_on_commit_callbacks, monkeypatch
):
    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("projects.services.cases.case_draft_create", explode)
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won_stage(deal.pipeline))
    deal.refresh_from_db()
    assert deal.status == DealStatus.WON


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_make_one_case():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    from tests.builders import build_site_tree

    build_site_tree()
    deal = DealFactory(contact=ContactFactory(company=None))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def create():
        from django.db import connections

        try:
            barrier.wait()
            results.append(case_draft_create(deal=deal).pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert Project.objects.filter(deal=deal).count() == 1
    assert CasePage.objects.count() == 1
