"""Suggestions for the proposal builder, each with the reasons shown to sales; what stops a send."""

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.models import CasePage
from experts.models import ExpertCompetency
from leads.choices import ActivityKind
from search.selectors import portfolio_search

from . import money
from .availability import Availability, expert_availability


@dataclass
class CaseSuggestion:
    case: CasePage
    score: float = 0
    reasons: list[str] = field(default_factory=list)


@dataclass
class ExpertSuggestion:
    expert: object
    score: float = 0
    reasons: list[str] = field(default_factory=list)
    #: the expert's load over the proposal's period, None when nothing provides it
    availability: Availability | None = None

    @property
    def overbooked(self) -> bool:
        return bool(self.availability and self.availability.overbooked)


def _request_text(deal) -> str:
    entry = deal.activities.filter(kind=ActivityKind.REQUEST).order_by("created_at").first()
    return f"{deal.title} {entry.text if entry else ''}"


def case_suggestions(
    *, deal, services, exclude: Collection[int] = (), limit: int = 10
) -> list[CaseSuggestion]:
    """Cases ranked by shared services, the client's industry and similarity to the request text.

    Internal-only cases may be suggested (sales see them marked); texts use the anonymised client.
    ``exclude``: ids of cases already chosen, never offered again.
    """
    service_ids = {service.pk for service in services}
    industry_id = deal.company.industry_id if deal.company_id and deal.company else None
    found: dict[int, CaseSuggestion] = {}
    text_hits = portfolio_search(
        text=_request_text(deal), filters={"kind": "case"}, include_internal=True, per_page=30
    ).hits
    for rank, hit in enumerate(text_hits):
        found[hit.page.pk] = CaseSuggestion(
            case=hit.page, score=(30 - rank) / 10, reasons=[_("Similar to the request")]
        )
    related = (
        CasePage.objects.live()
        .filter(services__in=service_ids)
        .select_related("industry", "hero_image")
        .distinct()
        if service_ids
        else []
    )
    for case in related:
        found.setdefault(case.pk, CaseSuggestion(case=case))
    if industry_id:
        for case in (
            CasePage.objects.live().filter(industry_id=industry_id).select_related("industry")[:20]
        ):
            found.setdefault(case.pk, CaseSuggestion(case=case))
    links = CasePage.services.through.objects.filter(
        casepage_id__in=found, servicepage_id__in=service_ids
    )
    shared: dict[int, int] = {}
    for case_id, _service_id in links.values_list("casepage_id", "servicepage_id"):
        shared[case_id] = shared.get(case_id, 0) + 1
    for suggestion in found.values():
        count = shared.get(suggestion.case.pk, 0)
        if count:
            suggestion.score += 3 * count
            suggestion.reasons.append(_("Uses %(count)s of the chosen services") % {"count": count})
        if industry_id and suggestion.case.industry_id == industry_id:
            suggestion.score += 2
            suggestion.reasons.append(
                _("Same industry: %(industry)s") % {"industry": suggestion.case.industry}
            )
        if suggestion.case.results_confirmed_on:  # published with the client's confirmation
            suggestion.score += 2
            suggestion.reasons.append(_("Results confirmed by the client"))
        if suggestion.case.is_internal:
            suggestion.reasons.append(_("Internal only: do not quote the client"))
    offered = [s for s in found.values() if s.case.pk not in exclude]
    return sorted(offered, key=lambda s: -s.score)[:limit]


#: the period the builder checks an expert's load over when the phases have no dates
DEFAULT_PERIOD_WEEKS = 4


def proposal_period(proposal) -> tuple[datetime.date, datetime.date]:
    """From the first phase's start to the last phase's end; without dated phases the next
    :data:`DEFAULT_PERIOD_WEEKS` weeks from today."""
    dates = [
        (phase.starts_on, phase.ends_on)
        for phase in proposal.phases.all()
        if phase.starts_on and phase.ends_on
    ]
    if dates:
        return min(start for start, _end in dates), max(end for _start, end in dates)
    return default_period()


