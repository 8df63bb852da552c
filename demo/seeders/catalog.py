"""The service catalog: its index page, the categories, the service pages with their steps
and packages, and the generated services of ``--scale``."""

import random
from decimal import Decimal

from wagtail.models import Page

from catalog.models import (
    ServiceCategory,
    ServiceIndexPage,
    ServicePackage,
    ServicePage,
    ServiceProcessStep,
    ServiceType,
)
from experts.models import Competency

from .. import images
from ..data import catalog as catalog_data
from .base import GENERATED_PREFIX, Seeding


def seed_index(ctx: Seeding, home: Page) -> ServiceIndexPage:
    return ctx.add_page(
        home,
        ServiceIndexPage(
            title=ctx.t(("Services", "Услуги")),
            slug="services",
            show_in_menus=True,
            introduction=ctx.t(
                (
                    "What we do, for whom, how long it takes and what it costs.",
                    "Что мы делаем, для кого, сколько времени это занимает и сколько стоит.",
                )
            ),
        ),
    )


def seed_categories(ctx: Seeding) -> dict[str, ServiceCategory]:
    result = {}
    for order, (key, name) in enumerate(catalog_data.CATEGORIES):
        result[key], _ = ServiceCategory.objects.get_or_create(
            slug=key, defaults={"name": ctx.t(name), "sort_order": order}
        )
    return result


def seed_services(
    ctx: Seeding,
    index: ServiceIndexPage,
    categories: dict[str, ServiceCategory],
    competencies: dict[str, Competency],
) -> dict[str, ServicePage]:
    """The demo's services by slug, with their steps, packages, types and competencies."""
    result = {}
    types = {service_type.code: service_type for service_type in ServiceType.objects.all()}
    for data in catalog_data.SERVICES:
        key = data["key"]
        existing = index.get_children().filter(slug=key).first()
        if existing:
            result[key] = existing.specific
            continue
        service = _build_service(ctx, data, categories)
        category = data["category"]
        for title, text in catalog_data.STEPS[category]:
            service.process_steps.add(
                ServiceProcessStep(title=ctx.t(title), description=ctx.t(text))
            )
        for name, price, duration, included in data["packages"]:
            service.packages.add(
                ServicePackage(
                    name=ctx.t(name),
                    price=Decimal(price),
                    duration=ctx.t(duration),
                    included=ctx.t(included),
                )
            )
        service.service_types.set([types[code] for code in data["types"]])
        service.required_competencies.set([competencies[c] for c in data["competencies"]])
        result[key] = ctx.add_page(index, service)
    return result


def _build_service(ctx: Seeding, data: dict, categories) -> ServicePage:
    key = data["key"]
    category = data["category"]
    price_from, price_to = data["price"]
    dmin, dmax, unit = data["duration"]
    return ServicePage(
        title=ctx.t(data["title"]),
        slug=key,
        category=categories[category],
        summary=ctx.t(data["summary"]),
        image=images.make_image(f"Demo: service {key}", images.draw_cover(key), f"{key}.jpg"),
        audience=f"<p>{ctx.t(data['audience'])}</p>",
        applicability=f"<p>{ctx.t(data['applicability'])}</p>",
        methodology=ctx.t(catalog_data.METHODOLOGY[category]),
        duration_min=dmin,
        duration_max=dmax,
        duration_unit=unit,
        pricing_model=data["pricing"],
        price_from=Decimal(price_from),
        price_to=Decimal(price_to) if price_to is not None else None,
        currency=data["currency"],
        complexity=data["complexity"],
        cost_factors=[
            ("factor", {"name": ctx.t(name), "description": ctx.t(text)})
            for name, text in catalog_data.COST_FACTORS[category]
        ],
        typical_team=[
            ("role", {"role": ctx.t(role), "count": count}) for role, count in data["team"]
        ],
        partners=[
            ("partner", {"name": name, "role": ctx.t(role), "url": url})
            for name, role, url in catalog_data.PARTNERS.get(category, [])
        ],
        faq=[("faq", {"title": "", "items": _faq_items(ctx)})],
    )


def _faq_items(ctx: Seeding) -> list[dict]:
    return [
        {
            "question": ctx.t(("How do we start?", "С чего начинаем?")),
            "answer": ctx.t(
                (
                    "<p>Leave a request; within a day we call back and agree a short meeting.</p>",
                    "<p>Оставьте заявку: в течение дня перезвоним и договоримся "
                    "о короткой встрече.</p>",
                )
            ),
        },
        {
            "question": ctx.t(("Can the price change?", "Может ли измениться цена?")),
            "answer": ctx.t(
                (
                    "<p>Only if the scope changes, and only after you agree in writing.</p>",
                    "<p>Только при изменении объёма работ и только после вашего "
                    "письменного согласия.</p>",
                )
            ),
        },
    ]


def generated_service(ctx: Seeding, number: int, rng: random.Random, covers) -> ServicePage:
    """One generated service for ``--scale`` (unsaved)."""
    category = rng.choice(list(ServiceCategory.objects.all()))
    return ServicePage(
        title=ctx.t((f"Service {number + 1}", f"Услуга {number + 1}")),
        slug=f"{GENERATED_PREFIX}service-{number + 1}",
        category=category,
        summary=ctx.t(
            ("A generated service for benchmarks.", "Сгенерированная услуга для бенчмарков.")
        ),
        image=rng.choice(covers),
        pricing_model="fixed",
        price_from=Decimal(rng.randint(1, 50) * 50_000),
    )
