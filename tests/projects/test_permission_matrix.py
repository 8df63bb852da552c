"""Every admin URL of the projects app × every role: status, and no leak of the deal's contact.

The same roles and secret deal as ``tests/leads/test_permission_matrix.py`` (its ``world``
fixture, imported below): a project on the owner's deal with its case, a client confirmation
and a pipeline's case setting. Sales reach the projects of their own deals, managers every one;
editors reach the confirmation of a case they may edit but never the deal's contact; the case
settings are for those who set up pipelines, through every generic view Wagtail makes.
"""

from django.urls import reverse

import pytest

from projects.factories import PipelineCaseSettingFactory
from projects.models import Project
from projects.services.confirmations import confirmation_send
from tests.leads.access import ROLES, body, matrix_failures
from tests.leads.conftest import world, world_rows  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects_world(world):  # noqa: F811
    case = world["portfolio"].cases[0]
    project = Project.objects.create(deal=world["deal"], case=case)
    confirmation = confirmation_send(case=case, user=world["users"]["owner"])
    setting = PipelineCaseSettingFactory(pipeline=world["deal"].pipeline)
    expert = world["portfolio"].experts[0]
    return {
        **world,
        "project": project,
        "confirmation": confirmation,
        "setting": setting,
        "expert": expert,
    }


def get_urls(w) -> list[tuple[str, str, str]]:
    """(name, url, kind): kinds decide who may see it, see :func:`expected_statuses`."""
    settings = "/admin/sales/setup/case-settings/"
    return [
        ("confirmations", reverse("projects_confirmations"), "pages"),
        (
            "case confirmation",
            reverse("projects_case_confirmation", args=[w["project"].pk]),
            "case",
        ),
        ("references", reverse("projects_references"), "sales"),
        ("team workload", reverse("projects_workload:index"), "sales"),
        ("workload edit", reverse("projects_workload:edit", args=[w["expert"].pk]), "manager"),
        ("case settings", settings, "manager"),
        ("case setting add", f"{settings}new/", "manager"),
        ("case setting edit", f"{settings}edit/{w['setting'].pk}/", "manager"),
        ("case setting delete", f"{settings}delete/{w['setting'].pk}/", "manager"),
        ("case setting history", f"{settings}history/{w['setting'].pk}/", "manager"),
        ("case setting copy", f"{settings}copy/{w['setting'].pk}/", "gone"),
        ("case setting inspect", f"{settings}inspect/{w['setting'].pk}/", "gone"),
        (
            "deal case create (GET)",
            reverse("projects_deal_case_create", args=[w["deal"].pk]),
            "post only",
        ),
    ]


def expected_statuses(role: str, kind: str) -> set[int]:
    refused = {302, 403, 404}
    if kind == "gone":
        return {302, 404} if role == "anonymous" else {404}
    if role == "anonymous":
        return {302, 405} if kind == "post only" else {302}
    if kind == "post only":
        return {405}
    if kind == "pages":
        return {200}  # editors (page editors) and sales have the screen, each their own rows
    if kind == "case":
        return {404} if role == "other_sales" else {200}
    if role == "editor":
        return refused
    if kind == "manager":
        return refused if role in ("owner", "other_sales") else {200}
    return {200}


@pytest.mark.parametrize("role", ROLES)
def test_every_projects_page_answers_each_role_and_leaks_nothing(client, projects_world, role):
    failures = matrix_failures(
        client, projects_world, role, get_urls(projects_world), expected_statuses
    )
    assert not failures, "\n".join(failures)


def test_other_salesperson_sees_no_row_of_the_owners_project(client, projects_world):
    client.force_login(projects_world["users"]["other_sales"])
    title = projects_world["project"].case.title
    assert title not in body(client.get(reverse("projects_confirmations")))
    client.force_login(projects_world["users"]["owner"])
    assert title in body(client.get(reverse("projects_confirmations")))
