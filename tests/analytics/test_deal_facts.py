"""The tables of each deal's service types and of its first-touch source and landing path
(``analytics.deal_facts``). The service types, which the segments report's
"by service type" groups, follows the deals and the services: a deal created with services, its
services changed (from either side), a service's types changed (from either side, and as
modelcluster commits them when the page is saved), a service or a deal deleted; bulk writes are
repaired by the rebuild and the migration fills the same rows. The sources follow the deal's
visit."""

from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

import pytest

from analytics import deal_facts
from analytics.models import DealServiceType, DealTouch
from catalog.models import ServiceType
from leads.models import Contact, Deal
from leads.services import contact_erase

pytestmark = pytest.mark.django_db


def _types(deal) -> list[str]:
    return sorted(
        ServiceType.objects.filter(
            pk__in=DealServiceType.objects.filter(deal=deal).values("service_type")
        ).values_list("code", flat=True)
    )


def _all() -> list[tuple]:
    return sorted(DealServiceType.objects.values_list("deal_id", "service_type_id"))


def _type(code: str) -> ServiceType:
    return ServiceType.objects.get(code=code)


def _deal(history) -> Deal:
    return Deal.objects.create(
        title="New",
        contact=Contact.objects.create(name="New", email="new@example.com"),
        pipeline=history.pipeline,
        stage=history.stages["S1"],
        amount=Decimal("100"),
    )


def test_a_deal_follows_its_services(history):
    """No service, no row; two services of one type, one row; each side of the relation."""
    service_a, service_b = history.services["A"], history.services["B"]
    service_b.service_types.add(_type("b2b"))
    service_b.save()  # a page's types are written when it is saved (modelcluster)
    deal = _deal(history)
    assert _types(deal) == []
    deal.services.set([service_a, service_b])
    assert _types(deal) == ["b2b", "project"]
    assert DealServiceType.objects.filter(deal=deal).count() == 2
    deal.services.remove(service_b)
    assert _types(deal) == ["project"]
    service_b.deals.add(deal)  # the reverse side
    assert _types(deal) == ["b2b", "project"]
    service_b.deals.clear()
    assert _types(deal) == ["project"]
    deal.services.clear()
    assert _types(deal) == []
    history.deals["D1"].services.add(service_b)
    assert _types(history.deals["D1"]) == ["b2b", "project"]


def test_a_service_s_types_follow(history):
    """A service's types changed move every deal that has it, also when the page is saved with
    its form's types (modelcluster) and from the type's side."""
    service_a = history.services["A"]
    d1 = history.deals["D1"]
    assert service_a in d1.services.all()
    assert _types(d1) == ["project"]
    service_a.service_types.add(_type("b2c"))
    assert _types(d1) == ["project"]  # not saved yet
    service_a.save()
    assert _types(d1) == ["b2c", "project"]
    service_a.service_types = [_type("subscription")]  # as the page's edit form sets them
    service_a.save()
    assert _types(d1) == ["subscription"]
    _type("one_off").services.add(service_a)
    assert _types(d1) == ["one_off", "subscription"]
    _type("one_off").services.clear()
    assert _types(d1) == ["subscription"]
    service_a.service_types.clear()
    service_a.save()
    assert _types(d1) == []
    kept = _all()
    deal_facts.rebuild()
    assert _all() == kept


def test_deleted_deals_and_services_take_their_rows(history):
    d1 = history.deals["D1"]
    pk = d1.pk
    assert DealServiceType.objects.filter(deal_id=pk).exists()
    d1.delete()
    assert not DealServiceType.objects.filter(deal_id=pk).exists()
    service_a = history.services["A"]
    assert service_a.deals.exists()
    service_a.delete()
    kept = _all()
    assert kept != [] or not Deal.objects.filter(services__service_types__isnull=False).exists()
    deal_facts.rebuild()
    assert _all() == kept  # what the receivers kept is what the deals now say


def test_an_erased_contact_keeps_the_types(history):
    """Erasing a contact empties the deals' visit, not their services: the rows stay."""
    d1 = history.deals["D1"]
    contact_erase(contact=d1.contact)
    assert _types(d1) == ["project"]


def test_rebuild_and_migration_write_the_same_rows(history):
    """Links written by bulk_create (no signal) are repaired by the command; the migration's
    fill, on the historical models, writes the same rows."""
    history.services["B"].service_types.add(_type("b2b"))
    history.services["B"].save()
    expected = _all()
    assert expected
    DealServiceType.objects.all().delete()
    call_command("rebuild_deal_facts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _all() == expected
    DealServiceType.objects.all().delete()
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(("analytics", "0002_deal_service_types"))
    migration = executor.loader.get_migration("analytics", "0002_deal_service_types")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    assert _all() == expected
    DealServiceType.objects.all().delete()
    deal_facts.refresh(Deal.objects.values_list("pk", flat=True))
    assert _all() == expected


def _touch(deal) -> tuple | None:
    row = DealTouch.objects.filter(deal=deal).values_list("first_source", "landing_path").first()
    return row


def test_a_deal_s_sources_follow_its_visit(history):
    """The first-touch source and the landing path are the sources report's expressions,
    stored: written when the deal is created with a visit, again when its visit changes, not
    at a stage move; none without a visit, after the contact's erasure or the deal's deletion."""
    deal = _deal(history)
    assert _touch(deal) is None  # no visit
    deal.first_touch = {"utm": {"utm_source": "google"}}
    deal.landing_page = "https://example.com/cases/x/?utm_source=google#top"
    deal.save()
    assert _touch(deal) == ("google", "/cases/x/")
    deal = Deal.objects.get(pk=deal.pk)
    deal.first_touch = {"utm": {"utm_source": ""}}
    deal.landing_page = "https://example.com"
    deal.save()
    assert _touch(deal) == (None, "/")
    deal = Deal.objects.get(pk=deal.pk)
    deal.stage = history.stages["S2"]
    with CaptureQueriesContext(connection) as queries:
        deal.save()
    assert not [query for query in queries if "analytics_dealtouch" in query["sql"]]
    contact_erase(contact=deal.contact)
    assert _touch(deal) is None
    d1 = history.deals["D1"]
    pk = d1.pk
    assert _touch(d1) == ("google", "/services/a/")
    d1.delete()
    assert not DealTouch.objects.filter(deal_id=pk).exists()


def test_touch_rebuild_and_migration_write_the_same_rows(history):
    expected = sorted(DealTouch.objects.values_list("deal_id", "first_source", "landing_path"))
    assert expected
    DealTouch.objects.all().delete()
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(("analytics", "0003_deal_touch"))
    migration = executor.loader.get_migration("analytics", "0003_deal_touch")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    rows = sorted(DealTouch.objects.values_list("deal_id", "first_source", "landing_path"))
    assert rows == expected
    DealTouch.objects.all().delete()
    call_command("rebuild_deal_facts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = sorted(DealTouch.objects.values_list("deal_id", "first_source", "landing_path"))
    assert rows == expected
