"""The experts' workload: an accepted proposal books its team on its dated phases; each ISO
week's load is the booked hours over the expert's capacity (partial weeks by working days, a
manager's override until its end date, lost deals left out); the builder and the Team workload
screen read it."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from leads.choices import DealStatus
from leads.models import Deal
from projects import selectors
from projects.models import Assignment, ExpertCapacity
from projects.services.workload import (
    assignments_from_proposal,
    expert_capacity_set,
    expert_override_clear,
    expert_override_set,
)
from proposals import services as proposal_services
from proposals.choices import ProposalStatus
from proposals.models import Proposal, ProposalExpert, ProposalPhase
from proposals.selectors import expert_suggestions
from tests.leads.conftest import VALID, manager, sales_users  # noqa: F401 - shared fixtures
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here
from tests.proposals.conftest import deal, draft  # noqa: F401 - shared fixtures

MONDAY = datetime.date(2030, 3, 4)  # a Monday far enough ahead for overrides to be valid


def day(offset: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=offset)


def plan(proposal, portfolio, *, phases, team):
    """Replace the draft's phases and team: ``phases`` = [(start, end)], ``team`` = [(expert
    index, values)]."""
    proposal.phases.all().delete()
    proposal.chosen_experts.all().delete()
    for order, (start, end) in enumerate(phases):
        ProposalPhase.objects.create(
            proposal=proposal,
            name=f"Phase {order + 1}",
            starts_on=start,
            ends_on=end,
            sort_order=order,
        )
    for order, (index, values) in enumerate(team):
        ProposalExpert.objects.create(
            proposal=proposal, expert=portfolio.experts[index], sort_order=order, **values
        )


def accept(proposal) -> Proposal:
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save(update_fields=["status"])  # what proposal_accept saves
    return proposal


def percents(expert, weeks=3, start=MONDAY):
    return [
        w.percent
        for w in selectors.workload_by_week(experts=[expert.pk], start=start, weeks=weeks)[
            expert.pk
        ]
    ]


def test_accepting_books_each_member_on_their_dated_phases(draft, portfolio):  # noqa: F811
    plan(
        draft,
        portfolio,
        phases=[(day(0), day(11)), (day(14), day(25)), (None, None)],
        team=[
            (0, {"hours_per_week": Decimal(20), "phase_number": 2, "role": "Lead"}),
            (1, {"share_percent": 50}),
            (2, {}),  # neither hours nor share: nothing says how much
        ],
    )
    assert not Assignment.objects.exists()  # a draft books nobody

    accept(draft)

    booked = sorted(
        Assignment.objects.values_list("expert_id", "phase_name", "hours_per_week", "share_percent")
    )
    assert booked == sorted(
        [
            (portfolio.experts[0].pk, "Phase 2", Decimal(20), None),
            (portfolio.experts[1].pk, "Phase 1", None, 50),
            (portfolio.experts[1].pk, "Phase 2", None, 50),
        ]
    )
    # idempotent: accepting again, or the service run twice, books the same
    accept(draft)
    assignments_from_proposal(proposal=draft)
    assert Assignment.objects.count() == 3


def test_the_real_acceptance_books_the_team(draft, portfolio):  # noqa: F811
    plan(draft, portfolio, phases=[(day(0), day(4))], team=[(0, {"hours_per_week": 10})])
    sent = proposal_services.proposal_send(proposal=draft, user=draft.deal.owner)
    proposal_services.proposal_accept(
        proposal=sent, name="Anna", position="CTO", ip_address="127.0.0.1"
    )
    assert percents(portfolio.experts[0], weeks=1) == [25]


def test_partial_weeks_count_their_working_days_and_overlaps_add_up(draft, portfolio):  # noqa: F811
    plan(
        draft,
        portfolio,
        # Wednesday of week 1 to Wednesday of week 2, and all of week 2 (overlapping)
        phases=[(day(2), day(9)), (day(7), day(13))],
        team=[(0, {"hours_per_week": 40})],
    )
    accept(draft)
    # week 1: Wed-Fri = 3/5 of 40 h; week 2: Mon-Wed 3/5 of 40 + the whole 40; week 3: none
    assert percents(portfolio.experts[0]) == [60, 160, 0]
    week = selectors.workload_by_week(experts=[portfolio.experts[0].pk], start=day(8), weeks=1)
    assert week[portfolio.experts[0].pk][0].hours == Decimal(64)


def test_a_weekend_only_phase_loads_nothing(draft, portfolio):  # noqa: F811
    plan(draft, portfolio, phases=[(day(5), day(6))], team=[(0, {"hours_per_week": 40})])
    accept(draft)
    assert percents(portfolio.experts[0], weeks=1) == [0]


def test_hours_stay_fixed_while_a_share_follows_the_capacity(draft, portfolio, manager):  # noqa: F811
    plan(
        draft,
        portfolio,
        phases=[(day(0), day(4))],
        team=[(0, {"hours_per_week": 20}), (1, {"share_percent": 50})],
    )
    accept(draft)
    assert percents(portfolio.experts[0], weeks=1) == [50]
    assert percents(portfolio.experts[1], weeks=1) == [50]

    for expert in portfolio.experts[:2]:
        expert_capacity_set(expert=expert, hours_per_week="20", user=manager)

    assert percents(portfolio.experts[0], weeks=1) == [100]  # 20 h of a 20 h week
    assert percents(portfolio.experts[1], weeks=1) == [50]  # half of whatever the week is


def test_an_override_stands_until_its_end_date_then_ends_by_itself(draft, portfolio, manager):  # noqa: F811
    plan(draft, portfolio, phases=[(day(0), day(20))], team=[(0, {"hours_per_week": 10})])
    accept(draft)
    expert = portfolio.experts[0]

    expert_override_set(expert=expert, percent=100, reason="Leave", until=day(8), user=manager)

    loads = selectors.workload_by_week(experts=[expert.pk], start=MONDAY, weeks=3)[expert.pk]
    assert [w.percent for w in loads] == [100, 100, 25]  # the week of day 8 is still covered
    assert [w.overridden for w in loads] == [True, True, False]
    assert loads[0].computed_percent == 25
    capacity = ExpertCapacity.objects.get(expert=expert)
    assert (capacity.override_reason, capacity.updated_by) == ("Leave", manager)

    expert_override_clear(expert=expert, user=manager)
    assert percents(expert) == [25, 25, 25]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"percent": "201"}, "override_percent"),
        ({"percent": "-1"}, "override_percent"),
        ({"percent": "ten"}, "override_percent"),
        ({"reason": "  \x00 "}, "override_reason"),
        ({"reason": "x" * 256}, "override_reason"),
        ({"until": datetime.date(2001, 1, 1)}, "override_until"),
        ({"until": datetime.date(9999, 12, 31)}, "override_until"),
        ({"until": "2030-01-01"}, "override_until"),
    ],
)
def test_an_override_needs_a_sane_percent_a_reason_and_a_future_end(
    portfolio,
    manager,  # noqa: F811
    values,
    field,
):
    from django.core.exceptions import ValidationError

    arguments = {"percent": "50", "reason": "Internal project", "until": day(30)} | values
    with pytest.raises(ValidationError) as error:
        expert_override_set(expert=portfolio.experts[0], user=manager, **arguments)
    assert field in error.value.message_dict
    assert not ExpertCapacity.objects.filter(override_percent__isnull=False).exists()


@pytest.mark.parametrize("hours", ["0", "80.5", "NaN", "Infinity", "1e9", "", "\x00"])
def test_a_capacity_outside_1_to_80_hours_is_refused(portfolio, manager, hours):  # noqa: F811
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        expert_capacity_set(expert=portfolio.experts[0], hours_per_week=hours, user=manager)
    assert not ExpertCapacity.objects.exists()


def test_the_proposal_of_a_lost_deal_drops_out(draft, portfolio):  # noqa: F811
    plan(draft, portfolio, phases=[(day(0), day(4))], team=[(0, {"hours_per_week": 40})])
    accept(draft)
    assert percents(portfolio.experts[0], weeks=1) == [100]

    Deal.objects.filter(pk=draft.deal_id).update(status=DealStatus.LOST)

    assert percents(portfolio.experts[0], weeks=1) == [0]


def test_available_from_is_the_first_week_under_100(draft, portfolio):  # noqa: F811
    plan(draft, portfolio, phases=[(day(0), day(18))], team=[(0, {"hours_per_week": 48})])
    accept(draft)
    expert = portfolio.experts[0]

    found = selectors.expert_availability(expert_ids=[expert.pk], start=day(2), end=day(9))

    assert found[expert.pk].peak_percent == 120
    assert found[expert.pk].peak_week == MONDAY
    assert found[expert.pk].available_from == day(21)  # week 3 is 4/5 booked: 96 %


def test_the_builder_puts_a_booked_expert_last(draft, portfolio):  # noqa: F811
    # experts 0 and 2 have the first service's competency; book expert 0 in March 2030
    plan(draft, portfolio, phases=[(day(0), day(25))], team=[(0, {"hours_per_week": 48})])
    accept(draft)

    ranked = expert_suggestions(services=[portfolio.services[0]], period=(day(0), day(25)))

    assert [s.expert.pk for s in ranked] == [portfolio.experts[2].pk, portfolio.experts[0].pk]
    assert ranked[1].overbooked
    assert any("Booked 120 % in March 2030" in reason for reason in ranked[1].reasons)
    later = expert_suggestions(services=[portfolio.services[0]], period=(day(35), day(40)))
    assert not any(s.overbooked for s in later)


# ---- the Team workload screen ------------------------------------------------------------


def signed_in(client, group: str | None, name: str = "someone"):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


INDEX = "projects_workload:index"


def edit_url(expert_id) -> str:
    return reverse("projects_workload:edit", args=[expert_id])


def test_sales_read_the_screen_without_edit_links(client, draft, portfolio):  # noqa: F811
    plan(draft, portfolio, phases=[(day(0), day(4))], team=[(0, {"hours_per_week": 40})])
    accept(draft)
    signed_in(client, "Sales")

    page = client.get(reverse(INDEX))

    assert page.status_code == 200
    text = page.content.decode()
    assert portfolio.experts[0].title in text and "Available from" in text
    assert edit_url(portfolio.experts[0].pk) not in text
    assert client.get(edit_url(portfolio.experts[0].pk)).status_code == 302  # no permission
    refused = client.post(
        edit_url(portfolio.experts[0].pk), {"action": "capacity", "hours_per_week": "10"}
    )
    assert refused.status_code == 302 and not ExpertCapacity.objects.exists()


@pytest.mark.parametrize("group", [None, "Editors"])
def test_others_cannot_reach_the_screen(client, portfolio, group):
    if group is None:
        response = client.get(reverse(INDEX))
        assert response.status_code == 302 and "/login/" in response.url
        return
    signed_in(client, group)
    assert client.get(reverse(INDEX)).status_code == 302  # Wagtail's "permission denied"
    assert client.get(edit_url(portfolio.experts[0].pk)).status_code == 302


def test_a_manager_sets_capacity_and_override_and_sees_them(client, portfolio):
    signed_in(client, "Sales managers")
    expert = portfolio.experts[1]

    saved = client.post(edit_url(expert.pk), {"action": "capacity", "hours_per_week": "20"})
    assert saved.status_code == 302
    client.post(
        edit_url(expert.pk),
        {
            "action": "override",
            "override_percent": "150",
            "override_reason": "Internal audit",
            "override_until": day(10).isoformat(),
        },
    )

    capacity = ExpertCapacity.objects.get(expert=expert)
    assert (capacity.hours_per_week, capacity.override_percent) == (Decimal(20), 150)
    text = client.get(reverse(INDEX)).content.decode()
    assert "Internal audit" in text and edit_url(expert.pk) in text


@pytest.mark.parametrize(
    "data",
    [
        {"action": "capacity", "hours_per_week": "0"},
        {"action": "capacity", "hours_per_week": "1" * 40},
        {"action": "capacity", "hours_per_week": "4\x000"},
        {
            "action": "override",
            "override_percent": "50",
            "override_reason": "",
            "override_until": "2030-03-10",
        },
        {
            "action": "override",
            "override_percent": "50",
            "override_reason": "Leave",
            "override_until": "2001-01-01",
        },
        {
            "action": "override",
            "override_percent": "9" * 30,
            "override_reason": "Leave",
            "override_until": "2030-03-10",
        },
        {
            "action": "override",
            "override_percent": "50",
            "override_reason": "Le\x00ave",
            "override_until": "99999-01-01",
        },
        {"action": "nonsense"},
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, portfolio, data):
    signed_in(client, "Sales managers")

    response = client.post(edit_url(portfolio.experts[0].pk), data)

    assert response.status_code == 200
    assert not ExpertCapacity.objects.exclude(hours_per_week=40).exists()
    assert not ExpertCapacity.objects.filter(override_percent__isnull=False).exists()


@pytest.mark.parametrize("expert_id", ["999999999999999999999999999", "0", "abc"])
def test_an_unknown_expert_is_a_404(client, portfolio, expert_id):
    signed_in(client, "Sales managers")
    assert client.get(edit_url(expert_id)).status_code == 404


def test_the_screen_runs_the_same_queries_whatever_the_bookings(
    client,
    draft,  # noqa: F811
    portfolio,
):
    signed_in(client, "Sales")

    def queries() -> int:
        client.get(reverse(INDEX))  # warm the session and the site caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(INDEX)).status_code == 200
        return len(captured)

    few = queries()
    plan(
        draft,
        portfolio,
        phases=[(day(7 * n), day(7 * n + 4)) for n in range(10)],
        team=[(index, {"hours_per_week": 10}) for index in range(3)],
    )
    accept(draft)
    assert Assignment.objects.count() == 30
    assert queries() == few
