"""The proposals report against the hand-built history (``tests.analytics.history``).

All seven proposals were sent in Q1 2026 and none is superseded: sent 7 (D1, D2, D4, D5, D6,
D8, D9), one per deal.

* viewed (first view set): D1, D2, D4, D8, D9 = 5 → 5/7 = 0.7143;
* accepted: D1, D2, D8, D9 = 4 → 4/7 = 0.5714; declined: D4 = 1 → 1/7 = 0.1429;
  expired: D6 = 1 → 0.1429; awaiting (sent, not viewed): D5 = 1 → 0.1429.

Time to first view (every time at 10:00 but D2's view at 16:00): D1 01-19 → 01-21 = 48 h;
D2 01-24 10:00 → 16:00 = 6 h; D4 02-14 → 02-20 = 144 h; D8 01-27 → 01-29 = 48 h;
D9 02-19 → 02-25 = 144 h. Sorted 6, 48, 48, 144, 144: the median is the 3rd, 48 h = 2.0 days.

Time to acceptance: D1 01-19 → 01-30 = 11 d; D2 01-24 → 02-27 = 31 + 3 = 34 d;
D8 01-27 → 02-24 = 4 + 24 = 28 d; D9 02-19 → 03-12 = 9 + 12 = 21 d (February 2026 has 28 days).
Sorted 11, 21, 28, 34: the median is (21 + 28) / 2 = 24.5 d = 588 h.

Per service of the deal: A = D1 (accepted), D5 (sent), D8 (accepted): sent 3, viewed 2,
accepted 2, rate 2/3 = 0.6667; B = D2 (accepted), D4 (declined), D6 (expired), D9 (accepted):
sent 4, viewed 3, accepted 2, declined 1, expired 1, rate 2/4 = 0.5.

Per template: Consulting = D2, D8: sent 2, viewed 2, accepted 2, rate 1; Project = D1, D4, D9:
sent 3, viewed 3, accepted 2, declined 1, rate 0.6667; no template = D5, D6: sent 2, viewed 0,
expired 1, rate 0.
"""

import datetime
from decimal import Decimal

import pytest

from analytics.base import Period
from analytics.reports import proposals as report_module
from proposals.choices import ProposalStatus
from proposals.models import Proposal
from tests.analytics.history import (
    at,
    history_once,  # noqa: F401 - the history, built once here
)

pytestmark = pytest.mark.django_db

GROUP_FIGURES = ("sent", "viewed", "accepted", "declined", "expired", "acceptance", "deals")


def _table(report, name):
    return next(table for table in report.tables if table.name == name)


def _names(deals):
    return sorted(deals.values_list("title", flat=True))


def _steps(report):
    return {
        row["key"]: (row["proposals"], row["share"], row["deals"])
        for row in _table(report, "steps").rows
    }


def _groups(report, name):
    return {
        row["name"]: tuple(row[figure] for figure in GROUP_FIGURES)
        for row in _table(report, name).rows
    }


def test_steps_and_rates(history):
    report = report_module.build(history.scope())
    assert _steps(report) == {
        "sent": (7, Decimal("1.0000"), 7),
        "viewed": (5, Decimal("0.7143"), 5),
        "accepted": (4, Decimal("0.5714"), 4),
        "declined": (1, Decimal("0.1429"), 1),
        "expired": (1, Decimal("0.1429"), 1),
        "awaiting": (1, Decimal("0.1429"), 1),
    }
    assert [row["step"] for row in _table(report, "steps").rows] == [
        "Sent",
        "Viewed",
        "Accepted",
        "Declined",
        "Expired",
        "Awaiting an answer",
    ]
    assert [(column.name, value) for column, value, _previous in report.headline] == [
        ("sent", 7),
        ("viewed", Decimal("0.7143")),
        ("accepted", Decimal("0.5714")),
        ("to_view", Decimal("48.0")),
        ("to_accept", Decimal("24.5")),
    ]


def test_median_times(history):
    timing = {
        row["key"]: row for row in _table(report_module.build(history.scope()), "timing").rows
    }
    assert (timing["to_view"]["measured"], timing["to_view"]["median_hours"]) == (
        5,
        Decimal("48.0"),
    )
    assert timing["to_view"]["median_days"] == Decimal("2.0")
    assert timing["to_accept"]["measured"] == 4
    assert timing["to_accept"]["median_days"] == Decimal("24.5")
    assert timing["to_accept"]["median_hours"] == Decimal("588.0")


def test_acceptance_per_service_and_template(history):
    report = report_module.build(history.scope())
    third = Decimal("0.6667")
    assert _groups(report, "services") == {
        "Service A": (3, 2, 2, 0, 0, third, 3),
        "Service B": (4, 3, 2, 1, 1, Decimal("0.5000"), 4),
    }
    assert _groups(report, "templates") == {
        "Consulting": (2, 2, 2, 0, 0, Decimal("1.0000"), 2),
        "Project": (3, 3, 2, 1, 0, third, 3),
        "No template": (2, 0, 0, 0, 1, Decimal("0.0000"), 2),
    }
    assert [row["name"] for row in _table(report, "templates").rows][-1] == "No template"
    accepted = {row["name"]: row["accepted_deals"] for row in _table(report, "templates").rows}
    assert accepted == {"Consulting": 2, "Project": 2, "No template": 0}


