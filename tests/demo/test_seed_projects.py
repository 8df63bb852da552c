"""seed_demo shows the portfolio loop of projects: cases made from won deals, client-confirmed
results on a published case, a confirmation waiting, and the experts' workload computed from
the accepted proposals' assignments (one expert over 100 % in some week)."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from cases.models import CasePage
from leads.models import Activity
from projects.models import Assignment, ClientConfirmation, ExpertCapacity, Project
from projects.selectors import workload_by_week


def loop_counts() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "cases": CasePage.objects.count(),
        "confirmations": ClientConfirmation.objects.count(),
        "assignments": Assignment.objects.count(),
        "capacities": ExpertCapacity.objects.count(),
        "timeline": Activity.objects.filter(data__source="projects").count(),
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", lang="en", verbosity=0)


def test_cases_come_from_won_deals_and_clients_confirmed_some(seeded, client):
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


def test_workload_is_computed_and_seeding_twice_adds_nothing(seeded):
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


def test_russian_demo_confirmation_in_russian(db):
    call_command("seed_demo", lang="ru", verbosity=0)
    case = CasePage.objects.live().get(visibility="public", results_confirmed_on__isnull=False)
    assert "хранилище" in case.summary
    draft = CasePage.objects.filter(project__isnull=False, live=False).first()
    assert "Клиент" in draft.client_description or "клиент" in draft.client_description
