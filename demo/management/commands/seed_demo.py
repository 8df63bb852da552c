"""``manage.py seed_demo [--lang en|ru] [--scale N]``: the demo company, safe to run again.

The seeders (demo/seeders/, one per app, demo/deals.py for the sales data, demo/seeders/projects.py
for the delivered projects (draft cases, client confirmations, workload) and demo/history.py
for a year of sales history behind the analytics reports) run here in a
fixed order: the order is what keeps the page tree, the images and the primary keys the same
from one run to the next.
"""

import functools
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import CaseIndexPage, CasePage, Industry
from catalog.models import ServiceIndexPage, ServicePage
from demo import images
from demo.deals import seed_deals, seed_proposals
from demo.history import seed_history
from demo.seeders import cases, catalog, core, experts, leads
from demo.seeders.base import Seeding, index_updates_paused
from demo.seeders.projects import seed_projects
from experts.models import ExpertIndexPage, ExpertPage


class Command(BaseCommand):
    help = "Create the demo company (idempotent); --scale N adds N generated cases for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang", choices=["en", "ru"], default=None, help="Language of the content."
        )
        parser.add_argument(
            "--scale", type=int, default=0, help="Number of generated cases to add."
        )

    def handle(self, *args, lang=None, scale=0, verbosity=1, **options):
        from django.conf import settings

        if scale < 0:
            raise CommandError("--scale must be zero or a positive number.")
        lang = lang or settings.LANGUAGE_CODE.split("-")[0]
        ctx = Seeding(lang="ru" if lang == "ru" else "en", stdout=self.stdout)
        with index_updates_paused():
            seed_company(ctx)
            deals = seed_deals(lang=ctx.lang)
            seed_proposals(lang=ctx.lang)
            seed_projects(ctx)
            deals += seed_history(ctx.lang)
            if scale:
                seed_scale(ctx, scale)
            images.use_generated_covers()  # each demo page its own cover, from its own data
        created = ctx.created
        if created:
            self.stdout.write(
                f"Created {created} pages; updating the search and reference indexes…"
            )
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({created} new pages, {deals} new deals).")
        )


def seed_company(ctx: Seeding) -> None:
    """Site, settings, page tree, catalog, experts and cases, in one transaction."""
    with transaction.atomic():
        home = core.seed_home(ctx)
        services_index = catalog.seed_index(ctx, home)
        cases_index = cases.seed_index(ctx, home)
        experts_index = experts.seed_index(ctx, home)
        core.seed_about(ctx, home)
        leads.seed_contact_page(ctx, home)
        privacy = core.seed_privacy(ctx, home)
        core.seed_settings(ctx, home, privacy=privacy)
        categories = catalog.seed_categories(ctx)
        competencies = experts.seed_competencies(ctx)
        industries = cases.seed_industries(ctx)
        expert_pages = experts.seed_experts(ctx, experts_index, competencies)
        services = catalog.seed_services(ctx, services_index, categories, competencies)
        cases.seed_cases(ctx, cases_index, industries, services, expert_pages)


def seed_scale(ctx: Seeding, count: int) -> None:
    """Add generated cases up to ``count`` (and services and experts in proportion)."""
    home = core.home_page()
    if home is None:
        seed_company(ctx)
        home = core.home_page()
    services_index = ServiceIndexPage.objects.descendant_of(home).first()
    cases_index = CaseIndexPage.objects.descendant_of(home).first()
    experts_index = ExpertIndexPage.objects.descendant_of(home).first()
    rng = random.Random(count)
    covers = [
        images.make_image(f"Demo: generated cover {n}", images.draw_cover(f"gen{n}"), f"gen{n}.jpg")
        for n in range(12)
    ]
    new_services = ctx.generate(
        services_index, ServicePage, max(0, count // 200), catalog.generated_service, rng, covers
    )
    new_experts = ctx.generate(
        experts_index, ExpertPage, max(0, count // 100), experts.generated_expert, rng, covers
    )
    pools = (
        list(ServicePage.objects.all()) or new_services,
        list(ExpertPage.objects.all()) or new_experts,
        list(Industry.objects.all()),
    )
    build_case = functools.partial(cases.generated_case, pools=pools)
    ctx.generate(cases_index, CasePage, count, build_case, rng, covers)
