"""A generated sales history: deals with dated stage changes, wins, losses with reasons,
sources, visitor paths and proposals, written with ``bulk_create`` in batches.

The analytics reports need a history to be tested against (the same number of queries with 10
and 1,000 deals), measured on (100,000 deals with 1,000,000 stage changes for ``make bench``) and
shown on (a year of the demo's deals). Going through the leads services would take hours at the
bench's size and would stamp everything "now"; this writes the rows the services would have
left, with their dates in the past, bypassing tasks, activities and notifications (a generated
deal has no timeline). The random model is in ``demo.history_plan``; the same ``seed`` and the
same database give the same history.
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from leads.choices import StageKind
from leads.models import Company, Contact, Deal, LostReason, Pipeline
from proposals.models import Proposal, ProposalTemplate

from . import history_plan as plan
from .history_names import company_name, person_name
from .history_rows import Generated, write_batch

__all__ = ["HISTORY_EMAIL_DOMAIN", "Generated", "generate_history"]

#: the generated companies' contacts write from here (how seed_demo knows it ran)
HISTORY_EMAIL_DOMAIN = "history.example"


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _flows(pipelines) -> dict[int, plan.Flow]:
    flows = {}
    for pipeline in pipelines:
        stages = list(pipeline.stages.order_by("sort_order", "pk"))
        open_ = [stage for stage in stages if stage.kind == StageKind.OPEN]
        won = next((stage for stage in stages if stage.kind == StageKind.WON), None)
        lost = next((stage for stage in stages if stage.kind == StageKind.LOST), None)
        if not open_ or won is None or lost is None:
            continue
        milestone = {stage.proposal_milestone: n for n, stage in enumerate(open_)}
        flows[pipeline.pk] = plan.Flow(
            pipeline.pk, open_, won, lost, milestone.get("sent"), milestone.get("accepted")
        )
    return flows


def _pipelines_of_services(services, flows) -> dict[int, list[int]]:
    """The pipelines a request about each service goes to (by its types or by name), else the
    default pipeline (or every pipeline when none is the default)."""
    chosen = {}
    default = [p.pk for p in Pipeline.objects.filter(pk__in=flows, is_default=True)] or list(flows)
    for service in services:
        by_service = set(service.pipelines.values_list("pk", flat=True))
        by_type = set(
            Pipeline.objects.filter(service_types__in=service.service_types.all()).values_list(
                "pk", flat=True
            )
        )
        matching = sorted((by_service | by_type) & set(flows))
        chosen[service.pk] = matching or default
    return chosen


def _default_pages():
    from cases.models import CasePage
    from catalog.models import ServicePage
    from experts.models import ExpertPage

    pages = []
    for model in (ServicePage, CasePage, ExpertPage):
        pages += list(model.objects.live().order_by("pk"))
    return pages


def _base_url() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "https://example.com"


class _Context:
    """Everything the generator reads once before writing."""

    def __init__(self, rng, *, lang, pipelines, owners, services, pages, start, end):
        from catalog.models import ServicePage

        lang = lang or settings.LANGUAGE_CODE
        self.lang = "ru" if lang.startswith("ru") else "en"
        self.flows = _flows(pipelines if pipelines is not None else Pipeline.objects.all())
        if not self.flows:
            raise ValueError("No pipeline with open, won and lost stages to generate deals in.")
        if owners is None:
            owners = User.objects.filter(
                groups__name__in=["Sales", "Sales managers"], is_active=True
            ).distinct()
        self.owners = sorted(owners, key=lambda user: user.pk)
        if services is None:
            services = ServicePage.objects.live().order_by("pk")
        self.services = list(services)
        self.service_pipelines = _pipelines_of_services(self.services, self.flows)
        self.service_weights = [rng.lognormvariate(0, 0.8) for _ in self.services]
        self.service_base = [
            rng.choice([150_000, 300_000, 600_000, 1_200_000, 2_500_000]) for _ in self.services
        ]
        pages = _default_pages() if pages is None else list(pages)
        self.pages = [(page.url or "/", page.title, type(page).__name__) for page in pages]
        self.base_url = _base_url().rstrip("/")
        self.reasons = list(LostReason.objects.filter(is_active=True).order_by("sort_order", "pk"))
        self.templates = list(ProposalTemplate.objects.order_by("pk"))
        self.has_probability = _has_field(Deal, "probability")
        self.has_template = _has_field(Proposal, "template")
        self.days, self.day_weights = plan.creation_days(start.date(), end.date())


def generate_history(
    deals: int,
    *,
    stage_changes_per_deal: float | None = None,
    start: datetime.datetime,
    end: datetime.datetime,
    seed: int = 13,
    pipelines=None,
    owners=None,
    services=None,
    pages=None,
    batch_size: int = 5000,
    proposals: bool = True,
    lang: str | None = None,
) -> Generated:
    """Write ``deals`` deals created between ``start`` and ``end`` (aware moments) with their
    stage changes (about ``stage_changes_per_deal`` on average when given: the deals go back a
    stage and forward again to make up the number; the pipelines' own walk otherwise, about 4),
    companies and contacts, sources and visitor paths over ``pages`` (the live service, case and
    expert pages by default), and proposals in the pipelines whose stages say where a sent or
    accepted proposal leads. Nothing happens after ``min(end, now)``: later moves are cut, so
    the most recent deals are still open. Names are English or Russian (``lang``, by default
    the site's language). Owners default to the Sales and Sales managers users,
    services to the live service pages, pipelines to all of them."""
    began = time.monotonic()
    rng = random.Random(seed)
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware")
    limit = min(end, timezone.now())
    ctx = _Context(
        rng,
        lang=lang,
        pipelines=pipelines,
        owners=owners,
        services=services,
        pages=pages,
        start=start,
        end=limit,
    )
    result = Generated()
    with transaction.atomic():
        companies = _companies(rng, ctx, max(1, deals // 4), result, batch_size)
        wanted, written = stage_changes_per_deal, 0
        for first in range(0, deals, batch_size):
            count = min(batch_size, deals - first)
            written = write_batch(
                rng, ctx, first, count, companies, start, limit, wanted, written, proposals, result
            )
    result.seconds = time.monotonic() - began
    return result


def _companies(rng, ctx, count, result, batch_size) -> list[tuple[int, str, int, str]]:
    """``count`` companies, each with one contact: [(company id, name, contact id, name)]."""
    offset = Contact.objects.aggregate(last=Max("pk"))["last"] or 0
    made = []
    for first in range(0, count, batch_size):
        rows = Company.objects.bulk_create(
            [
                Company(name=company_name(rng, ctx.lang, first + n))
                for n in range(min(batch_size, count - first))
            ]
        )
        contacts = Contact.objects.bulk_create(
            [
                Contact(
                    name=person_name(rng, ctx.lang),
                    email=f"client{offset + first + n}@{HISTORY_EMAIL_DOMAIN}",
                    company=company,
                    consent_given=True,
                )
                for n, company in enumerate(rows)
            ]
        )
        made += [
            (c.pk, c.name, contact.pk, contact.name)
            for c, contact in zip(rows, contacts, strict=True)
        ]
    result.companies += count
    result.contacts += count
    return made
