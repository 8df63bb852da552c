"""Drafting a proposal: create it from a deal, recalculate its totals, make a new version of a
sent one, add a suggested case or expert. A draft is the only thing these change; a sent
proposal is frozen (``sending``)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.untrusted import parse_positive_int
from leads.choices import ActivityKind
from leads.models import Deal
from leads.services import activity_log

from .. import money
from ..choices import LineUnit, ProposalStatus
from ..models import (
    Proposal,
    ProposalCase,
    ProposalExpert,
    ProposalLine,
    ProposalPhase,
    ProposalTemplate,
)
from ..money import totals
from ..selectors import case_suggestions, expert_suggestions

DEFAULT_VALID_DAYS = 30


def _number(deal: Deal) -> str:
    year = timezone.now().year
    count = Proposal.objects.filter(created_at__year=year, version=1).count() + 1
    return f"P-{year}-{count:04d}"


def _template_for(services) -> ProposalTemplate | None:
    service_ids = {service.pk for service in services}
    for template in ProposalTemplate.objects.prefetch_related("default_services"):
        if service_ids & {service.pk for service in template.default_services.all()}:
            return template
    return None


@transaction.atomic
def proposal_create_from_deal(*, deal: Deal, user=None) -> Proposal:
    """A draft filled from the deal: its services with their first package, a fitting template,
    and the best suggested cases and experts."""
    services = list(deal.services.live().prefetch_related("packages"))
    template = _template_for(services)
    with translation.override(settings.LANGUAGE_CODE):  # the client reads the title
        title = _("Proposal for %(client)s") % {
            "client": deal.company.name if deal.company else deal.contact.name
        }
    proposal = Proposal(
        deal=deal,
        number=_number(deal),
        title=title,
        currency=deal.currency,
        introduction=template.introduction if template else "",
        terms=template.terms if template else "",
        template=template,
        valid_until=timezone.localdate() + datetime.timedelta(days=DEFAULT_VALID_DAYS),
        created_by=user,
    )
    proposal.full_clean(exclude=["number"])
    proposal.save()
    for order, service in enumerate(services):
        package = next(iter(service.packages.all()), None)
        price = (
            package.price
            if package and package.price is not None
            else service.price_from or Decimal(0)
        )
        ProposalLine.objects.create(
            proposal=proposal,
            sort_order=order,
            service=service,
            package=package,
            description=f"{service.title}" + (f" — {package.name}" if package else ""),
            quantity=Decimal(1),
            unit=LineUnit.PROJECT,
            unit_price=price,
        )
    for order, suggestion in enumerate(case_suggestions(deal=deal, services=services)[:3]):
        if not suggestion.case.is_internal:
            ProposalCase.objects.create(proposal=proposal, case=suggestion.case, sort_order=order)
    for order, suggestion in enumerate(expert_suggestions(services=services)[:3]):
        ProposalExpert.objects.create(
            proposal=proposal,
            expert=suggestion.expert,
            role=suggestion.expert.position,
            sort_order=order,
        )
    proposal_recalculate(proposal=proposal)
    with translation.override(settings.LANGUAGE_CODE):  # the timeline is in the site's language
        text = _("Draft proposal %(number)s created") % {"number": proposal.number}
    activity_log(kind=ActivityKind.PROPOSAL, text=text, deal=deal, author=user)
    return proposal


def proposal_recalculate(*, proposal: Proposal) -> Proposal:
    """Round each line once, then the subtotal, discount, tax and total once each.

    A line or a total that no column (and no deal's amount) could hold is refused with a
    ``ValidationError`` before anything is stored (the edit form refuses it first)."""
    lines = list(proposal.lines.all())
    for line in lines:
        line.line_total = line.compute_total(proposal.currency)
        if not money.fits(line.line_total):
            raise ValidationError(
                money.too_large_message("line", line.line_total, proposal.currency)
            )
    result = totals(
        [line.line_total for line in lines],
        discount_percent=proposal.discount_percent,
        tax_rate=proposal.tax_rate,
        currency=proposal.currency,
    )
    largest = max(result["subtotal"], result["total"])
    if not money.fits(largest):
        raise ValidationError(money.too_large_message("proposal", largest, proposal.currency))
    for line in lines:
        line.save(update_fields=["line_total"])
    proposal.subtotal, proposal.discount_amount = result["subtotal"], result["discount"]
    proposal.tax_amount, proposal.total = result["tax"], result["total"]
    proposal.save(update_fields=["subtotal", "discount_amount", "tax_amount", "total"])
    return proposal


@transaction.atomic
def proposal_revise(*, proposal: Proposal, user=None) -> Proposal:
    """A new draft version with the same content; the sent one stays as it was until the new one is sent."""
    if proposal.status == ProposalStatus.DRAFT:
        return proposal
    if hasattr(proposal, "next_version"):
        raise ValidationError(_("A newer version of this proposal exists."))
    copy = Proposal.objects.create(
        deal=proposal.deal,
        number=proposal.number,
        version=proposal.version + 1,
        previous=proposal,
        title=proposal.title,
        valid_until=proposal.valid_until,
        currency=proposal.currency,
        introduction=proposal.introduction,
        terms=proposal.terms,
        template_id=proposal.template_id,
        discount_percent=proposal.discount_percent,
        tax_rate=proposal.tax_rate,
        created_by=user,
    )
    for line in proposal.lines.all():
        ProposalLine.objects.create(
            proposal=copy,
            sort_order=line.sort_order,
            service=line.service,
            package=line.package,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
        )
    for link in proposal.chosen_cases.all():
        ProposalCase.objects.create(proposal=copy, case=link.case, sort_order=link.sort_order)
    for link in proposal.chosen_experts.all():
        ProposalExpert.objects.create(
            proposal=copy,
            expert=link.expert,
            role=link.role,
            hours_per_week=link.hours_per_week,
            share_percent=link.share_percent,
            phase_number=link.phase_number,
            sort_order=link.sort_order,
        )
    for phase in proposal.phases.all():
        ProposalPhase.objects.create(
            proposal=copy,
            name=phase.name,
            duration=phase.duration,
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            deliverables=phase.deliverables,
            sort_order=phase.sort_order,
        )
    return proposal_recalculate(proposal=copy)


def _editable_draft(proposal: Proposal) -> Proposal:
    """The proposal read again under a row lock: sending it meanwhile waits, or is seen here."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not proposal.is_editable:
        raise ValidationError(_("Make a new version to change a sent proposal."))
    return proposal


def _live_page(model, page_id: object, *, field: str):
    """The live page an id posted by the builder names, or a field error (never a 500: the id
    comes from a form and may be anything)."""
    pk = parse_positive_int(str(page_id)) if page_id is not None else None
    page = model.objects.live().filter(pk=pk).first() if pk else None
    if page is None:
        raise ValidationError({field: _("Choose a published case or expert from the suggestions.")})
    return page


@transaction.atomic
def proposal_add_case(*, proposal: Proposal, case_id: object) -> ProposalCase:
    """Add a live case to a draft, once (adding it again keeps the one already there)."""
    from cases.models import CasePage

    proposal = _editable_draft(proposal)
    case = _live_page(CasePage, case_id, field="case")
    link, _created = ProposalCase.objects.get_or_create(
        proposal=proposal, case=case, defaults={"sort_order": 99}
    )
    return link


@transaction.atomic
def proposal_add_expert(*, proposal: Proposal, expert_id: object) -> ProposalExpert:
    """Add a live expert to a draft, once; their role starts as their position (what the
    client reads; sales may change it)."""
    from experts.models import ExpertPage

    proposal = _editable_draft(proposal)
    expert = _live_page(ExpertPage, expert_id, field="expert")
    link, _created = ProposalExpert.objects.get_or_create(
        proposal=proposal, expert=expert, defaults={"sort_order": 99, "role": expert.position}
    )
    return link