def default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return today, today + datetime.timedelta(weeks=DEFAULT_PERIOD_WEEKS, days=-1)


def _availability_reason(found: Availability) -> str:
    month = formats.date_format(found.peak_week, "F Y") if found.peak_week else ""
    if found.peak_percent <= 0:
        return _("Free over the period")
    if not found.overbooked:
        return _("Booked up to %(percent)s %% (%(month)s)") % {
            "percent": found.peak_percent,
            "month": month,
        }
    if found.available_from:
        return _("Booked %(percent)s %% in %(month)s; available from %(date)s") % {
            "percent": found.peak_percent,
            "month": month,
            "date": formats.date_format(found.available_from, "SHORT_DATE_FORMAT"),
        }
    return _("Booked %(percent)s %% in %(month)s; not available within a year") % {
        "percent": found.peak_percent,
        "month": month,
    }


def expert_suggestions(
    *,
    services,
    exclude: Collection[int] = (),
    limit: int = 10,
    period: tuple[datetime.date, datetime.date] | None = None,
) -> list[ExpertSuggestion]:
    """Experts ranked by the competencies the services require, their level and how free they
    are over ``period`` (the proposal's phases; default: the next four weeks).

    The load comes from the experts' assignments through ``proposals.availability`` (projects
    provides it); a fully booked expert drops below every free one of the same level and is
    marked ``overbooked``. ``exclude``: ids of experts already chosen, never offered again.
    """
    required = {c.pk: c for service in services for c in service.required_competencies.all()}
    if not required:
        return []
    found: dict[int, ExpertSuggestion] = {}
    links = (
        ExpertCompetency.objects.filter(competency_id__in=required, expert__live=True)
        .exclude(expert_id__in=exclude)
        .select_related("expert", "competency")
    )
    for link in links:
        suggestion = found.setdefault(link.expert_id, ExpertSuggestion(expert=link.expert))
        suggestion.score += link.level
        suggestion.reasons.append(f"{link.competency.name}: {link.get_level_display()}")
    start, end = period or default_period()
    loads = expert_availability(expert_ids=found, start=start, end=end)
    for expert_id, suggestion in found.items():
        load = loads.get(expert_id)
        if load is None:
            continue
        suggestion.availability = load
        # free capacity adds up to 2 points; booked over 100 % takes up to 4 (at 200 %)
        suggestion.score += (100 - min(load.peak_percent, 200)) / 50
        suggestion.reasons.append(_availability_reason(load))
    return sorted(found.values(), key=lambda s: (s.overbooked, -s.score))[:limit]


def price_estimate(*, lines, services) -> dict[str, Decimal | None]:
    """The range the catalog gives for the chosen services, beside the packages chosen."""
    low = sum((service.price_from or Decimal(0) for service in services), Decimal(0))
    highs = [service.price_to for service in services]
    high = sum(highs, Decimal(0)) if highs and all(h is not None for h in highs) else None
    chosen = sum((line.line_total for line in lines), Decimal(0))
    return {"low": low, "high": high, "chosen": chosen}


def send_problems(proposal) -> list[str]:
    """Why a draft cannot be sent yet, in words for sales; empty when it can be sent."""
    if not proposal.lines.exists():
        return [_("Add at least one line before sending.")]
    problems = []
    result = proposal.compute_totals()
    if result["total"] <= 0:
        problems.append(_("The total is zero: add prices before sending."))
    largest = max(result["subtotal"], result["total"])
    if not money.fits(largest):  # only a draft saved before the edit form refused it
        problems.append(money.too_large_message("proposal", largest, proposal.currency))
    if proposal.valid_until and proposal.valid_until < timezone.localdate():
        problems.append(
            _("The proposal was valid until %(date)s: set a later date before sending.")
            % {"date": formats.date_format(proposal.valid_until, "SHORT_DATE_FORMAT")}
        )
    return problems
