"""The portfolio: its index page, the industries, the case pages with their team and metrics,
and the generated cases of ``--scale``."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.html import format_html

from wagtail.models import Page

from cases.models import CaseIndexPage, CaseMetric, CasePage, CaseTeamMember, Industry

from .. import images
from ..data import cases as case_data
from ..data import people as people_data
from .base import GENERATED_PREFIX, Seeding


def seed_index(ctx: Seeding, home: Page) -> CaseIndexPage:
    return ctx.add_page(
        home,
        CaseIndexPage(
            title=ctx.t(("Cases", "Кейсы")),
            slug="cases",
            show_in_menus=True,
            introduction=ctx.t(
                ("Projects with measured results.", "Проекты с измеренными результатами.")
            ),
        ),
    )


def seed_industries(ctx: Seeding) -> dict[str, Industry]:
    result = {}
    for key, name in people_data.INDUSTRIES:
        result[key], _ = Industry.objects.get_or_create(slug=key, defaults={"name": ctx.t(name)})
    return result


def seed_cases(ctx: Seeding, index: CaseIndexPage, industries, services, experts) -> None:
    """The demo's cases, newest last, linked to the seeded services and experts by slug."""
    now = timezone.now()
    for number, row in enumerate(case_data.CASES):
        if index.get_children().filter(slug=row["key"]).exists():
            continue
        case = _build_case(ctx, number, row, industries, now)
        for expert_key, role in row["team"]:
            case.team.add(CaseTeamMember(expert=experts[expert_key], role=ctx.t(role)))
        for label, before, after, unit, higher in row["metrics"]:
            case.metrics.add(
                CaseMetric(
                    label=ctx.t(label),
                    value_before=Decimal(str(before)),
                    value_after=Decimal(str(after)),
                    unit=ctx.t(unit),
                    higher_is_better=higher,
                )
            )
        case.services.set([services[s] for s in row["services"]])
        ctx.add_page(index, case)


def _build_case(ctx: Seeding, number: int, row: dict, industries, now) -> CasePage:
    """One hand-written case (unsaved): its own summary, challenge and solution, and the
    testimonial of its own contact at the client when the client gave one."""
    key = row["key"]
    author, position = row["contact"]
    case = CasePage(
        title=ctx.t(row["title"]),
        slug=key,
        visibility=row["visibility"],
        client_name=ctx.t(row["client"]),
        client_description=ctx.t(row["client_description"]),
        industry=industries[row["industry"]],
        year=row["year"],
        duration_months=row["months"],
        summary=ctx.t(row["summary"]),
        hero_image=images.make_image(f"Demo: case {key}", images.draw_cover(key), f"{key}.jpg"),
        challenge=format_html("<p>{}</p>", ctx.t(row["challenge"])),
        solution=format_html("<p>{}</p>", ctx.t(row["solution"])),
        budget=Decimal(row["budget"]),
        client_contact=ctx.t(author) + ", " + ctx.t(position),
        internal_notes=ctx.t(
            (
                "Upsell: support contract in discussion.",
                "Допродажа: обсуждаем договор на сопровождение.",
            )
        ),
        first_published_at=now - datetime.timedelta(days=len(case_data.CASES) - number),
    )
    if row["quote"]:
        case.testimonial_quote = ctx.t(row["quote"])
        case.testimonial_author = ctx.t(author)
        case.testimonial_position = ctx.t(position)
    return case


def generated_case(ctx: Seeding, number: int, rng: random.Random, covers, pools) -> CasePage:
    """One generated case for ``--scale`` (unsaved), drawn from ``pools``: the services,
    experts and industries to pick from."""
    services, experts, industries = pools
    industry = rng.choice(industries)
    service = rng.choice(services)
    case = CasePage(
        title=ctx.t(
            (
                f"{service.title} for client {number + 1}",
                f"{service.title}: клиент {number + 1}",
            )
        ),
        slug=f"{GENERATED_PREFIX}case-{number + 1}",
        visibility=rng.choice(["public", "public", "public", "anonymised", "internal"]),
        client_name=f"Client {number + 1}",
        client_description=ctx.t((f"{industry.name} company", f"Компания: {industry.name}")),
        industry=industry,
        year=rng.randint(2015, 2025),
        duration_months=rng.randint(1, 12),
        summary=ctx.t(("A generated case for benchmarks.", "Сгенерированный кейс для бенчмарков.")),
        hero_image=rng.choice(covers),
        challenge="<p>"
        + ctx.t(("The client needed results.", "Клиенту были нужны результаты."))
        + "</p>",
        solution="<p>" + ctx.t(("We delivered them.", "Мы их обеспечили.")) + "</p>",
        first_published_at=timezone.now() - datetime.timedelta(minutes=number),
    )
    case.metrics.add(
        CaseMetric(
            label=ctx.t(("Conversion", "Конверсия")),
            value_before=Decimal(rng.randint(1, 5)),
            value_after=Decimal(rng.randint(5, 10)),
            unit="%",
        )
    )
    case.team.add(CaseTeamMember(expert=rng.choice(experts), role=ctx.t(("Engineer", "Инженер"))))
    case.services.set([service])
    return case
