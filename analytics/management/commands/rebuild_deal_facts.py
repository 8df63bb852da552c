"""``manage.py rebuild_deal_facts``: write again, from every deal's services and their types, the
table of each deal's service types (the segments report's "by service type"), and from every
deal's visit its first-touch source and landing path (the sources report's). Deals and links
written without their models' signals (``bulk_create``: imports, fixtures) need it; services and
deals changed through the models keep it up to date by themselves."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from analytics import deal_facts


class Command(BaseCommand):
    help = "Rebuild each deal's service types, first-touch source and landing path."

    def handle(self, *args, **options):
        with transaction.atomic():
            written = deal_facts.rebuild()
            touched = deal_facts.rebuild_touch()
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s service types of deals recorded") % {"count": written})
        )
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s deals' sources recorded") % {"count": touched})
        )
