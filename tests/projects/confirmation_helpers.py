"""A case made from a deal, ready for its client confirmation link (package B's tests)."""

import io
from decimal import Decimal

from django.contrib.auth.models import Group, User

import pytest
from PIL import Image as PILImage

from cases.factories import CaseMetricFactory, CasePageFactory
from leads.factories import CompanyFactory, ContactFactory, DealFactory
from projects.models import Project


def case_with_project(site_tree, *, live=True, owner=None, title="Shop migration"):
    """A published case with one metric, linked to a deal of company "Acme" through a Project."""
    case = CasePageFactory(parent=site_tree.cases, title=title, client_name="Acme", live=live)
    CaseMetricFactory(
        case=case, label="Conversion", value_before=Decimal("2"), value_after=Decimal("3")
    )
    revision = case.save_revision()
    if live:
        revision.publish()
    company = CompanyFactory(name="Acme")
    deal = DealFactory(contact=ContactFactory(company=company), owner=owner)
    project = Project.objects.create(deal=deal, case=case)
    return case, project


def image_file(fmt="PNG", size=(40, 40), name=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "red").save(buffer, fmt)
    buffer.name = name or f"photo.{fmt.lower()}"
    buffer.seek(0)
    return buffer


def answer_data(**overrides):
    """A valid POST of the confirmation form: one corrected metric, a testimonial, consent."""
    data = {
        "metrics-TOTAL_FORMS": "1",
        "metrics-INITIAL_FORMS": "1",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "20",
        "metrics-0-label": "Conversion",
        "metrics-0-value_before": "2",
        "metrics-0-value_after": "4.5",
        "metrics-0-unit": "%",
        "metrics-0-period": "per month",
        "metrics-0-higher_is_better": "on",
        "quote": "They did great work.",
        "name": "Jane Roe",
        "position": "CTO",
        "score": "9",
        "comment": "Thanks",
        "publication": "named",
        "may_be_reference": "on",
        "consent": "on",
        "send": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def rewrite_starting_notes(case, **fields):
    """The editor's rewrite of a draft case's starting notes (a new draft revision), which a
    draft needs before it may be published; returns that revision."""
    page = case.get_latest_revision_as_object()
    page.summary = fields.pop("summary", "Orders leave the warehouse the same day.")
    page.challenge = fields.pop("challenge", "<p>Orders waited two days.</p>")
    page.solution = fields.pop("solution", "<p>We built an order tracking portal.</p>")
    for name, value in fields.items():
        setattr(page, name, value)
    return page.save_revision()


# Fixtures of the confirmation screens' tests (they need ``site_tree`` and the leads tests'
# ``sales_users`` in the importing module).
@pytest.fixture
def editor(db):
    user = User.objects.create_user("erin", "erin@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def project(site_tree, sales_users):
    _case, project = case_with_project(site_tree, owner=sales_users[0])
    return project
