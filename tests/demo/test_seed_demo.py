"""seed_demo builds a coherent demo company, idempotently, in English or Russian."""

import datetime

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from cases.models import CasePage
from catalog.models import ServiceCategory, ServicePage, ServiceType
from experts.models import ExpertPage
from home.models import HomePage
from leads.models import Deal, Task
from proposals.models import Proposal


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "home", "catalog", "cases", "experts", "wagtailcore", "wagtailimages"}
    }


def assert_sales_demo_follows_the_flow():
    """Sent, opened, accepted and declined proposals; accepted totals on their deals, which stand
    at their pipeline's "accepted" stage; no open task on a closed deal; a year of history."""
    states = set(Proposal.objects.values_list("status", flat=True))
    assert {"sent", "viewed", "accepted", "declined"} <= states
    for proposal in Proposal.objects.filter(status="accepted").select_related("deal__stage"):
        deal = proposal.deal
        assert (deal.amount, deal.currency) == (proposal.total, proposal.currency)
        assert deal.stage.proposal_milestone == "accepted" or deal.stage.kind == "won"
    # a declined proposal gives its owner a task, cancelled when the deal is lost (the year of
    # history's declined proposals are all on lost deals)
    for proposal in Proposal.objects.filter(status="declined", deal__status="open"):
        assert proposal.deal.tasks.open().filter(title__contains=proposal.number).exists()
    assert not Task.objects.open().exclude(deal__status="open").filter(deal__isnull=False).exists()
    assert (
        Deal.objects.filter(status="won").exists() and Deal.objects.filter(status="lost").exists()
    )
    history = Deal.objects.filter(contact__email__endswith="@history.example")
    assert 150 <= history.count() <= 300
    assert history.filter(created_at__lt=timezone.now() - datetime.timedelta(days=300)).exists()
    assert history.filter(lost_reason__isnull=False).values("lost_reason").distinct().count() >= 4
    assert history.exclude(visitor_path=[]).exists()
    assert {"accepted", "declined", "expired", "viewed"} <= set(
        Proposal.objects.filter(deal__in=history).values_list("status", flat=True)
    )


def test_demo_company_is_complete_and_second_run_changes_nothing(db, client):
    call_command("seed_demo", lang="en", verbosity=0)

    assert ServicePage.objects.live().count() >= 10
    assert ServiceCategory.objects.filter(services__isnull=False).distinct().count() >= 4
    used_types = set(
        ServiceType.objects.filter(services__isnull=False).values_list("code", flat=True)
    )
    assert used_types == {"b2b", "b2c", "subscription", "project", "one_off"}
    cases = CasePage.objects.live()
    assert cases.count() >= 24
    assert all(case.metrics.exists() for case in cases)
    assert cases.exclude(testimonial_quote="").count() >= 10
    assert cases.filter(visibility="anonymised").exists()
    assert cases.filter(visibility="internal").exists()
    experts = ExpertPage.objects.live()
    assert experts.count() >= 10
    assert all(
        e.competency_links.exists() and e.certificates.exists() and e.publications.exists()
        for e in experts
    )
    assert all(page.image_id for page in ServicePage.objects.all())

    assert_sales_demo_follows_the_flow()
    assert_facts_match_the_deals()

    before = row_counts()
    call_command("seed_demo", lang="en", verbosity=0)
    assert row_counts() == before

    home = client.get("/")
    assert home.status_code == 200
    assert "Northwind Digital" in home.content.decode()


def test_russian_demo_company(db, client):
    call_command("seed_demo", lang="ru", verbosity=0)
    assert HomePage.objects.get().title == "Нордвинд Диджитал"
    assert ServicePage.objects.filter(title="Разработка интернет-магазина").exists()
    html = client.get("/services/ecommerce/").content.decode()
    assert "Разработка интернет-магазина" in html


def test_scale_adds_generated_cases_once(db):
    call_command("seed_demo", lang="en", scale=20, verbosity=0)
    generated = CasePage.objects.filter(slug__startswith="generated-")
    assert generated.count() == 20
    call_command("seed_demo", lang="en", scale=20, verbosity=0)
    assert generated.count() == 20


def assert_facts_match_the_deals():
    """The analytics facts rows say what the deals say, though the demo back-dates its deals
    with ``update()`` (no signal): what a fresh computation from the deals would write."""
    from analytics import deal_facts
    from analytics.models import DealFacts

    models = deal_facts.live_models()
    fields = ("deal_id", *deal_facts.COPIED, "channel", "first_source", "landing_path")
    fresh = sorted(
        tuple(row[name] for name in fields) for row in deal_facts._facts(models, Deal.objects.all())
    )
    assert fresh == sorted(DealFacts.objects.values_list(*fields))
