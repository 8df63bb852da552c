"""A pipeline history built by hand, for asserting every report against figures worked out on
paper. Every date, amount and stage below is what the reports' tests compute from: change it
and their docstrings' arithmetic is wrong.

Time zone UTC (the test settings). The period looked at is Q1 2026, **2026-01-01 – 2026-03-31**
(90 days); the previous period of the same length is **2025-10-03 – 2025-12-31**. "Now" is
**2026-04-15 12:00**.

Pipeline "Project work" (the seeded one): S1 New request (5 %, stale after 2 days),
S2 Qualified (15 %, 5), S3 Meeting / diagnostics (30 %, 10), S4 Proposal sent (50 %, 14),
S5 Contract negotiation (70 %, 14), S6 Contract signed (90 %, 30), W Paid (won),
L Lost (lost). Every change is at 10:00 on its day.

==== ========== ===== ======= ====== ============ ==================================================
deal created    owner service amount company      stage history (date: stage)
==== ========== ===== ======= ====== ============ ==================================================
D1   2026-01-05 olga  A       1.0M ₽ Acme         01-05 S1, 01-07 S2, 01-12 S3, 01-20 S4, 02-01 S5,
                                                  02-10 S6, 02-20 W
D2   2026-01-10 pavel B       0.5M ₽ Beta         01-10 S1, 01-15 S3 (skips S2), 01-25 S4,
                                                  03-01 W (skips S5, S6)
D3   2026-01-20 olga  A       0.3M ₽ Gamma        01-20 S1, 01-22 S2, 01-30 L (Price too high)
D4   2026-02-03 pavel B       2.0M ₽ Delta        02-03 S1, 02-05 S2, 02-10 S3, 02-15 S4,
                                                  03-10 L (Chose a competitor)
D5   2026-02-14 olga  A       10k $  Epsilon      02-14 S1, 02-16 S2, 03-01 S3 — open,
                                                  expected close 2026-05-20
D6   2026-03-02 pavel B       0.8M ₽ Zeta         03-02 S1, 03-05 S2 — open, expected close
                                                  2026-04-30
D7   2026-03-20 olga  A       —      (none)       03-20 S1 — open, no amount, no expected close
D8   2026-01-15 pavel A       20k $  Eta          01-15 S1, 01-16 S2, 01-20 S3, 01-28 S4, 02-05 S5,
                                                  02-12 S6, 02-25 W
D9   2026-01-08 olga  B       0.7M ₽ Acme         01-08 S1, 01-09 S2, 01-20 L (Price too high),
                                                  02-01 S2 (reopened), 02-10 S3, 02-20 S4,
                                                  03-15 W
D10  2025-12-10 pavel A       0.4M ₽ Beta         2025-12-10 S1, 12-12 S2, 12-20 S3,
                                                  2026-01-10 S4, 01-25 W (created before Q1)
D11  2025-10-15 olga  A       0.2M ₽ Theta        10-15 S1, 10-20 S2, 11-10 L (Chose a competitor)
D12  2025-11-01 pavel B       0.6M ₽ Acme         11-01 S1, 11-03 S2, 11-10 S3, 11-20 S4, 12-15 W
==== ========== ===== ======= ====== ============ ==================================================

Sources (``source`` / last-touch ``utm`` / ``first_touch.utm`` / ``landing_page``):
D1, D8, D11: "Website", utm google/cpc/brand, first touch google/cpc, landing /services/a/;
D2, D10, D12: "Website", utm yandex/organic, first touch yandex/organic, landing /cases/x/;
D3, D4, D9: "Website", no utm, first touch telegram/social/launch, landing /experts/e/;
D5, D6, D7: "Manual", nothing else.

The pages seen before asking (``visitor_path``): D1 case X, service A; D2 case X; D3 expert E,
service A; D8 case Y; D9 case X, case Y; the others none. Service A, service B, case X, case Y
and expert E are live pages of the site tree.

Proposals (each deal's one proposal, status, sent, first viewed, answered, template):
D1 accepted, 01-19, 01-21, accepted 01-30, "Project";
D2 accepted, 01-24 10:00, 01-24 16:00, accepted 02-27, "Consulting";
D4 declined, 02-14, 02-20, declined 03-09, "Project";
D5 sent, 03-10, never viewed, no template;
D6 expired, 03-06, never viewed, valid until 03-20, no template;
D8 accepted, 01-27, 01-29, accepted 02-24, "Consulting";
D9 accepted, 02-19, 02-25, accepted 03-12, "Project".
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.models import Group, User

import pytest

from analytics.base import Period, Scope
from cases.factories import CasePageFactory
from catalog.factories import ServicePageFactory
from catalog.models import ServiceType
from experts.factories import ExpertPageFactory
from leads.choices import DealStatus, StageKind
from leads.models import Company, Contact, Deal, LostReason, Pipeline, StageChange
from proposals.models import Proposal, ProposalTemplate
from tests.builders import build_site_tree
from tests.module_data import fresh, module_data

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
NOW = datetime.datetime(2026, 4, 15, 12, 0, tzinfo=datetime.UTC)


def at(day: str) -> datetime.datetime:
    """``"2026-01-05"`` (or ``"2026-01-24 16:00"``) as an aware moment, 10:00 unless given."""
    if " " not in day:
        day += " 10:00"
    return datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)


# deal: (created, owner, service, amount, currency, company, [(day, stage code), …])
DEALS = {
    "D1": (
        "2026-01-05",
        "olga",
        "A",
        "1000000",
        "RUB",
        "Acme",
        [
            ("2026-01-05", "S1"),
            ("2026-01-07", "S2"),
            ("2026-01-12", "S3"),
            ("2026-01-20", "S4"),
            ("2026-02-01", "S5"),
            ("2026-02-10", "S6"),
            ("2026-02-20", "W"),
        ],
    ),
    "D2": (
        "2026-01-10",
        "pavel",
        "B",
        "500000",
        "RUB",
        "Beta",
        [("2026-01-10", "S1"), ("2026-01-15", "S3"), ("2026-01-25", "S4"), ("2026-03-01", "W")],
    ),
    "D3": (
        "2026-01-20",
        "olga",
        "A",
        "300000",
        "RUB",
        "Gamma",
        [("2026-01-20", "S1"), ("2026-01-22", "S2"), ("2026-01-30", "L:Price too high")],
    ),
    "D4": (
        "2026-02-03",
        "pavel",
        "B",
        "2000000",
        "RUB",
        "Delta",
        [
            ("2026-02-03", "S1"),
            ("2026-02-05", "S2"),
            ("2026-02-10", "S3"),
            ("2026-02-15", "S4"),
            ("2026-03-10", "L:Chose a competitor"),
        ],
    ),
    "D5": (
        "2026-02-14",
        "olga",
        "A",
        "10000",
        "USD",
        "Epsilon",
        [("2026-02-14", "S1"), ("2026-02-16", "S2"), ("2026-03-01", "S3")],
    ),
    "D6": (
        "2026-03-02",
        "pavel",
        "B",
        "800000",
        "RUB",
        "Zeta",
        [("2026-03-02", "S1"), ("2026-03-05", "S2")],
    ),
    "D7": ("2026-03-20", "olga", "A", None, "RUB", None, [("2026-03-20", "S1")]),
    "D8": (
        "2026-01-15",
        "pavel",
        "A",
        "20000",
        "USD",
        "Eta",
        [
            ("2026-01-15", "S1"),
            ("2026-01-16", "S2"),
            ("2026-01-20", "S3"),
            ("2026-01-28", "S4"),
            ("2026-02-05", "S5"),
            ("2026-02-12", "S6"),
            ("2026-02-25", "W"),
        ],
    ),
    "D9": (
        "2026-01-08",
        "olga",
        "B",
        "700000",
        "RUB",
        "Acme",
        [
            ("2026-01-08", "S1"),
            ("2026-01-09", "S2"),
            ("2026-01-20", "L:Price too high"),
            ("2026-02-01", "S2"),
            ("2026-02-10", "S3"),
            ("2026-02-20", "S4"),
            ("2026-03-15", "W"),
        ],
    ),
    "D10": (
        "2025-12-10",
        "pavel",
        "A",
        "400000",
        "RUB",
        "Beta",
        [
            ("2025-12-10", "S1"),
            ("2025-12-12", "S2"),
            ("2025-12-20", "S3"),
            ("2026-01-10", "S4"),
            ("2026-01-25", "W"),
        ],
    ),
    "D11": (
        "2025-10-15",
        "olga",
        "A",
        "200000",
        "RUB",
        "Theta",
        [("2025-10-15", "S1"), ("2025-10-20", "S2"), ("2025-11-10", "L:Chose a competitor")],
    ),
    "D12": (
        "2025-11-01",
        "pavel",
        "B",
        "600000",
        "RUB",
        "Acme",
        [
            ("2025-11-01", "S1"),
            ("2025-11-03", "S2"),
            ("2025-11-10", "S3"),
            ("2025-11-20", "S4"),
            ("2025-12-15", "W"),
        ],
    ),
}

EXPECTED_CLOSE = {"D5": "2026-05-20", "D6": "2026-04-30"}

GOOGLE = {"utm_source": "google", "utm_medium": "cpc", "utm_campaign": "brand"}
YANDEX = {"utm_source": "yandex", "utm_medium": "organic"}
TELEGRAM = {"utm_source": "telegram", "utm_medium": "social", "utm_campaign": "launch"}
# deal: (source, last-touch utm, first-touch utm, landing path)
SOURCES = {
    **dict.fromkeys(("D1", "D8", "D11"), ("Website", GOOGLE, GOOGLE, "/services/a/")),
    **dict.fromkeys(("D2", "D10", "D12"), ("Website", YANDEX, YANDEX, "/cases/x/")),
    **dict.fromkeys(("D3", "D4", "D9"), ("Website", {}, TELEGRAM, "/experts/e/")),
    **dict.fromkeys(("D5", "D6", "D7"), ("Manual", {}, {}, "")),
}

PATHS = {
    "D1": ["case_x", "service_a"],
    "D2": ["case_x"],
    "D3": ["expert_e", "service_a"],
    "D8": ["case_y"],
    "D9": ["case_x", "case_y"],
}

# deal: (status, sent, first viewed, accepted / declined, template, valid until)
PROPOSALS = {
    "D1": ("accepted", "2026-01-19", "2026-01-21", "2026-01-30", "Project", None),
    "D2": ("accepted", "2026-01-24 10:00", "2026-01-24 16:00", "2026-02-27", "Consulting", None),
    "D4": ("declined", "2026-02-14", "2026-02-20", "2026-03-09", "Project", None),
    "D5": ("sent", "2026-03-10", None, None, None, None),
    "D6": ("expired", "2026-03-06", None, None, None, "2026-03-20"),
    "D8": ("accepted", "2026-01-27", "2026-01-29", "2026-02-24", "Consulting", None),
    "D9": ("accepted", "2026-02-19", "2026-02-25", "2026-03-12", "Project", None),
}


def _stages(pipeline: Pipeline) -> dict:
    stages = list(pipeline.stages.order_by("sort_order"))
    open_stages = [stage for stage in stages if stage.kind == StageKind.OPEN]
    codes = {f"S{n}": stage for n, stage in enumerate(open_stages, start=1)}
    codes["W"] = next(stage for stage in stages if stage.kind == StageKind.WON)
    codes["L"] = next(stage for stage in stages if stage.kind == StageKind.LOST)
    return codes


def _build_deal(name, spec, *, pipeline, stages, users, services, companies, pages):
    created, owner, service, amount, currency, company, history = spec
    contact = Contact.objects.create(name=f"Contact {name}", email=f"{name.lower()}@example.com")
    source, utm, first_utm, landing = SOURCES[name]
    deal = Deal.objects.create(
        title=name,
        contact=contact,
        company=companies.get(company),
        pipeline=pipeline,
        stage=stages["S1"],
        owner=users[owner],
        amount=Decimal(amount) if amount else None,
        currency=currency,
        created_at=at(created),
        stage_entered_at=at(created),
        source=source,
        utm=utm,
        landing_page=f"https://example.com{landing}" if landing else "",
        first_touch={"utm": first_utm, "landing": f"https://example.com{landing}"}
        if first_utm
        else {},
        visitor_path=[
            {"url": pages[page].url, "title": pages[page].title, "at": created}
            for page in PATHS.get(name, [])
        ],
        expected_close_date=datetime.date.fromisoformat(EXPECTED_CLOSE[name])
        if name in EXPECTED_CLOSE
        else None,
    )
    deal.services.set([services[service]])
    previous = since = None
    for day, code in history:
        code, _, reason = code.partition(":")
        stage = stages[code]
        StageChange.objects.create(
            deal=deal,
            from_stage=previous,
            from_stage_since=since,
            to_stage=stage,
            changed_at=at(day),
        )
        since = at(day)
        deal.stage, deal.stage_entered_at = stage, at(day)
        if stage.kind == StageKind.WON:
            deal.status, deal.closed_at, deal.lost_reason = DealStatus.WON, at(day), None
        elif stage.kind == StageKind.LOST:
            deal.status, deal.closed_at = DealStatus.LOST, at(day)
            deal.lost_reason = LostReason.objects.get(name=reason)
        else:
            deal.status, deal.closed_at, deal.lost_reason = DealStatus.OPEN, None, None
        previous = stage
    deal.save()
    return deal


def _build_proposal(deal, spec, templates):
    status, sent, viewed, answered, template, valid_until = spec
    return Proposal.objects.create(
        deal=deal,
        number=f"P-{deal.title}",
        title=f"Proposal for {deal.title}",
        status=status,
        currency=deal.currency,
        sent_at=at(sent),
        first_viewed_at=at(viewed) if viewed else None,
        last_viewed_at=at(viewed) if viewed else None,
        view_count=1 if viewed else 0,
        accepted_at=at(answered) if status == "accepted" else None,
        declined_at=at(answered) if status == "declined" else None,
        valid_until=datetime.date.fromisoformat(valid_until) if valid_until else None,
        created_at=at(sent),
        template=templates.get(template),
    )


def build_history(site_tree) -> SimpleNamespace:
    """The history of the module docstring; ``history.scope()`` is a manager's scope over Q1."""
    sales = Group.objects.get(name="Sales")
    users = {}
    for name in ("olga", "pavel"):
        users[name] = User.objects.create_user(name, f"{name}@example.com", "pw")
        users[name].groups.add(sales)
    manager = User.objects.create_user("maria", "maria@example.com", "pw")
    manager.groups.add(Group.objects.get(name="Sales managers"))
    project = ServiceType.objects.get(code="project")
    services = {}
    for code in ("A", "B"):
        services[code] = ServicePageFactory(parent=site_tree.services, title=f"Service {code}")
        services[code].service_types.add(project)
        services[code].save()
    pages = {
        "service_a": services["A"],
        "case_x": CasePageFactory(parent=site_tree.cases, title="Case X"),
        "case_y": CasePageFactory(parent=site_tree.cases, title="Case Y"),
        "expert_e": ExpertPageFactory(parent=site_tree.experts, title="Expert E"),
    }
    companies = {
        name: Company.objects.create(name=name)
        for name in ("Acme", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta")
    }
    pipeline = Pipeline.objects.get(name="Project work")
    stages = _stages(pipeline)
    deals = {
        name: _build_deal(
            name,
            spec,
            pipeline=pipeline,
            stages=stages,
            users=users,
            services=services,
            companies=companies,
            pages=pages,
        )
        for name, spec in DEALS.items()
    }
    templates = {
        name: ProposalTemplate.objects.create(name=name) for name in ("Project", "Consulting")
    }
    proposals = {
        name: _build_proposal(deals[name], spec, templates) for name, spec in PROPOSALS.items()
    }
    history = SimpleNamespace(
        users=users,
        manager=manager,
        services=services,
        pages=pages,
        companies=companies,
        pipeline=pipeline,
        stages=stages,
        deals=deals,
        templates=templates,
        proposals=proposals,
    )
    return _with_scope(history)


def _with_scope(history: SimpleNamespace) -> SimpleNamespace:
    pipeline = history.pipeline

    def scope(user=history.manager, period=PERIOD, **filters):
        """A scope as the filters would build it: ``deals`` narrowed by ``filters``."""
        return Scope(
            deals=Deal.objects.filter(pipeline=pipeline, **filters),
            period=period,
            pipeline=pipeline,
            user=user,
            now=NOW,
        )

    history.scope = scope
    return history


@pytest.fixture
def history(site_tree):
    """The history of the module docstring, built for this test."""
    return build_history(site_tree)


#: the history built once per test module (tests.module_data), for ``history_once``
history_rows = module_data(lambda: build_history(build_site_tree()), name="history_rows")


@pytest.fixture(name="history")
def history_once(db, history_rows):
    """``history`` built once per module and read afresh for each test, whose changes are rolled
    back after it. A module imports it (``from tests.analytics.history import history_once``)
    when every one of its database tests uses the history and none builds a ``site_tree``."""
    return _with_scope(fresh(history_rows))
