"""seed_demo builds a coherent demo company, idempotently (the English demo; the Russian one in
``test_seed_demo_ru.py``). The company is seeded once for the module (``demo_en``, rolled back to
after each test): the company and its sales flow, the portfolio loop of projects, the pipeline
history's dates, the realism rules, and a second run or a ``--scale`` run on top of it."""

import datetime
from collections import defaultdict

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from cases.models import CasePage
from catalog.models import ServiceCategory, ServicePage, ServiceType
from experts.models import ExpertPage
from leads.models import Activity, Deal, StageChange, Task
from projects.models import Assignment, ClientConfirmation, ExpertCapacity, Project
from projects.selectors import workload_by_week
from proposals.models import Proposal
from tests.demo.realism import assert_reads_like_a_real_company


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


def test_demo_company_is_complete_and_second_run_changes_nothing(demo_en, db, client):
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


def test_scale_adds_generated_cases_once(demo_en, db):
    call_command("seed_demo", lang="en", scale=20, verbosity=0)
    generated = CasePage.objects.filter(slug__startswith="generated-")
    assert generated.count() == 20
    call_command("seed_demo", lang="en", scale=20, verbosity=0)
    assert generated.count() == 20


def test_reads_like_a_real_company(demo_en, db):
    assert_reads_like_a_real_company("en")


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


# The portfolio loop of projects: cases made from won deals, client-confirmed results on a
# published case, a confirmation waiting, and the experts' workload computed from the accepted
# proposals' assignments (one expert over 100 % in some week).


def loop_counts() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "cases": CasePage.objects.count(),
        "confirmations": ClientConfirmation.objects.count(),
        "assignments": Assignment.objects.count(),
        "capacities": ExpertCapacity.objects.count(),
        "timeline": Activity.objects.filter(data__source="projects").count(),
    }


def test_cases_come_from_won_deals_and_clients_confirmed_some(demo_en, db, client):
    projects = Project.objects.filter(case__isnull=False).select_related("deal", "case")
    assert projects.count() >= 4
    assert all(project.deal.status == "won" for project in projects)
    confirmed = CasePage.objects.live().filter(
        results_confirmed_on__isnull=False, project__isnull=False
    )
    assert confirmed.count() == 2
    assert set(confirmed.values_list("visibility", flat=True)) == {"public", "anonymised"}
    for case in confirmed:
        html = client.get(case.url).content.decode()
        assert "Results confirmed by the client" in html
        assert case.testimonial_quote in html
        # the editor rewrote the draft's starting notes before publishing
        assert "starting notes" not in html
    anonymised = confirmed.get(visibility="anonymised")
    assert anonymised.client_name not in client.get(anonymised.url).content.decode()

    answered = ClientConfirmation.objects.filter(answered_at__isnull=False)
    assert answered.count() == 3
    assert all(c.consent_text and c.consent_at and c.consent_ip for c in answered)
    waiting_editor = answered.exclude(case__live=True).get()
    assert not waiting_editor.case.live
    assert waiting_editor.case.get_latest_revision().pk == waiting_editor.revision_id
    # still a draft: an unpublished case has no public page
    assert client.get(waiting_editor.case.url or "/cases/none/").status_code == 404

    waiting_client = ClientConfirmation.objects.filter(answered_at__isnull=True).get()
    assert waiting_client.token and waiting_client.revoked_at is None
    page = client.get(f"/c/{waiting_client.token}/")
    assert page.status_code == 200
    # drafts not (yet) asked: plain internal drafts
    assert CasePage.objects.filter(project__isnull=False, live=False).count() >= 3


def test_workload_is_computed_and_seeding_twice_adds_nothing(demo_en, db):
    assert Assignment.objects.exists()
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    experts = set(Assignment.objects.values_list("expert_id", flat=True))
    loads = workload_by_week(experts=experts, start=monday - datetime.timedelta(weeks=3), weeks=16)
    this_week = {expert: weeks[3] for expert, weeks in loads.items()}
    assert any(week.computed_percent > 0 for week in this_week.values())
    assert any(week.computed_percent > 100 for weeks in loads.values() for week in weeks)
    part_timer = ExpertCapacity.objects.get(expert__slug="belov")
    assert part_timer.hours_per_week == 24
    override = ExpertCapacity.objects.get(override_percent__isnull=False)
    assert override.override_reason and override.override_until > timezone.localdate()

    # seeding twice adds nothing to the loop
    before = loop_counts()
    assert all(before.values()), before
    call_command("seed_demo", lang="en", verbosity=0)
    assert loop_counts() == before


# The demo's pipeline history is consistent in time, so "Time in stage", the win dates and the
# cycle read it as it happened: for every seeded deal (the sixty made through the leads services
# and the generated year of history), its stage changes run from its creation to its closing, each
# move's ``from_stage_since`` is the previous move's time, and the last move is the deal's current
# stage, entered at ``stage_entered_at`` (= ``closed_at`` for a closed deal).


def history_problems() -> dict[str, list[int]]:
    """Each kind of inconsistency with the deals showing it (empty when all is well)."""
    changes = defaultdict(list)
    for change in StageChange.objects.order_by("deal_id", "changed_at", "pk"):
        changes[change.deal_id].append(change)
    problems = defaultdict(list)
    for deal in Deal.objects.all():
        rows = changes[deal.pk]
        if not rows:
            problems["no stage change"].append(deal.pk)
            continue
        first, last = rows[0], rows[-1]
        if first.from_stage_id is not None or first.changed_at != deal.created_at:
            problems["first change is not the creation"].append(deal.pk)
        for previous, change in zip(rows, rows[1:], strict=False):
            if change.from_stage_id != previous.to_stage_id:
                problems["from_stage is not the previous to_stage"].append(deal.pk)
            if change.from_stage_since != previous.changed_at:
                problems["from_stage_since is not the previous change"].append(deal.pk)
        if any(change.changed_at < deal.created_at for change in rows):
            problems["change before created_at"].append(deal.pk)
        if deal.closed_at is not None and any(c.changed_at > deal.closed_at for c in rows):
            problems["change after closed_at"].append(deal.pk)
        if deal.closed_at is not None and last.changed_at != deal.closed_at:
            problems["closing change is not at closed_at"].append(deal.pk)
        if last.to_stage_id != deal.stage_id or last.changed_at != deal.stage_entered_at:
            problems["last change is not the current stage"].append(deal.pk)
    return dict(problems)


def test_every_demo_stage_change_agrees_with_its_deals_dates(demo_en, db):
    history = Deal.objects.filter(contact__email__endswith="@history.example")
    assert history.exists() and Deal.objects.exclude(pk__in=history).exists()
    assert Deal.objects.filter(status="won").exclude(pk__in=history).exists()
    assert Deal.objects.filter(status="lost").exclude(pk__in=history).exists()
    assert history_problems() == {}
