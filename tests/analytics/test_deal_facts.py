"""The tables of each deal's service types and of its facts (``analytics.deal_facts``). The service types, which the segments report's
"by service type" groups, follows the deals and the services: a deal created with services, its
services changed (from either side), a service's types changed (from either side, and as
modelcluster commits them when the page is saved), a service or a deal deleted; bulk writes are
repaired by the rebuild and the migration fills the same rows. The facts row (what the core
figures count and group) follows the deal, and says what the deal's page views say."""

from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.redirects.models import Redirect

import pytest

from analytics import deal_facts, page_views
from analytics.models import DealFacts, DealServiceType
from catalog.models import ServiceType
from leads.models import Contact, Deal
from leads.services import contact_erase
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here
from tests.builders import migration_executor

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
    executor = migration_executor()
    state = executor.loader.project_state(("analytics", "0002_deal_service_types"))
    migration = executor.loader.get_migration("analytics", "0002_deal_service_types")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    assert _all() == expected
    DealServiceType.objects.all().delete()
    deal_facts.refresh(Deal.objects.values_list("pk", flat=True))
    assert _all() == expected


FACT_COLUMNS = (
    "deal_id",
    "pipeline_id",
    "owner_id",
    "status",
    "created_at",
    "closed_at",
    "amount",
    "currency",
    "channel",
    "first_source",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "landing_path",
)


def _facts(deal) -> dict | None:
    return DealFacts.objects.filter(deal_id=deal.pk).values(*FACT_COLUMNS[1:]).first()


def _all_facts() -> list[tuple]:
    return sorted(DealFacts.objects.values_list(*FACT_COLUMNS))


def test_a_deal_s_facts_follow_it(history, django_user_model):
    """Every deal has a facts row from its creation, with the sources report's expressions
    stored (first-touch source, last-touch UTM tags, landing path, channel): written again when
    any of its fields changes, not at a move between open stages; its sources emptied by the
    contact's erasure; its owner emptied with the user; gone with the deal."""
    deal = _deal(history)
    facts = _facts(deal)
    assert facts is not None  # no visit, still counted
    assert (facts["status"], facts["amount"], facts["currency"]) == ("open", Decimal("100"), "RUB")
    assert (facts["first_source"], facts["landing_path"], facts["channel"]) == (None, None, None)
    assert facts["pipeline_id"] == history.pipeline.pk
    deal.first_touch = {"utm": {"utm_source": "google"}}
    deal.utm = {"utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": ""}
    deal.landing_page = "https://example.com/cases/x/?utm_source=google#top"
    deal.source = "website"
    deal.save()
    facts = _facts(deal)
    assert (facts["first_source"], facts["landing_path"], facts["channel"]) == (
        "google",
        "/cases/x/",
        "website",
    )
    assert (facts["utm_source"], facts["utm_medium"], facts["utm_campaign"]) == (
        "yandex",
        "cpc",
        None,
    )
    deal = Deal.objects.get(pk=deal.pk)
    deal.first_touch = {"utm": {"utm_source": ""}}
    deal.landing_page = "https://example.com"
    deal.save()
    assert (_facts(deal)["first_source"], _facts(deal)["landing_path"]) == (None, "/")
    deal = Deal.objects.get(pk=deal.pk)
    deal.stage = history.stages["S2"]
    with CaptureQueriesContext(connection) as queries:
        deal.save()
    assert not [query for query in queries if "analytics_dealfacts" in query["sql"]]
    owner = django_user_model.objects.create_user("owner-facts")
    deal = Deal.objects.get(pk=deal.pk)
    deal.owner, deal.amount, deal.currency = owner, Decimal("250.50"), "USD"
    deal.save(update_fields=["owner", "amount", "currency"])
    facts = _facts(deal)
    assert (facts["owner_id"], facts["amount"], facts["currency"]) == (
        owner.pk,
        Decimal("250.50"),
        "USD",
    )
    deal = Deal.objects.get(pk=deal.pk)
    deal.stage = history.stages["W"]
    deal.status, deal.closed_at = "won", deal.created_at
    deal.save()
    assert (_facts(deal)["status"], _facts(deal)["closed_at"]) == ("won", deal.created_at)
    owner.delete()
    assert _facts(deal)["owner_id"] is None
    contact_erase(contact=deal.contact)
    facts = _facts(deal)
    assert (facts["first_source"], facts["utm_source"], facts["landing_path"]) == (
        None,
        None,
        None,
    )
    assert facts["status"] == "won"  # still counted, without its visit
    pk = deal.pk
    deal.delete()
    assert not DealFacts.objects.filter(deal_id=pk).exists()


