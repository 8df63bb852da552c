"""Editors hear about a draft case waiting for them; a mail failure never costs the case."""

from django.contrib.auth.models import Group, User
from django.core import mail

import pytest

from cases.models import CasePage
from leads.choices import DealStatus, StageKind
from leads.factories import DealFactory
from leads.services import deal_move_to_stage
from projects.services.cases import case_draft_create, case_draft_status
from projects.tasks import editor_emails, notify_editors


@pytest.fixture
def people(db):
    def user(name, group, **kwargs):
        made = User.objects.create_user(name, kwargs.pop("email", f"{name}@example.com"), "pw")
        for field, value in kwargs.items():
            setattr(made, field, value)
        made.save()
        if group:
            made.groups.add(Group.objects.get(name=group))
        return made

    return {
        "editor": user("edna", "Editors"),
        "moderator": user("mo", "Moderators"),
        "both": user("bo", "Editors"),
        "inactive": user("ina", "Editors", is_active=False),
        "no_email": user("nomail", "Editors", email=""),
        "sales": user("sam", "Sales"),
    }


def test_recipients_are_active_editors_and_moderators_with_an_email(people):
    people["both"].groups.add(Group.objects.get(name="Moderators"))
    assert editor_emails() == ["bo@example.com", "edna@example.com", "mo@example.com"]


def test_draft_case_emails_the_editors_with_its_edit_link(
    people, site_tree, django_capture_on_commit_callbacks
):
    deal = DealFactory(title="Warehouse portal")
    with django_capture_on_commit_callbacks(execute=True):
        case = case_draft_create(deal=deal)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["bo@example.com", "edna@example.com", "mo@example.com"]
    assert case.title in message.subject  # the neutral working title, not the deal's
    assert f"http://testserver/admin/pages/{case.pk}/edit/" in message.body


def test_existing_case_is_not_announced_again(
    people, site_tree, django_capture_on_commit_callbacks
):
    deal = DealFactory()
    with django_capture_on_commit_callbacks(execute=True):
        case_draft_create(deal=deal)
    with django_capture_on_commit_callbacks(execute=True):
        case_draft_create(deal=deal)
    assert len(mail.outbox) == 1


def test_no_editor_no_mail(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_draft_create(deal=DealFactory())
    assert mail.outbox == []
    assert notify_editors.call("Subject", "Text", 1) == "no recipient"


def test_mail_failure_keeps_the_case_and_the_win(
    people, site_tree, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.LEADS_NOTIFY_RETRY_DELAYS = [1, 1]
    attempts = []

    def broken(*args, **kwargs):
        attempts.append(args)
        raise OSError("SMTP down")

    monkeypatch.setattr("leads.tasks.send_mail", broken)
    deal = DealFactory()
    won = deal.pipeline.stages.filter(kind=StageKind.WON).first()
    with django_capture_on_commit_callbacks(execute=True):
        deal_move_to_stage(deal=deal, stage=won)
    deal.refresh_from_db()
    assert deal.status == DealStatus.WON
    assert case_draft_status(deal=deal) == "draft"
    assert CasePage.objects.count() == 1
    assert len(attempts) == 3  # the first try and two retries, then it gives up


def test_retry_sends_on_a_later_attempt(people, monkeypatch, settings):
    settings.LEADS_NOTIFY_RETRY_DELAYS = [1, 1]
    calls = []

    def flaky(subject, body, sender, recipients):
        calls.append(recipients)
        if len(calls) == 1:
            raise OSError("SMTP hiccup")
        return 1

    monkeypatch.setattr("leads.tasks.send_mail", flaky)
    with pytest.raises(OSError):
        notify_editors.call("Subject", "Text", 1)
    assert len(calls) == 2  # the retry (run at once in tests) got through
