"""The sales factories build rows the admin would accept, linked as the services link them."""

from decimal import Decimal

from django.contrib.auth.models import User

from leads.factories import (
    ActivityFactory,
    CompanyFactory,
    ContactFactory,
    DealFactory,
    TaskFactory,
)
from leads.models import Pipeline
from leads.selectors import deal_list_for_board, task_list_for_user
from proposals.factories import ProposalFactory, ProposalLineFactory


def test_a_deal_starts_in_the_default_pipelines_first_stage_on_the_board(db):
    manager = User.objects.create_superuser("root", "root@example.com", "pw")
    deal = DealFactory(owner=manager)

    deal.full_clean()
    assert deal.pipeline == Pipeline.objects.get(name="Project work", is_default=True)
    assert deal.stage.name == "New request"
    assert deal.stage.pipeline == deal.pipeline
    first_column = deal_list_for_board(pipeline=deal.pipeline, user=manager)[0]
    assert first_column["deals"] == [deal]
    assert first_column["count"] == 1
    assert first_column["totals"] == [{"currency": "RUB", "amount": Decimal("250000")}]


def test_contacts_do_not_clash_and_a_deal_takes_its_contacts_company(db):
    company = CompanyFactory()
    contact = ContactFactory(company=company)
    other = ContactFactory()
    deal = DealFactory(contact=contact)

    for row in (company, contact, other, deal):
        row.full_clean()
    assert contact.email != other.email
    assert deal.company == company
    assert list(company.deals.all()) == [deal]


def test_a_task_is_on_its_deals_contact_and_in_the_owners_list(db):
    owner = User.objects.create_user("olga", "olga@example.com", "pw")
    task = TaskFactory(deal=DealFactory(owner=owner))

    task.full_clean()
    assert task.contact == task.deal.contact
    assert task.assignee == owner
    alone = TaskFactory(deal=None, contact=ContactFactory(), assignee=owner)
    alone.full_clean()
    assert task_list_for_user(user=owner)["upcoming"] == [task, alone]


def test_an_activity_shows_on_the_deal_contact_and_company_timelines(db):
    deal = DealFactory(contact=ContactFactory(company=CompanyFactory()))
    activity = ActivityFactory(deal=deal)

    activity.full_clean()
    assert list(deal.activities.all()) == [activity]
    assert list(deal.contact.activities.all()) == [activity]
    assert list(deal.company.activities.all()) == [activity]


def test_proposal_lines_add_up_to_the_proposals_total(db):
    proposal = ProposalFactory(deal=DealFactory(currency="USD"))
    first = ProposalLineFactory(proposal=proposal, quantity=Decimal(2), unit_price=Decimal(1500))
    ProposalLineFactory(proposal=proposal, unit_price=Decimal(700))

    proposal.refresh_from_db()
    proposal.full_clean()
    first.full_clean()
    assert proposal.currency == "USD"
    assert proposal.is_editable
    assert first.line_total == Decimal(3000)
    assert proposal.subtotal == proposal.total == Decimal(3700)
    assert list(proposal.deal.proposals.all()) == [proposal]
