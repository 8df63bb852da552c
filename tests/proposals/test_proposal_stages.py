"""Stages move with the proposal: sent and accepted proposals bring the deal to the stages its
pipeline names (never backwards), acceptance sets the deal's amount, a decline asks the owner."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from core.formatting import format_money
from leads.models import Activity, Contact, Deal, LostReason, Pipeline, Task
from leads.services import deal_create, deal_move_to_stage
from proposals import services
from proposals.factories import ProposalLineFactory


def stage(deal, name):
    return deal.pipeline.stages.get(name=name)


def send(deal, total="1500000", currency="RUB"):
    """A proposal of one line of ``total`` sent by the deal's owner."""
    proposal = services.proposal_create_from_deal(deal=deal, user=deal.owner)
    proposal.lines.all().delete()
    proposal.currency = currency
    proposal.save(update_fields=["currency"])
    ProposalLineFactory(
        proposal=proposal,
        description="Kubernetes platform for the retail stores",
        unit_price=Decimal(total),
    )
    return services.proposal_send(proposal=proposal, user=deal.owner)


def accept(client, proposal):
    return client.post(
        reverse("proposals:accept", args=[proposal.token]),
        {"name": "Anna Petrova", "position": "CEO"},
    )


@pytest.fixture
def qualified(deal):
    """The project-work request of the conftest, qualified."""
    return deal_move_to_stage(deal=deal, stage=stage(deal, "Qualified"))


def test_sending_a_proposal_moves_a_qualified_deal_to_proposal_sent(qualified):
    proposal = send(qualified)
    deal = Deal.objects.get(pk=qualified.pk)
    assert deal.stage.name == "Proposal sent"
    assert Task.objects.filter(deal=deal, title="Follow up on the proposal").exists()
    sent = Activity.objects.get(deal=deal, text__contains="sent, total")
    assert sent.text.endswith(f"total {format_money(proposal.total, 'RUB')}")
    assert "1500000.00" not in sent.text
    assert Activity.objects.filter(deal=deal, text="Qualified → Proposal sent").exists()


def test_acceptance_puts_a_project_deal_in_contract_negotiation_with_its_amount(client, qualified):
    Deal.objects.filter(pk=qualified.pk).update(currency="EUR")
    proposal = send(qualified, total="1500000", currency="RUB")
    assert accept(client, proposal).status_code == 302
    deal = Deal.objects.get(pk=qualified.pk)
    assert deal.stage.name == "Contract negotiation" and deal.status == "open"
    assert deal.amount == Decimal("1500000") and deal.currency == "RUB"
    assert Activity.objects.filter(
        deal=deal, text__contains=format_money(Decimal("1500000"), "RUB")
    ).exists()
    # not to the next open stage, as before, with its meeting task
    assert not Task.objects.filter(deal=deal, title="Hold the diagnostic meeting").exists()


@pytest.fixture
def b2b_deal(db, sales_users):
    contact = Contact.objects.create(name="Oleg Sidorov", email="oleg@example.com")
    return deal_create(
        contact=contact,
        pipeline=Pipeline.objects.get(name="B2B sale"),
        title="Licences for 40 seats",
        owner=sales_users[0],
        currency="USD",
    )


def test_acceptance_wins_a_b2b_deal_and_closes_its_tasks(client, b2b_deal):
    deal_move_to_stage(deal=b2b_deal, stage=stage(b2b_deal, "Meeting"))
    proposal = send(b2b_deal, total="20000", currency="USD")
    assert Deal.objects.get(pk=b2b_deal.pk).stage.name == "Proposal sent"
    accept(client, proposal)
    deal = Deal.objects.get(pk=b2b_deal.pk)
    assert deal.stage.name == "Won" and deal.status == "won" and deal.closed_at
    assert deal.amount == Decimal("20000") and deal.currency == "USD"
    tasks = Task.objects.filter(deal=deal)
    assert {task.title for task in tasks} == {"Call the client back", "Prepare for the meeting"}
    assert not tasks.open().exists()
    assert Activity.objects.filter(deal=deal, kind="tasks_cancelled").exists()


def test_a_deal_past_the_sent_stage_is_not_moved_back(client, deal):
    signed = deal_move_to_stage(deal=deal, stage=stage(deal, "Contract signed"))
    proposal = send(signed, total="1700000")
    assert Deal.objects.get(pk=deal.pk).stage.name == "Contract signed"
    accept(client, proposal)
    kept = Deal.objects.get(pk=deal.pk)
    assert kept.stage.name == "Contract signed" and kept.amount == Decimal("1700000")


def test_a_closed_deal_stays_closed_when_its_proposal_is_accepted(client, deal):
    proposal = send(deal)
    lost = deal.pipeline.stages.get(kind="lost")
    deal_move_to_stage(deal=deal, stage=lost, lost_reason=LostReason.objects.first())
    accept(client, proposal)
    kept = Deal.objects.get(pk=deal.pk)
    assert kept.status == "lost" and kept.amount is None


