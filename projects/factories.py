"""Test data for projects: rows as the services would leave them, without the flows.

``ProjectFactory`` writes a deal's project without a case; tests of the draft case go through
``projects.services.cases.case_draft_create``. ``accepted_proposal_for`` marks a proposal
accepted the way ``proposal_accept`` leaves it (status and time), without its timeline.
"""

from django.utils import timezone

import factory

from leads.factories import DealFactory
from proposals.choices import ProposalStatus
from proposals.factories import ProposalFactory
from proposals.models import ProposalExpert, ProposalPhase

from .choices import CaseTrigger
from .models import PipelineCaseSetting, Project


class ProjectFactory(factory.django.DjangoModelFactory):
    deal = factory.SubFactory(DealFactory)
    proposal = None
    case = None

    class Meta:
        model = Project


class PipelineCaseSettingFactory(factory.django.DjangoModelFactory):
    """The default rule (won) for a pipeline; pass ``trigger=STAGE_LEFT, stage=…`` for the other."""

    pipeline = factory.SelfAttribute("stage.pipeline")
    trigger = CaseTrigger.WON
    stage = None

    class Meta:
        model = PipelineCaseSetting


class ProposalExpertFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    role = "Tech lead"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = ProposalExpert


class ProposalPhaseFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    name = factory.Sequence(lambda n: f"Phase {n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = ProposalPhase


def accepted_proposal_for(deal, **kwargs):
    """A proposal of ``deal`` the client accepted."""
    return ProposalFactory(
        deal=deal, status=ProposalStatus.ACCEPTED, accepted_at=timezone.now(), **kwargs
    )
