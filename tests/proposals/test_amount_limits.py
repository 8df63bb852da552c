"""Amounts no column holds: a line or a proposal's total of a trillion or more is refused in the
edit form with a message (it once saved on SQLite and then broke every page listing it, and was
a 500 on PostgreSQL), never stored by a recalculation or a send, and an acceptance never fails
on a total that a deal's amount cannot hold."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from leads.models import Activity, Deal
from proposals import money, services
from proposals.models import Proposal, ProposalLine
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

HUGE_PRICE = "999999999999.99"  # the largest unit price the field takes


def edit(client, proposal, *lines, tax_rate="0", discount_percent="0", valid_until="2030-01-31"):
    """Post the edit form with ``lines`` (quantity, unit price) in place of the draft's lines."""
    existing = list(proposal.lines.all())
    forms = [
        {
            "id": line.pk,
            "service": "",
            "package": "",
            "description": "Old line",
            "quantity": "1",
            "unit": "project",
            "unit_price": "1",
            "DELETE": "1",
        }
        for line in existing
    ] + [
        {
            "service": "",
            "package": "",
            "description": f"Line {index}",
            "quantity": quantity,
            "unit": "project",
            "unit_price": price,
        }
        for index, (quantity, price) in enumerate(lines)
    ]
    data = nested_form_data(
        {
            "title": "Platform",
            "valid_until": valid_until,
            "currency": "RUB",
            "introduction": "",
            "terms": "",
            "discount_percent": discount_percent,
            "tax_rate": tax_rate,
            "lines": inline_formset(forms, initial=len(existing)),
            "phases": inline_formset([]),
            "chosen_cases": inline_formset([]),
            "chosen_experts": inline_formset([]),
        }
    )
    return client.post(reverse("proposals_admin:edit", args=[proposal.pk]), data)


def pages_answer(client, proposal) -> list[int]:
    return [
        client.get(url).status_code
        for url in (
            reverse("proposals_admin:index"),
            reverse("proposals_admin:detail", args=[proposal.pk]),
            reverse("leads_deals:detail", args=[proposal.deal_id]),
        )
    ]


@pytest.mark.parametrize("quantity", ["9999", "100", "1.01"])
def test_a_line_no_column_holds_is_refused_at_its_price(owner_client, draft, quantity):
    before = Proposal.objects.get(pk=draft.pk).total
    response = edit(owner_client, draft, (quantity, HUGE_PRICE))
    assert response.status_code == 200
    errors = response.context["form"].formsets["lines"].forms[1].errors
    assert "a line must stay below" in errors["unit_price"][0]
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.total == before and proposal.lines.count() == 1  # nothing saved
    assert pages_answer(owner_client, draft) == [200, 200, 200]


@pytest.mark.parametrize(
    ("lines", "tax_rate"),
    [
        ([("1", "600000000000"), ("1", "600000000000")], "0"),  # lines that fit, adding up
        ([("1", "900000000000")], "20"),  # the tax takes it over
    ],
)
def test_a_total_over_what_a_deal_holds_is_refused_with_a_message(
    owner_client, draft, lines, tax_rate
):
    before = Proposal.objects.get(pk=draft.pk).total
    response = edit(owner_client, draft, *lines, tax_rate=tax_rate)
    assert response.status_code == 200
    assert "so that it fits a deal" in response.content.decode()
    assert Proposal.objects.get(pk=draft.pk).total == before
    assert pages_answer(owner_client, draft) == [200, 200, 200]


def test_the_largest_total_a_deal_holds_is_saved_sent_and_accepted(owner_client, client, draft):
    response = edit(owner_client, draft, ("1", HUGE_PRICE))
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.total == Decimal(HUGE_PRICE)
    assert pages_answer(owner_client, draft) == [200, 200, 200]
    sent = services.proposal_send(proposal=proposal, user=draft.deal.owner)
    client.logout()
    response = client.post(reverse("proposals:accept", args=[sent.token]), {"name": "Anna"})
    assert response.status_code == 302
    assert Deal.objects.get(pk=draft.deal_id).amount == Decimal(HUGE_PRICE)


def test_recalculating_or_sending_never_stores_an_overflowing_total(owner_client, draft):
    """A line written past the form (an import, a script): refused, nothing stored."""
    ProposalLine.objects.create(
        proposal=draft, description="Huge", quantity=Decimal(100), unit_price=Decimal(HUGE_PRICE)
    )
    before = Proposal.objects.get(pk=draft.pk).total
    with pytest.raises(ValidationError):
        services.proposal_recalculate(proposal=Proposal.objects.get(pk=draft.pk))
    with pytest.raises(ValidationError, match="so that it fits a deal"):
        services.proposal_send(proposal=draft, user=draft.deal.owner)
    proposal = Proposal.objects.get(pk=draft.pk)
    assert (proposal.status, proposal.total) == ("draft", before)
    assert set(proposal.lines.values_list("line_total", flat=True)) <= {before, Decimal(0)}
    assert pages_answer(owner_client, draft) == [200, 200, 200]
    response = owner_client.post(reverse("proposals_admin:send", args=[draft.pk]), {"confirm": "1"})
    assert response.status_code in (200, 302)
    assert Proposal.objects.get(pk=draft.pk).status == "draft"


def test_acceptance_of_a_total_a_deal_cannot_hold_still_counts(client, draft):
    """Should such a total ever be sent, the client's acceptance stands; the deal's amount is
    left as it was and the timeline says why."""
    sent = services.proposal_send(proposal=draft, user=draft.deal.owner)
    huge = Decimal("10000000000000.00")  # fits the proposal's column, not the deal's amount
    assert not money.fits(huge)
    Proposal.objects.filter(pk=sent.pk).update(total=huge)
    amount_before = Deal.objects.get(pk=draft.deal_id).amount
    response = client.post(reverse("proposals:accept", args=[sent.token]), {"name": "Anna"})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=sent.pk).status == "accepted"
    assert Deal.objects.get(pk=draft.deal_id).amount == amount_before
    note = Activity.objects.get(deal_id=draft.deal_id, text__contains="more than a deal")
    assert "the deal's amount was left as it was" in note.text
