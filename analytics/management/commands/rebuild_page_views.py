"""``manage.py rebuild_page_views``: write again, from every deal's stored path, the table of the
pages each deal's visitor read (the content report's source). Deals written without their model's
signals (``bulk_create``: the generated history, imports) and pages created or moved since need
it; the deals saved one by one keep their rows up to date by themselves."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from analytics import page_views


class Command(BaseCommand):
    help = "Rebuild the pages read by each deal's visitor (the content report's table)."

    def handle(self, *args, **options):
        def progress(done: int) -> None:
            self.stdout.write(_("%(count)s deals read") % {"count": done})

        with transaction.atomic():
            written = page_views.rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s pages read recorded") % {"count": written})
        )
