"""Applying the client's stored answer again: when an editor saved a form opened before the
answer and so replaced the answer's revision, one button puts the answer back as a new draft
revision (the live page unchanged, nothing published), for the people who handle the link."""

from decimal import Decimal

from django.urls import reverse

from wagtail.models import Revision

import pytest

from cases.models import CasePage
from leads.models import Activity
from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_send
from tests.leads import conftest as leads_fixtures
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from . import confirmation_helpers
from .confirmation_helpers import answer_data, case_with_project

pytestmark = pytest.mark.django_db

sales_users = leads_fixtures.sales_users
manager = leads_fixtures.manager
editor = confirmation_helpers.editor
project = confirmation_helpers.project

BUTTON = "answer again</button>"


def _screen(project):
    return reverse("projects_case_confirmation", args=[project.pk])


def _answer_then_overwrite(client, project, editor):
    """The client answers; an editor then saves the form they had opened before the answer."""
    stale_form = project.case.get_latest_revision_as_object()
    confirmation = confirmation_send(case=project.case, user=None)
    response = client.post(
        reverse("projects:confirmation", args=[confirmation.token]), answer_data()
    )
    assert response.status_code == 302
    stale_form.save_revision(user=editor)
    overwritten = CasePage.objects.get(pk=project.case.pk).get_latest_revision_as_object()
    assert overwritten.testimonial_quote == ""  # the answer is gone from the latest revision
    client.logout()
    return ClientConfirmation.objects.get(pk=confirmation.pk)


def _apply(client, project, confirmation):
    return client.post(
        _screen(project), {"action": "apply", "confirmation": str(confirmation.pk)}, follow=True
    )


@pytest.mark.parametrize("who", ["owner", "manager", "editor"])
def test_the_answer_comes_back_as_a_draft_revision(
    client, project, editor, sales_users, manager, who
):
    confirmation = _answer_then_overwrite(client, project, editor)
    user = {"owner": sales_users[0], "manager": manager, "editor": editor}[who]
    client.force_login(user)
    assert BUTTON in client.get(_screen(project)).content.decode()
    revisions = Revision.objects.filter(object_id=str(project.case.pk)).count()
    live_revision = CasePage.objects.get(pk=project.case.pk).live_revision_id

    response = _apply(client, project, confirmation)

    assert "applied again as a new draft revision" in response.content.decode()
    assert Revision.objects.filter(object_id=str(project.case.pk)).count() == revisions + 1
    live = CasePage.objects.get(pk=project.case.pk)
    # the live page is untouched: same published revision, the old metric, no testimonial
    assert live.live and live.live_revision_id == live_revision and live.has_unpublished_changes
    assert [(m.label, m.value_after) for m in live.metrics.all()] == [("Conversion", 3)]
    assert live.testimonial_quote == "" and live.results_confirmed_on is None
    draft = live.get_latest_revision_as_object()
    assert [(m.label, m.value_before, m.value_after, m.unit) for m in draft.metrics.all()] == [
        ("Conversion", Decimal("2"), Decimal("4.5"), "%")
    ]
    assert draft.testimonial_quote == "They did great work."
    assert (draft.testimonial_author, draft.testimonial_position) == ("Jane Roe", "CTO")
    assert draft.visibility == "public"
    assert draft.results_confirmed_on == confirmation.answered_at.date()
    latest = live.get_latest_revision()
    assert latest.user == user
    note = Activity.objects.get(deal=project.deal, data__event="confirmation_applied_again")
    assert project.case.title in note.text and note.data["revision"] == latest.pk


def test_others_are_kept_out_and_nothing_changes(client, project, editor, sales_users):
    confirmation = _answer_then_overwrite(client, project, editor)
    revisions = Revision.objects.filter(object_id=str(project.case.pk)).count()
    assert _apply(client, project, confirmation).redirect_chain[0][0].startswith("/admin/login/")
    client.force_login(sales_users[1])  # a salesperson without access to this deal
    response = client.post(
        _screen(project), {"action": "apply", "confirmation": str(confirmation.pk)}
    )
    assert response.status_code == 404
    assert Revision.objects.filter(object_id=str(project.case.pk)).count() == revisions
    assert not Activity.objects.filter(data__event="confirmation_applied_again").exists()


def test_without_an_answer_there_is_a_message_and_no_button(client, project, manager):
    confirmation = confirmation_send(case=project.case, user=manager)
    client.force_login(manager)
    assert BUTTON not in client.get(_screen(project)).content.decode()
    revisions = Revision.objects.filter(object_id=str(project.case.pk)).count()

    response = _apply(client, project, confirmation)

    assert response.status_code == 200
    assert "there is no answer to apply" in response.content.decode()
    assert Revision.objects.filter(object_id=str(project.case.pk)).count() == revisions


def test_a_confirmation_of_another_case_or_garbage_is_a_404(
    client, project, manager, site_tree, editor
):
    _case, other = case_with_project(site_tree, owner=manager, title="Other")
    foreign = confirmation_send(case=other.case, user=manager)
    client.force_login(manager)
    for value in (str(foreign.pk), "x\x00", "9" * 40, ""):
        response = client.post(_screen(project), {"action": "apply", "confirmation": value})
        assert response.status_code == 404
