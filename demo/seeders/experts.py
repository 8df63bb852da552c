"""The experts: their index page, the competencies they are rated on, their profiles with
certificates and publications, and the generated experts of ``--scale``."""

import datetime
import random

from wagtail.models import Page

from experts.models import (
    Certificate,
    Competency,
    ExpertCompetency,
    ExpertIndexPage,
    ExpertPage,
    Publication,
)

from .. import images
from ..data import catalog as catalog_data
from ..data import people as people_data
from .base import GENERATED_PREFIX, Seeding


def seed_index(ctx: Seeding, home: Page) -> ExpertIndexPage:
    return ctx.add_page(
        home,
        ExpertIndexPage(
            title=ctx.t(("Experts", "Эксперты")),
            slug="experts",
            show_in_menus=True,
            introduction=ctx.t(
                ("The people who deliver your project.", "Люди, которые сделают ваш проект.")
            ),
        ),
    )


def seed_competencies(ctx: Seeding) -> dict[str, Competency]:
    result = {}
    for key, area, name in catalog_data.COMPETENCIES:
        result[key], _ = Competency.objects.get_or_create(
            slug=key, defaults={"name": ctx.t(name), "area": area}
        )
    return result


def seed_experts(
    ctx: Seeding, index: ExpertIndexPage, competencies: dict[str, Competency]
) -> dict[str, ExpertPage]:
    """The demo's experts by slug; one random generator for all, so their figures repeat."""
    result = {}
    rng = random.Random("experts")
    for row in people_data.EXPERTS:
        key = row[0]
        existing = index.get_children().filter(slug=key).first()
        if existing:
            result[key] = existing.specific
            continue
        expert = _build_expert(ctx, row, competencies, rng)
        result[key] = ctx.add_page(index, expert)
    return result


def _build_expert(ctx: Seeding, row, competencies, rng: random.Random) -> ExpertPage:
    key, name, position, seniority, years, skills = row
    photo = images.make_image(f"Demo: expert {key}", images.draw_portrait(key), f"{key}.jpg")
    expert = ExpertPage(
        title=ctx.t(name),
        slug=key,
        photo=photo,
        position=ctx.t(position),
        seniority=seniority,
        years_of_experience=years,
        languages=ctx.t(("English, Russian", "Русский, английский")),
        short_bio=ctx.t(people_data.BIOS[key]),
    )
    for skill, level, skill_years in skills:
        expert.competency_links.add(
            ExpertCompetency(competency=competencies[skill], level=level, years=skill_years)
        )
        cert_title, issuer = people_data.CERTIFICATES[skill]
        expert.certificates.add(
            Certificate(
                title=cert_title,
                issuer=issuer,
                year=2025 - rng.randint(0, skill_years),
                credential_url="https://example.com/credentials/" + key,
            )
        )
    for kind, title, venue, year, month in people_data.PUBLICATIONS[key]:
        expert.publications.add(
            Publication(
                kind=kind, title=ctx.t(title), venue=venue, date=datetime.date(year, month, 1)
            )
        )
    return expert


def generated_expert(ctx: Seeding, number: int, rng: random.Random, covers) -> ExpertPage:
    """One generated expert for ``--scale`` (unsaved)."""
    return ExpertPage(
        title=ctx.t((f"Expert {number + 1}", f"Эксперт {number + 1}")),
        slug=f"{GENERATED_PREFIX}expert-{number + 1}",
        position=ctx.t(("Engineer", "Инженер")),
        short_bio=ctx.t(("A generated expert.", "Сгенерированный эксперт.")),
        seniority=rng.choice(["middle", "senior", "lead"]),
        years_of_experience=rng.randint(2, 20),
        photo=rng.choice(covers),
    )
