"""``manage.py seed_demo [--lang en|ru] [--scale N]``: the demo company, safe to run again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.deals import seed_deals, seed_proposals
from demo.seed import DemoSeeder, index_updates_paused


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
        seeder = DemoSeeder(lang="ru" if lang == "ru" else "en", stdout=self.stdout)
        with index_updates_paused():
            created = seeder.seed()
            deals = seed_deals()
            seed_proposals()
            if scale:
                created += seeder.seed_scale(scale)
        if created:
            self.stdout.write(
                f"Created {created} pages; updating the search and reference indexes…"
            )
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({created} new pages, {deals} new deals).")
        )
