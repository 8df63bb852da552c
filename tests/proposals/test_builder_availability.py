"""The builder ranks experts by how free they are over the proposal's phases (the load comes
from projects through proposals.availability), and the team's hours and the phases' dates are
entered, checked and carried to a new version."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from proposals import availability, services
from proposals.availability import Availability
from proposals.models import Proposal, ProposalExpert, ProposalPhase
from proposals.selectors import expert_suggestions
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


@pytest.fixture
def provider(monkeypatch):
    """A stand-in for projects' provider: the loads a test sets, and the periods asked."""
    loads: dict[int, Availability] = {}
    asked: list[tuple[datetime.date, datetime.date]] = []

    def answer(*, expert_ids, start, end):
        asked.append((start, end))
        return {pk: loads[pk] for pk in expert_ids if pk in loads}

    monkeypatch.setattr(availability, "_PROVIDERS", [answer])
    answer.loads, answer.asked = loads, asked
    return answer


def kubernetes_experts(portfolio):
    """Experts 0 and 2 share the first service's competency at the same level."""
    return portfolio.experts[0], portfolio.experts[2]


def test_a_fully_booked_expert_comes_after_a_free_one_with_the_reason(provider, portfolio):
    busy, free = kubernetes_experts(portfolio)
    provider.loads[busy.pk] = Availability(
        busy.pk, 120, datetime.date(2027, 3, 1), datetime.date(2027, 4, 5)
    )
    provider.loads[free.pk] = Availability(free.pk, 0, None, datetime.date(2027, 2, 1))

    first, second = expert_suggestions(services=[portfolio.services[0]])

    assert (first.expert.pk, second.expert.pk) == (free.pk, busy.pk)
    assert not first.overbooked and second.overbooked
    assert "Free over the period" in first.reasons
    assert any(
        "Booked 120 % in March 2027" in reason and "available from" in reason
        for reason in second.reasons
    )


def test_the_overbooked_go_last_even_when_more_skilled(provider, portfolio):
    busy, free = kubernetes_experts(portfolio)
    link = busy.competency_links.get()
    link.level = 4
    link.save()
    provider.loads[busy.pk] = Availability(busy.pk, 100, datetime.date(2027, 3, 1), None)
    provider.loads[free.pk] = Availability(free.pk, 60, datetime.date(2027, 3, 8), None)

    ranked = expert_suggestions(services=[portfolio.services[0]])

    assert [s.expert.pk for s in ranked] == [free.pk, busy.pk]
    assert any("not available within a year" in reason for reason in ranked[1].reasons)
    assert any("Booked up to 60 %" in reason for reason in ranked[0].reasons)


def test_without_a_provider_experts_are_ranked_by_competency_only(monkeypatch, portfolio):
    monkeypatch.setattr(availability, "_PROVIDERS", [])
    ranked = expert_suggestions(services=[portfolio.services[0]])
    assert {s.expert.pk for s in ranked} == {e.pk for e in kubernetes_experts(portfolio)}
    assert all(s.availability is None and not s.overbooked for s in ranked)
    assert not any("Workload" in reason for s in ranked for reason in s.reasons)


def test_the_builder_asks_for_the_phases_period_else_the_next_four_weeks(
    provider, owner_client, draft
):
    draft.chosen_experts.all().delete()  # so every expert is suggested
    owner_client.get(reverse("proposals_admin:detail", args=[draft.pk]))
    today = timezone.localdate()
    assert provider.asked[-1] == (today, today + datetime.timedelta(days=27))

    ProposalPhase.objects.create(
        proposal=draft,
        name="Build",
        starts_on=datetime.date(2027, 3, 10),
        ends_on=datetime.date(2027, 4, 30),
    )
    ProposalPhase.objects.create(
        proposal=draft,
        name="Audit",
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 2, 20),
    )
    ProposalPhase.objects.create(proposal=draft, name="Support")  # no dates: not counted
    page = owner_client.get(reverse("proposals_admin:detail", args=[draft.pk]))

    assert provider.asked[-1] == (datetime.date(2027, 2, 1), datetime.date(2027, 4, 30))
    assert page.status_code == 200


