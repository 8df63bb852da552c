"""``manage.py rebuild_deal_facts``: write again, from every deal's services and their types, the
table of each deal's service types (the segments report's "by service type"), and every deal's
facts row (its dates, amount and groups as the core figures read them). Deals and links
written without their models' signals (``bulk_create``: imports, fixtures) need it; services and
deals changed through the models keep it up to date by themselves."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from analytics import deal_facts


class Command(BaseCommand):
    help = "Rebuild each deal's service types and facts row."

    def handle(self, *args, **options):
        with transaction.atomic():
            written = deal_facts.rebuild()
            counted = deal_facts.rebuild_facts()
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s service types of deals recorded") % {"count": written})
        )
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s deals recorded for the figures") % {"count": counted})
        )
