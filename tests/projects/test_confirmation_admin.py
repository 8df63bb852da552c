"""Sending, copying and revoking a case's confirmation link in the admin, the Client references
list, and who may reach them: Sales managers, the deal's salesperson, the case's editors."""

from django.urls import reverse
from django.utils import timezone

import pytest

from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_send
from tests.leads import conftest as leads_fixtures
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from . import confirmation_helpers
from .confirmation_helpers import case_with_project

pytestmark = pytest.mark.django_db

sales_users = leads_fixtures.sales_users
manager = leads_fixtures.manager
editor = confirmation_helpers.editor
project = confirmation_helpers.project


def _url(project):
    return reverse("projects_case_confirmation", args=[project.pk])


@pytest.mark.parametrize("who", ["owner", "manager", "editor", "superuser"])
def test_allowed_roles_send_copy_and_revoke(
    client, project, who, sales_users, manager, editor, admin_user
):
    user = {"owner": sales_users[0], "manager": manager, "editor": editor, "superuser": admin_user}[
        who
    ]
    client.force_login(user)
    assert client.get(_url(project)).status_code == 200
    response = client.post(_url(project), {"action": "send", "valid_days": "14"}, follow=True)
    confirmation = ClientConfirmation.objects.get(project=project)
    assert reverse("projects:confirmation", args=[confirmation.token]) in response.content.decode()
    client.post(_url(project), {"action": "revoke", "confirmation": str(confirmation.pk)})
    confirmation.refresh_from_db()
    assert confirmation.revoked_at is not None


def test_other_salesperson_and_anonymous_are_kept_out(client, project, sales_users):
    assert client.get(_url(project)).status_code == 302  # to the login page
    client.force_login(sales_users[1])
    assert client.get(_url(project)).status_code == 404
    assert client.post(_url(project), {"action": "send", "valid_days": "14"}).status_code == 404
    assert not ClientConfirmation.objects.exists()
    assert project.case.title not in client.get(reverse("projects_confirmations")).content.decode()


def test_an_editor_without_edit_rights_on_the_case_is_kept_out(client, project, django_user_model):
    # a user with admin access only (no page permissions) may not handle the link
    plain = django_user_model.objects.create_user("plain", "p@example.com", "pw")
    from django.contrib.auth.models import Permission

    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(plain)
    assert client.get(_url(project)).status_code == 404
    # Wagtail answers a denied admin screen by sending the user back to the dashboard
    assert client.get(reverse("projects_confirmations")).url == "/admin/"
    assert client.get(reverse("projects_references")).url == "/admin/"


@pytest.mark.parametrize("days", ["0", "-3", "abc", "1" * 40, "9999", "3\x00"])
def test_impossible_validity_is_refused_with_a_message(client, project, manager, days):
    client.force_login(manager)
    response = client.post(_url(project), {"action": "send", "valid_days": days}, follow=True)
    assert response.status_code == 200
    assert "Enter a number of days from 1 to 365." in response.content.decode()
    assert not ClientConfirmation.objects.exists()


def test_unknown_action_or_confirmation_is_404(client, project, manager):
    client.force_login(manager)
    assert client.post(_url(project), {"action": "publish"}).status_code == 404
    assert (
        client.post(_url(project), {"action": "revoke", "confirmation": "999"}).status_code == 404
    )


def test_deal_page_shows_the_panel_to_its_salesperson(client, project, sales_users):
    client.force_login(sales_users[0])
    html = client.get(reverse("leads_deals:detail", args=[project.deal_id])).content.decode()
    assert _url(project) in html


def _answered(project, **fields):
    confirmation = confirmation_send(case=project.case, user=None)
    ClientConfirmation.objects.filter(pk=confirmation.pk).update(
        answered_at=timezone.now(),
        answer={"name": "Jane Roe", "position": "CTO"},
        score=9,
        **fields,
    )
    return confirmation


def test_references_list_the_named_and_references_within_the_users_deals(
    client,
    project,
    sales_users,
    manager,
    editor,
    site_tree,
):
    _answered(project, publication="named")
    _other_case, hidden = case_with_project(site_tree, owner=sales_users[1], title="Other")
    _answered(hidden, publication="none", may_be_reference=True)
    _case3, private = case_with_project(site_tree, owner=sales_users[0], title="Third")
    _answered(private, publication="none", may_be_reference=False)

    client.force_login(sales_users[0])
    html = client.get(reverse("projects_references")).content.decode()
    assert "Jane Roe" in html and "Acme" in html
    assert html.count("Jane Roe") == 1  # the other salesperson's reference and the refusal are out

    client.force_login(manager)
    html = client.get(reverse("projects_references")).content.decode()
    assert html.count("Jane Roe") == 2
    filtered = client.get(
        reverse("projects_references"), {"company": str(project.deal.company_id)}
    ).content.decode()
    assert filtered.count("Jane Roe") == 1
    assert client.get(reverse("projects_references"), {"company": "x\x00"}).status_code in (
        200,
        400,
    )

    client.force_login(editor)
    assert client.get(reverse("projects_references")).url == "/admin/"


def test_lists_take_the_same_queries_for_more_rows(client, project, manager, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _answered(project, publication="named")
    client.force_login(manager)

    def count(url):
        client.get(url)  # the first request after a change reads the change log once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [reverse("projects_references"), reverse("projects_confirmations")]
    few = [count(url) for url in urls]
    for number in range(4):
        _case, more = case_with_project(site_tree, owner=manager, title=f"More {number}")
        _answered(more, publication="named", may_be_reference=True)
    assert [count(url) for url in urls] == few


@pytest.mark.parametrize(
    ("consent", "visibility", "refused"),
    [
        ("anonymised", "public", True),
        ("none", "anonymised", True),
        ("anonymised", "anonymised", False),
        ("named", "public", False),
    ],
)
def test_publishing_more_openly_than_the_consent_is_refused(
    rf, project, admin_user, consent, visibility, refused
):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from wagtail import hooks

    from projects.admin_confirmations import consent_limits_visibility

    assert consent_limits_visibility in hooks.get_hooks("before_publish_page")
    _answered(project, publication=consent)
    page = project.case.get_latest_revision_as_object()
    page.visibility = visibility
    request = rf.post("/admin/pages/1/edit/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)
    response = consent_limits_visibility(request, page)
    assert (response is not None) == refused
    if refused:
        assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert "Your changes are saved as a draft" in str(list(request._messages)[0])


def test_editors_reach_the_screen_from_their_own_menu_item_not_the_sales_menu(
    client, project, editor, manager
):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert reverse("projects_confirmations") in html and "Sales" not in html
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert reverse("projects_confirmations") in html and reverse("projects_references") in html
