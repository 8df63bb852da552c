from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.models import Group, User

import pytest

from cases.factories import CasePageFactory
from cases.models import CasePage
from catalog.factories import ServicePageFactory
from catalog.models import ServiceType
from experts.factories import ExpertPageFactory
from experts.models import ExpertPage
from leads.models import Deal, LeadSubmission
from leads.services import lead_capture
from proposals.factories import ProposalLineFactory
from proposals.models import Proposal
from proposals.services import proposal_create_from_deal
from tests.builders import build_site_tree
from tests.leads.access import SECRET
from tests.module_data import module_data


@pytest.fixture
def sales_users(db):
    group = Group.objects.get(name="Sales")
    users = []
    for name in ("olga", "pavel"):
        user = User.objects.create_user(name, f"{name}@example.com", "pw")
        user.groups.add(group)
        users.append(user)
    return users


@pytest.fixture
def manager(db):
    user = User.objects.create_user("maria", "maria@example.com", "pw")
    user.groups.add(Group.objects.get(name="Sales managers"))
    return user


@pytest.fixture
def service_of_type(site_tree):
    def make(code: str, title: str | None = None):
        service = ServicePageFactory(parent=site_tree.services, title=title or f"Service {code}")
        service.service_types.add(ServiceType.objects.get(code=code))
        service.save()
        return service

    return make


VALID = {
    "name": "Anna Petrova",
    "email": "Anna@Example.com",
    "phone": "8 (916) 123-45-67",
    "company": "Retail Co",
    "message": "We need an online store.",
    "budget": "500k_2m",
    "preferred_channel": "phone",
    "consent": "on",
}


@pytest.fixture
def valid_data():
    return dict(VALID)


def build_world() -> dict:
    """The deal world of the access tests (the permission matrix, its POST actions and the
    ownership scenarios), as primary keys: a deal of one salesperson with its contact, request,
    task and a proposal, another salesperson's deal, a user per role, one case and one expert."""
    site_tree = build_site_tree()
    # One case and one expert for the proposal builder to offer: each page saved costs time.
    case = CasePageFactory(parent=site_tree.cases)
    expert = ExpertPageFactory(parent=site_tree.experts)
    sales = Group.objects.get(name="Sales")
    users = {}
    for role, group in [
        ("owner", sales),
        ("other_sales", sales),
        ("manager", Group.objects.get(name="Sales managers")),
        ("editor", Group.objects.get(name="Editors")),
    ]:
        users[role] = User.objects.create_user(role, f"{role}@example.com", "pw")
        users[role].groups.add(group)
    users["superuser"] = User.objects.create_superuser("root", "root@example.com", "pw")
    deal = lead_capture(data={**VALID, **SECRET}, notify=False)
    Deal.objects.filter(pk=deal.pk).update(owner=users["owner"])
    deal.refresh_from_db()
    theirs = lead_capture(
        data={**VALID, "email": "own.client@example.com", "phone": ""}, notify=False
    )
    Deal.objects.filter(pk=theirs.pk).update(owner=users["other_sales"])
    proposal = proposal_create_from_deal(deal=deal, user=users["owner"])
    # one priced line (the factory recalculates the totals): a proposal that can be sent
    ProposalLineFactory(proposal=proposal, description="Audit", unit_price=Decimal(1000))
    return {
        "users": {role: user.pk for role, user in users.items()},
        "deal": deal.pk,
        "case": case.pk,
        "expert": expert.pk,
        "proposal": proposal.pk,
    }


#: built once per test module; each test reads it afresh (``world``) and its changes are
#: rolled back after it (tests.module_data)
world_rows = module_data(build_world, name="world_rows")


@pytest.fixture
def world(db, world_rows):
    """The deal world (``build_world``), read from the database for this test alone."""
    users = User.objects.in_bulk(world_rows["users"].values())
    deal = Deal.objects.select_related("contact").get(pk=world_rows["deal"])
    return {
        "users": {role: users[pk] for role, pk in world_rows["users"].items()}
        | {"anonymous": None},
        "deal": deal,
        "contact": deal.contact,
        "submission": LeadSubmission.objects.get(deal=deal),
        "task": deal.tasks.first(),
        "proposal": Proposal.objects.get(pk=world_rows["proposal"]),
        "portfolio": SimpleNamespace(
            cases=[CasePage.objects.get(pk=world_rows["case"])],
            experts=[ExpertPage.objects.get(pk=world_rows["expert"])],
        ),
    }
