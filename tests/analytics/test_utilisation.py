"""The utilisation report: each expert's and each competency's booked share of the next 12
weeks, from the same workload selectors as the Team workload screen; a fixed number of
queries whatever the number of assignments; exported by managers only."""

import csv
import datetime
import io
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

import pytest

from analytics.base import Kind, Period, Scope
from analytics.reports import utilisation
from leads.models import Deal
from projects.models import Assignment
from projects.services.workload import expert_capacity_set, expert_override_set
from proposals.choices import ProposalStatus
from tests.leads.conftest import VALID, manager, sales_users  # noqa: F401 - shared fixtures
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here
from tests.proposals.conftest import deal, draft  # noqa: F401 - shared fixtures

MONDAY = datetime.date(2030, 3, 4)
NOW = timezone.make_aware(datetime.datetime(2030, 3, 6, 10, 0))  # a Wednesday of that week


def scope(now=NOW) -> Scope:
    return Scope(
        deals=Deal.objects.all(), period=Period(datetime.date(2030, 1, 1), MONDAY), now=now
    )


def book(proposal, expert, start, end, hours=None, share=None):
    return Assignment.objects.create(
        proposal=proposal,
        expert=expert,
        starts_on=start,
        ends_on=end,
        hours_per_week=hours,
        share_percent=share,
    )


@pytest.fixture
def accepted(draft):  # noqa: F811
    draft.chosen_experts.all().delete()  # its own team books nothing: the tests book by hand
    draft.status = ProposalStatus.ACCEPTED
    draft.save(update_fields=["status"])
    return draft


def by_key(table):
    return {row["key"]: row for row in table.rows}


def test_experts_and_competencies_week_by_week(accepted, portfolio, manager):  # noqa: F811
    kube_a, django, kube_b = portfolio.experts  # competencies: Kubernetes, Django, Kubernetes
    book(accepted, kube_a, MONDAY, MONDAY + datetime.timedelta(days=10), hours=Decimal(40))
    book(accepted, kube_b, MONDAY, MONDAY + datetime.timedelta(days=4), share=50)
    book(
        accepted,
        django,
        MONDAY + datetime.timedelta(days=7),
        MONDAY + datetime.timedelta(days=9),
        hours=Decimal(20),
    )  # Mon-Wed of week 2: 3/5 of 20 h
    expert_capacity_set(expert=kube_b, hours_per_week="20", user=manager)
    expert_override_set(
        expert=django,
        percent=100,
        reason="Leave",
        until=MONDAY + datetime.timedelta(days=2),
        user=manager,
    )

    report = utilisation.build(scope())

    experts, competencies = report.tables
    assert [table.name for table in report.tables] == ["by_expert", "by_competency"]
    weeks = [column for column in experts.columns if column.kind == Kind.PERCENT]
    assert len(weeks) == 12 and weeks[0].label == "Week of 4 Mar 2030"
    rows = by_key(experts)
    assert [rows[str(kube_a.pk)][f"w{n}"] for n in range(3)] == [Decimal(1), Decimal("0.8"), 0]
    assert rows[str(kube_b.pk)]["w0"] == Decimal("0.5")  # half of their 20 h
    assert [rows[str(django.pk)][f"w{n}"] for n in range(3)] == [
        Decimal(1),  # the override, until Wednesday of week 1
        Decimal("0.3"),  # 12 h of 40
        0,
    ]
    groups = by_key(competencies)
    kubernetes = groups[str(portfolio.competencies[0].pk)]
    assert kubernetes["competency"] == "Kubernetes" and kubernetes["experts"] == 2
    # week 1: (40 + 10) h of (40 + 20) h; week 2: 32 h of 60 h
    assert kubernetes["w0"] == Decimal("0.8333")
    assert kubernetes["w1"] == Decimal("0.5333")
    assert groups[str(portfolio.competencies[1].pk)]["w0"] == Decimal(1)  # the override's 40 h


def test_a_lost_deals_bookings_are_not_counted(accepted, portfolio):
    book(accepted, portfolio.experts[0], MONDAY, MONDAY + datetime.timedelta(days=4), hours=40)
    Deal.objects.filter(pk=accepted.deal_id).update(status="lost")
    rows = by_key(utilisation.build(scope()).tables[0])
    assert rows[str(portfolio.experts[0].pk)]["w0"] == 0


@pytest.mark.parametrize("count", [10, 100])
def test_the_same_queries_for_10_or_100_assignments(
    accepted, portfolio, count, django_assert_num_queries
):
    for number in range(count):
        start = MONDAY + datetime.timedelta(days=number % 60)
        book(
            accepted,
            portfolio.experts[number % 3],
            start,
            start + datetime.timedelta(days=9),
            hours=Decimal(2),
        )
    # experts, competencies, capacities, assignments
    with django_assert_num_queries(4):
        report = utilisation.build(scope())
    total = sum(row["w0"] for row in report.tables[0].rows)
    assert total > 0


def test_the_overview_card(accepted, portfolio):
    book(accepted, portfolio.experts[0], MONDAY, MONDAY + datetime.timedelta(days=27), hours=40)
    booked, full = utilisation.key_figure(scope())
    # 40 h × 4 weeks of 3 experts × 40 h × 4 weeks
    assert booked.value == Decimal("0.3333") and booked.kind == Kind.PERCENT
    assert full.value == 1


def signed_in(client, group, name):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)


def test_managers_export_it_sales_read_it(client, accepted, portfolio):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    book(accepted, portfolio.experts[0], monday, monday + datetime.timedelta(days=4), hours=30)
    url = reverse("analytics:report", args=["utilisation"])

    signed_in(client, "Sales", "olga2")
    page = client.get(url)
    assert page.status_code == 200 and "Utilisation" in page.content.decode()
    assert client.get(url, {"export": "csv"}).status_code == 403
    signed_in(client, "Editors", "ed")
    assert client.get(url).status_code == 403

    signed_in(client, "Sales managers", "boss")
    exported = client.get(url, {"export": "csv", "table": "by_expert"})
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    row = next(r for r in rows if r and r[0] == portfolio.experts[0].title)
    assert row[1] == "75.00"  # percent columns export as percentages
    assert client.get(url, {"export": "xlsx", "table": "by_competency"}).status_code == 200
