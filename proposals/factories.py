"""Test data for proposals: drafts and their lines, without the flows of ``proposals.services``.

``ProposalFactory`` writes a draft with no lines (totals zero). Each line made by
``ProposalLineFactory`` recalculates its proposal's totals, as the edit form does, so a draft
built from the factories shows the same sums as one built in the admin.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import factory

from leads.factories import DealFactory

from . import money
from .choices import LineUnit
from .models import Proposal, ProposalLine
from .services import proposal_recalculate


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft for a deal, in the deal's currency, valid for 30 days."""

    deal = factory.SubFactory(DealFactory)
    number = factory.Sequence(lambda n: f"P-TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    currency = factory.SelfAttribute("deal.currency")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Meta:
        model = Proposal


class ProposalLineFactory(factory.django.DjangoModelFactory):
    """One free line (no service) of one project at a fixed price."""

    proposal = factory.SubFactory(ProposalFactory)
    sort_order = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"Line {n}")
    quantity = Decimal(1)
    unit = LineUnit.PROJECT
    unit_price = Decimal("100000")
    line_total = factory.LazyAttribute(
        lambda line: money.line_total(line.quantity, line.unit_price, line.proposal.currency)
    )

    class Meta:
        model = ProposalLine
        skip_postgeneration_save = True

    @factory.post_generation
    def recalculate(line, create, extracted, **kwargs):
        """Bring the proposal's subtotal and total up to date with the new line."""
        if create:
            proposal_recalculate(proposal=line.proposal)
