"""A case is never published more openly than its client's latest answer allows, whichever way
Wagtail publishes it: the model refuses (``CasePage.save``), admin views show the reason instead
of a server error, the scheduled command logs and skips, and a confirmed case is not copied."""

import datetime
import json
import logging

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Revision, WorkflowState

import pytest

from cases.models import CasePage
from cases.publishing import PublishRefused
from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_send
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import case_with_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(site_tree):
    """A live, anonymised case whose client allowed "anonymised", with a public draft."""
    case, _project = case_with_project(site_tree)
    page = case.get_latest_revision_as_object()
    page.visibility = "anonymised"
    page.save_revision().publish()
    confirmation = confirmation_send(case=case, user=None)
    ClientConfirmation.objects.filter(pk=confirmation.pk).update(
        answered_at=timezone.now(), publication="anonymised"
    )
    return CasePage.objects.get(pk=case.pk)


def _public_draft(case, user=None) -> Revision:
    page = case.get_latest_revision_as_object()
    page.visibility = "public"
    return page.save_revision(user=user)


def _still_anonymised(case):
    live = CasePage.objects.get(pk=case.pk)
    assert live.live and live.visibility == "anonymised"
    assert live.live_revision_id != live.get_latest_revision().pk
    return live


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_publishing_a_revision_more_openly_is_refused_by_the_model(case, admin_user):
    revision = _public_draft(case, admin_user)
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=admin_user)
    assert "Anonymised" in " ".join(refused.value.messages)
    _still_anonymised(case)


def test_within_the_consent_or_without_an_answer_publishing_works(case, site_tree, admin_user):
    page = case.get_latest_revision_as_object()
    page.visibility = "internal"
    page.save_revision().publish(user=admin_user)
    assert CasePage.objects.get(pk=case.pk).visibility == "internal"
    other, _project = case_with_project(site_tree, title="Never asked")
    _public_draft(other).publish()
    assert CasePage.objects.get(pk=other.pk).visibility == "public"


def test_a_live_case_shown_more_openly_than_a_later_answer_can_still_be_moved(case, site_tree):
    # the client answered "none" after publication: the page is not republished, only moved
    ClientConfirmation.objects.update(publication="none")
    page = CasePage.objects.get(pk=case.pk)
    page.title = "Renamed"
    page.save()  # not a publication: the live revision stays
    assert CasePage.objects.get(pk=case.pk).title == "Renamed"


def test_bulk_publish_shows_the_reason_and_publishes_nothing(client, case, admin_user):
    _public_draft(case, admin_user)
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(
        f"{url}?id={case.pk}&next=/admin/pages/", {"include_descendants": ""}, follow=True
    )
    assert response.status_code == 200
    assert "allowed case" in _messages(response) and "Anonymised" in _messages(response)
    _still_anonymised(case)


@pytest.mark.parametrize("xhr", [False, True])
def test_workflow_approval_shows_the_reason_and_stays_pending(client, case, admin_user, xhr):
    _public_draft(case, admin_user)
    workflow = Page.objects.get(pk=case.pk).specific.get_workflow()
    assert workflow is not None  # Wagtail's "Moderators approval" on the root
    state = workflow.start(CasePage.objects.get(pk=case.pk), admin_user)
    client.force_login(admin_user)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[case.pk, "approve", state.current_task_state.pk],
    )
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    response = client.post(url, {"comment": ""}, **headers)
    if xhr:
        assert response.status_code == 200
        body = json.loads(response.content)
        assert body["step"] == "success" and body["redirect"]
        followed = client.get(body["redirect"])
    else:
        assert response.status_code == 302
        followed = client.get(response.url)
    assert "allowed case" in followed.content.decode()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the approval was rolled back
    _still_anonymised(case)


def test_the_admin_api_publish_action_answers_400(client, case, admin_user):
    _public_draft(case, admin_user)
    client.force_login(admin_user)
    response = client.post(f"/admin/api/main/pages/{case.pk}/action/publish/")
    assert response.status_code == 400
    assert "Anonymised" in response.content.decode()
    _still_anonymised(case)


def test_scheduled_publishing_logs_skips_and_goes_on(case, site_tree, caplog):
    past = timezone.now() - datetime.timedelta(minutes=5)
    refused = _public_draft(case)
    Revision.objects.filter(pk=refused.pk).update(approved_go_live_at=past)
    other, _project = case_with_project(site_tree, title="Scheduled fine")
    fine = _public_draft(other)
    Revision.objects.filter(pk=fine.pk).update(approved_go_live_at=past)

    with caplog.at_level(logging.WARNING, logger="cases.models.pages"):
        call_command("publish_scheduled")

    assert "skipped" in caplog.text and str(case.pk) in caplog.text
    _still_anonymised(case)
    refused.refresh_from_db()
    assert refused.approved_go_live_at is None  # not retried every run
    assert CasePage.objects.get(pk=other.pk).visibility == "public"  # later pages still go live


def test_a_confirmed_case_is_not_copied(client, case, admin_user):
    client.force_login(admin_user)
    pages = Page.objects.count()
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[case.pk]),
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": case.get_parent().pk},
        follow=True,
    )
    assert "a copy would not keep" in _messages(response)
    assert Page.objects.count() == pages


def test_a_case_without_an_answer_is_copied(client, site_tree, admin_user):
    other, _project = case_with_project(site_tree, title="Free to copy")
    client.force_login(admin_user)
    pages = Page.objects.count()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
        {"new_title": "Copy", "new_slug": "copy-free", "new_parent_page": other.get_parent().pk},
    )
    assert Page.objects.count() == pages + 1
    assert User.objects.filter(pk=admin_user.pk).exists()