def test_facts_rebuild_and_migration_write_the_same_rows(history):
    """Deals written without signals are repaired by the command; the migration's fill, on the
    historical models, writes the same rows as the signals did."""
    expected = _all_facts()
    assert len(expected) == Deal.objects.count()
    assert ("google", "/services/a/") in {(row[9], row[13]) for row in expected}
    DealFacts.objects.all().delete()
    executor = migration_executor()
    state = executor.loader.project_state(("analytics", "0004_deal_facts"))
    migration = executor.loader.get_migration("analytics", "0004_deal_facts")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    assert _all_facts() == expected
    DealFacts.objects.all().delete()
    call_command("rebuild_deal_facts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _all_facts() == expected


FLAGS = ("read_content", "has_path", "landed_content")


def _flags(deal) -> tuple:
    return DealFacts.objects.filter(deal_id=deal.pk).values_list(*FLAGS).get()


def _all_flags() -> list[tuple]:
    return sorted(DealFacts.objects.values_list("deal_id", *FLAGS))


def test_the_page_view_flags_follow_the_deal_s_path(history):
    """The facts row says what the deal's page views say (the content report's totals count
    it): a content page read, any page read, a first visit landed on a content page; written
    with the rows when the path changes, emptied by the contact's erasure."""
    case_x, service_a = history.pages["case_x"], history.pages["service_a"]
    deal = _deal(history)
    assert _flags(deal) == (False, False, False)
    deal.visitor_path = [{"url": "/", "title": "Home", "at": ""}]
    deal.save()
    assert _flags(deal) == (False, True, False)
    deal = Deal.objects.get(pk=deal.pk)
    deal.visitor_path = [*deal.visitor_path, {"url": case_x.url, "title": "X", "at": ""}]
    deal.first_touch = {"landing": f"https://testserver{service_a.url}"}
    deal.save()
    assert _flags(deal) == (True, True, True)
    deal = Deal.objects.get(pk=deal.pk)
    deal.amount = Decimal("5")  # the facts row written again keeps them
    deal.save()
    assert _flags(deal) == (True, True, True)
    contact_erase(contact=deal.contact)
    assert _flags(deal) == (False, False, False)


def test_the_flags_are_rebuilt_and_filled_by_the_migration(history):
    """The page views' rebuild, the facts' rebuild and the migration's fill write the flags the
    receivers wrote (the landings resolve when the redirect a moved page leaves is there)."""
    Redirect.objects.create(old_path="/services/a", redirect_page=history.pages["service_a"])
    page_views.refresh(Deal.objects.values_list("pk", flat=True))
    expected = _all_flags()
    assert {row[1:] for row in expected} >= {(True, True, True), (False, False, False)}
    DealFacts.objects.update(read_content=False, has_path=False, landed_content=False)
    page_views.rebuild()
    assert _all_flags() == expected
    DealFacts.objects.update(read_content=True, has_path=False, landed_content=True)
    call_command("rebuild_deal_facts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _all_flags() == expected
    DealFacts.objects.update(read_content=False, has_path=False, landed_content=False)
    executor = migration_executor()
    state = executor.loader.project_state(("analytics", "0005_content_facts"))
    migration = executor.loader.get_migration("analytics", "0005_content_facts")
    fill = next(op for op in migration.operations if hasattr(op, "code")).code
    fill(state.apps, None)
    assert _all_flags() == expected