def test_cohorts(history):
    scope = history.scope()
    cohort = report_module.cohort
    assert _names(cohort(scope, "deals", "sent")) == ["D1", "D2", "D4", "D5", "D6", "D8", "D9"]
    assert _names(cohort(scope, "deals", "viewed")) == ["D1", "D2", "D4", "D8", "D9"]
    assert _names(cohort(scope, "deals", "accepted")) == ["D1", "D2", "D8", "D9"]
    assert _names(cohort(scope, "deals", "declined")) == ["D4"]
    assert _names(cohort(scope, "deals", "expired")) == ["D6"]
    assert _names(cohort(scope, "deals", "awaiting")) == ["D5"]
    service_a = str(history.services["A"].pk)
    assert _names(cohort(scope, "service", service_a)) == ["D1", "D5", "D8"]
    assert _names(cohort(scope, "service_accepted", service_a)) == ["D1", "D8"]
    project = str(history.templates["Project"].pk)
    assert _names(cohort(scope, "template", project)) == ["D1", "D4", "D9"]
    assert _names(cohort(scope, "template_accepted", project)) == ["D1", "D9"]
    assert _names(cohort(scope, "template", "~none")) == ["D5", "D6"]
    assert _names(cohort(scope, "service", "~none")) == []
    for name, key in (
        ("deals", "won"),
        ("owner", "1"),
        ("service", "x"),
        ("service_lost", service_a),
        ("template", "9" * 30),
    ):
        assert cohort(scope, name, key) is None


def test_sales_see_their_own_deals(history):
    """Olga's proposals: D1 (accepted: 48 h to view, 11 d to accept), D5 (sent, not viewed),
    D9 (accepted: 144 h, 21 d). Sent 3, viewed 2 (0.6667), accepted 2 (0.6667), awaiting 1;
    median to view (48 + 144) / 2 = 96 h, to accept (11 + 21) / 2 = 16 d."""
    olga = history.users["olga"]
    report = report_module.build(history.scope(user=olga, owner=olga))
    assert _steps(report) == {
        "sent": (3, Decimal("1.0000"), 3),
        "viewed": (2, Decimal("0.6667"), 2),
        "accepted": (2, Decimal("0.6667"), 2),
        "declined": (0, Decimal("0.0000"), 0),
        "expired": (0, Decimal("0.0000"), 0),
        "awaiting": (1, Decimal("0.3333"), 1),
    }
    assert [value for _column, value, _previous in report.headline][3:] == [
        Decimal("96.0"),
        Decimal("16.0"),
    ]
    assert _names(report_module.cohort(history.scope(user=olga, owner=olga), "deals", "sent")) == [
        "D1",
        "D5",
        "D9",
    ]


def test_the_period_chooses_by_sending_and_superseded_versions_do_not_count(history):
    """February 2026: D4 (sent 02-14, declined) and D9 (02-19, accepted). D9's proposal is then
    revised: v1 superseded, v2 sent 2026-04-02 and accepted: February counts D4 only, April
    counts v2 (sent 1, accepted 1, 1 d to accept)."""
    february = Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert _steps(report_module.build(history.scope(period=february)))["sent"][0] == 2
    first = history.proposals["D9"]
    Proposal.objects.filter(pk=first.pk).update(status=ProposalStatus.SUPERSEDED)
    Proposal.objects.create(
        deal=first.deal,
        number=first.number,
        version=2,
        previous=first,
        title=first.title,
        status=ProposalStatus.ACCEPTED,
        sent_at=at("2026-04-02"),
        accepted_at=at("2026-04-03"),
        template=first.template,
        created_at=at("2026-04-01"),
    )
    steps = _steps(report_module.build(history.scope(period=february)))
    assert steps["sent"] == (1, Decimal("1.0000"), 1)
    april = Period(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    report = report_module.build(history.scope(period=april))
    assert _steps(report)["accepted"] == (1, Decimal("1.0000"), 1)
    assert report.headline[4][1] == Decimal("1.0")
    assert report.headline[3][1] is None  # never viewed: nothing to measure


def test_an_empty_period(history):
    report = report_module.build(
        history.scope(period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 1, 31)))
    )
    assert _steps(report)["sent"] == (0, None, 0)
    assert [value for _column, value, _previous in report.headline] == [0, None, None, None, None]
    assert _table(report, "services").rows == [] and _table(report, "templates").rows == []


def test_a_drafted_proposal_remembers_its_template_and_its_new_version_keeps_it(history):
    from proposals.services.drafting import proposal_create_from_deal, proposal_revise
    from proposals.services.sending import proposal_send

    template = history.templates["Project"]
    template.default_services.add(history.services["A"])
    template.save()  # a parental many-to-many is written with its template
    deal = history.deals["D7"]  # service A
    draft = proposal_create_from_deal(deal=deal)
    assert draft.template == template
    proposal_send(proposal=draft, user=history.manager)
    copy = proposal_revise(proposal=Proposal.objects.get(pk=draft.pk))
    assert copy.version == 2 and copy.template_id == template.pk
    deal_b = history.deals["D6"]  # service B: no template lists it
    assert proposal_create_from_deal(deal=deal_b).template is None