def test_a_decline_asks_the_owner_whether_the_deal_is_lost(client, qualified):
    proposal = send(qualified)
    client.post(reverse("proposals:decline", args=[proposal.token]), {"reason": "Too expensive"})
    question = Task.objects.get(deal=qualified, title__contains="declined")
    assert question.title == f"Proposal {proposal.number} declined: mark the deal lost?"
    assert question.assignee == qualified.owner
    due = timezone.localtime(question.due_at)
    assert due > timezone.now() and due.weekday() < 5 and due.hour == 10
    assert due.date() - timezone.localdate() <= datetime.timedelta(days=3)
    assert Activity.objects.filter(deal=qualified, text__contains=question.title).exists()

    client.force_login(qualified.owner)
    page = client.get(reverse("leads_deals:detail", args=[qualified.pk])).content.decode()
    declined = LostReason.objects.get(name="Proposal declined")
    assert f'<option value="{declined.pk}" selected>' in page
    client.post(
        reverse("leads_deals:lost", args=[qualified.pk]),
        {"lost_reason": declined.pk},
    )
    deal = Deal.objects.get(pk=qualified.pk)
    assert deal.status == "lost" and deal.lost_reason == declined
    # the question is answered: done, not cancelled; the rest of the deal's work is cancelled
    question.refresh_from_db()
    assert question.done_at is not None and question.cancelled_at is None
    assert Activity.objects.filter(deal=deal, kind="task_done", text=question.title).exists()
    follow_up = Task.objects.get(deal=deal, title="Follow up on the proposal")
    assert follow_up.cancelled_at is not None and follow_up.done_at is None
    cancelled = Activity.objects.get(deal=deal, kind="tasks_cancelled")
    assert "Follow up on the proposal" in cancelled.text and question.title not in cancelled.text
    page = client.get(reverse("leads_deals:detail", args=[qualified.pk])).content.decode()
    assert f"<s>{question.title}</s>" in page


def test_a_decline_question_is_cancelled_when_the_deal_is_won_instead(client, qualified):
    proposal = send(qualified)
    client.post(reverse("proposals:decline", args=[proposal.token]), {"reason": "Too expensive"})
    question = Task.objects.get(deal=qualified, title__contains="declined")
    client.force_login(qualified.owner)
    client.post(reverse("leads_deals:won", args=[qualified.pk]), {"amount": "900000"})
    question.refresh_from_db()
    assert question.cancelled_at is not None and question.done_at is None


def test_a_decline_on_an_unassigned_deal_asks_who_sent_the_proposal(client, qualified, sales_users):
    sender = next(user for user in sales_users if user != qualified.owner)
    Deal.objects.filter(pk=qualified.pk).update(owner=None)
    Task.objects.filter(deal=qualified).update(assignee=None)
    draft = services.proposal_create_from_deal(deal=Deal.objects.get(pk=qualified.pk), user=sender)
    ProposalLineFactory(
        proposal=draft, sort_order=9, description="Support, first year", unit_price=Decimal(300000)
    )
    proposal = services.proposal_send(proposal=draft, user=sender)
    client.post(reverse("proposals:decline", args=[proposal.token]), {"reason": ""})

    question = Task.objects.get(deal=qualified, title__contains="declined")
    assert question.assignee == sender
    note = Activity.objects.get(deal=qualified, kind="note", text__contains=question.title)
    assert "Unassigned" not in note.text
    assert sender.get_full_name() in note.text
    client.force_login(sender)
    assert question.title in client.get(reverse("leads_tasks:index")).content.decode()


def test_a_pipeline_saved_with_sent_on_won_does_not_win_deals_on_sending(qualified):
    """Set up before the set-up screen refused it: sending leaves the deal open."""
    qualified.pipeline.stages.update(proposal_milestone="")
    qualified.pipeline.stages.filter(kind="won").update(proposal_milestone="sent")
    Deal.objects.filter(pk=qualified.pk).update(amount=Decimal("800000"))  # the estimate
    send(qualified)
    deal = Deal.objects.get(pk=qualified.pk)
    assert deal.status == "open" and deal.stage.name == "Qualified" and deal.closed_at is None


def test_the_lost_reason_is_not_preselected_without_a_declined_proposal(client, qualified):
    send(qualified)
    client.force_login(qualified.owner)
    page = client.get(reverse("leads_deals:detail", args=[qualified.pk])).content.decode()
    assert " selected>Proposal declined" not in page


def decline(client, proposal):
    client.post(reverse("proposals:decline", args=[proposal.token]), {"reason": "Too expensive"})
    return Task.objects.get(deal=proposal.deal, title__contains="declined", done_at=None)


def test_sending_a_revised_version_answers_the_decline_question(client, qualified):
    proposal = send(qualified)
    question = decline(client, proposal)

    revised = services.proposal_revise(proposal=proposal, user=qualified.owner)
    question.refresh_from_db()
    assert question.is_open  # a draft is not an answer yet
    revised = services.proposal_send(proposal=revised, user=qualified.owner)

    question.refresh_from_db()
    assert question.done_at is not None and question.cancelled_at is None
    done = Activity.objects.filter(deal=qualified, kind="task_done").first()
    assert done.text == f"{question.title} — version 2 of the proposal was sent"
    assert Deal.objects.get(pk=qualified.pk).status == "open"


def test_accepting_any_proposal_answers_the_decline_question(client, qualified):
    proposal = send(qualified)
    question = decline(client, proposal)
    other = send(qualified, total="900000")  # another proposal of the same deal
    question.refresh_from_db()
    assert question.is_open  # another proposal sent is no answer about this one

    accept(client, other)
    question.refresh_from_db()
    assert question.done_at is not None
    done = Activity.objects.filter(deal=qualified, kind="task_done").first()
    assert done.text.endswith(f"proposal {other.number} was accepted")