def test_the_builder_marks_a_fully_booked_expert(provider, owner_client, draft, portfolio):
    draft.chosen_experts.all().delete()
    busy, _free = kubernetes_experts(portfolio)
    provider.loads[busy.pk] = Availability(busy.pk, 150, datetime.date(2027, 3, 1), None)

    page = owner_client.get(reverse("proposals_admin:detail", args=[draft.pk])).content.decode()

    assert "Fully booked" in page
    assert "Booked 150 % in March 2027" in page


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        (datetime.date(2027, 3, 10), datetime.date(2027, 3, 9), "ends_on"),
        (datetime.date(2027, 3, 10), None, "ends_on"),
        (None, datetime.date(2027, 3, 10), "starts_on"),
        (datetime.date(1000, 1, 1), datetime.date(2027, 3, 10), "starts_on"),
    ],
)
def test_phase_dates_are_checked(draft, starts_on, ends_on, field):
    phase = ProposalPhase(proposal=draft, name="Build", starts_on=starts_on, ends_on=ends_on)
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"hours_per_week": Decimal("-1")}, "hours_per_week"),
        ({"hours_per_week": Decimal("81")}, "hours_per_week"),
        ({"share_percent": 101}, "share_percent"),
        ({"phase_number": 0}, "phase_number"),
    ],
)
def test_team_hours_are_checked(draft, portfolio, values, field):
    member = ProposalExpert(proposal=draft, expert=portfolio.experts[0], **values)
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert field in error.value.message_dict


def edit(client, proposal, *, phases, team):
    data = nested_form_data(
        {
            "title": proposal.title,
            "valid_until": "",
            "currency": "RUB",
            "introduction": "",
            "terms": "",
            "discount_percent": "0",
            "tax_rate": "0",
            "lines": inline_formset([]),
            "phases": inline_formset(phases),
            "chosen_cases": inline_formset([]),
            "chosen_experts": inline_formset(team),
        }
    )
    return client.post(reverse("proposals_admin:edit", args=[proposal.pk]), data)


def test_the_edit_form_saves_dates_and_hours_and_refuses_a_missing_phase(
    owner_client, draft, portfolio
):
    draft.chosen_experts.all().delete()
    draft.lines.all().delete()
    phase = {"name": "Build", "duration": "", "deliverables": ""}
    phase |= {"starts_on": "2027-03-01", "ends_on": "2027-03-31"}
    member = {"expert": portfolio.experts[0].pk, "role": "Lead", "hours_per_week": "20"}
    member |= {"share_percent": "", "phase_number": "2"}

    refused = edit(owner_client, draft, phases=[phase], team=[member])

    assert refused.status_code == 200
    assert "There is no phase 2: the proposal has 1." in refused.content.decode()
    assert not ProposalExpert.objects.filter(proposal=draft).exists()

    saved = edit(owner_client, draft, phases=[phase], team=[member | {"phase_number": "1"}])

    assert saved.status_code == 302
    stored = ProposalExpert.objects.get(proposal=draft)
    assert (stored.hours_per_week, stored.phase_number) == (Decimal(20), 1)
    stored_phase = ProposalPhase.objects.get(proposal=draft)
    assert (stored_phase.starts_on, stored_phase.ends_on) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
    )


def test_a_new_version_keeps_the_dates_and_the_hours(draft, portfolio):
    draft.chosen_experts.all().delete()
    ProposalPhase.objects.create(
        proposal=draft,
        name="Build",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 31),
    )
    ProposalExpert.objects.create(
        proposal=draft,
        expert=portfolio.experts[0],
        hours_per_week=Decimal("12.5"),
        share_percent=None,
        phase_number=1,
    )
    ProposalExpert.objects.create(proposal=draft, expert=portfolio.experts[1], share_percent=50)
    Proposal.objects.filter(pk=draft.pk).update(status="sent")

    copy = services.proposal_revise(proposal=Proposal.objects.get(pk=draft.pk), user=None)

    assert list(copy.phases.values_list("starts_on", "ends_on")) == [
        (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
    ]
    assert sorted(
        copy.chosen_experts.values_list("hours_per_week", "share_percent", "phase_number"),
        key=str,
    ) == sorted([(Decimal("12.5"), None, 1), (None, 50, None)], key=str)
