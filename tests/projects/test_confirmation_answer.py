"""The client's answer: validated field by field, kept verbatim with the consent, and saved as a
new draft revision of the case (the live page unchanged), with a timeline entry and mails."""

from decimal import Decimal

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Revision

import pytest

from cases.models import CasePage
from leads.models import Activity
from projects.models import ClientConfirmation
from projects.services.confirmations import CONSENT_TEXT, confirmation_send
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import answer_data, case_with_project, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(site_tree, admin_user, django_user_model):
    owner = django_user_model.objects.create_user("owner", "owner@example.com", "x")
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    case, _project = case_with_project(site_tree, owner=owner)
    return confirmation_send(case=case, user=admin_user)


def _url(confirmation):
    return reverse("projects:confirmation", args=[confirmation.token])


def test_answer_becomes_a_draft_revision_and_the_live_page_is_unchanged(client, sent):
    revisions = Revision.objects.filter(object_id=str(sent.case_id)).count()
    response = client.post(_url(sent), answer_data(), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    live = CasePage.objects.get(pk=sent.case_id)
    assert live.live and live.has_unpublished_changes
    assert [(m.label, m.value_after) for m in live.metrics.all()] == [("Conversion", 3)]
    assert live.testimonial_quote == "" and live.results_confirmed_on is None
    assert Revision.objects.filter(object_id=str(sent.case_id)).count() == revisions + 1
    draft = live.get_latest_revision_as_object()
    assert [(m.label, m.value_after, m.period) for m in draft.metrics.all()] == [
        ("Conversion", Decimal("4.5"), "per month")
    ]
    assert draft.testimonial_quote == "They did great work."
    assert draft.testimonial_author == "Jane Roe" and draft.testimonial_position == "CTO"
    assert draft.visibility == "public" and draft.results_confirmed_on is not None
    sent.refresh_from_db()
    assert sent.answered_at and sent.score == 9 and sent.may_be_reference
    assert sent.publication == "named"
    assert sent.consent_text == str(CONSENT_TEXT) and sent.consent_at
    assert sent.consent_ip == "203.0.113.7"
    assert sent.answer["metrics"][0]["value_after"] == "4.5"
    assert sent.answer["comment"] == "Thanks"
    assert sent.revision.object_id == str(sent.case_id)


def test_timeline_and_mails_to_the_owner_and_editors(
    client, sent, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(sent), answer_data())
    entry = Activity.objects.get(deal=sent.project.deal, data__event="confirmation_answered")
    assert "Shop migration" in entry.text
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"owner@example.com", "editor@example.com"} <= recipients


def test_a_second_answer_is_refused_and_the_page_thanks(client, sent):
    client.post(_url(sent), answer_data())
    count = Revision.objects.filter(object_id=str(sent.case_id)).count()
    again = client.post(_url(sent), answer_data(quote="Changed my mind"))
    assert again.status_code == 200 and "Thank you" in again.content.decode()
    assert Revision.objects.filter(object_id=str(sent.case_id)).count() == count
    assert client.get(_url(sent)).status_code == 200
    sent.refresh_from_db()
    assert sent.answer["quote"] == "They did great work."


@pytest.mark.parametrize(
    ("publication", "visibility", "person"),
    [
        ("named", "public", ("Jane Roe", "CEO of Acme")),
        ("anonymised", "anonymised", ("", "")),
        ("none", "internal", ("", "")),
    ],
)
def test_visibility_never_more_public_than_the_consent(
    client, sent, publication, visibility, person
):
    client.post(_url(sent), answer_data(publication=publication, position="CEO of Acme"))
    draft = CasePage.objects.get(pk=sent.case_id).get_latest_revision_as_object()
    assert draft.visibility == visibility
    # unless named, nothing on the page points at the person: neither name nor position
    assert (draft.testimonial_author, draft.testimonial_position) == person
    assert draft.testimonial_quote == "They did great work."
    sent.refresh_from_db()  # the answer itself keeps what the client typed
    assert (sent.answer["name"], sent.answer["position"]) == ("Jane Roe", "CEO of Acme")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": None}, "consent", "Tick the consent box"),
        ({"consent": "o\x00n"}, "consent", "Null characters"),
        ({"score": "11"}, "score", "Select a valid choice"),
        ({"score": None}, "score", "Choose a score from 1 to 10."),
        ({"publication": "everywhere"}, "publication", "Select a valid choice"),
        ({"metrics-0-value_after": "lots"}, "value_after", "Enter a number."),
        ({"metrics-0-value_after": "1" * 20}, "value_after", "Ensure that there are no more than"),
        ({"metrics-0-unit": "u" * 41}, "unit", "at most 40 characters"),
        ({"metrics-0-period": "p" * 81}, "period", "at most 80 characters"),
        ({"metrics-0-label": ""}, "label", "This field is required."),
        ({"quote": "q" * 2001}, "quote", "at most 2000 characters"),
        ({"name": ""}, "name", "Enter your name to go with the testimonial."),
        ({"name": "Ja\x00ne"}, "name", "Null characters"),
        ({"metrics-0-DELETE": "on"}, None, "Keep at least one result"),
        ({"metrics-TOTAL_FORMS": "5000"}, None, "Please submit at most 20 forms."),
        ({"metrics-TOTAL_FORMS": "x"}, None, "Keep at least one result"),
    ],
)
def test_bad_input_is_refused_with_its_message_and_valid_input_kept(
    client, sent, overrides, field, message
):
    response = client.post(_url(sent), answer_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if field != "quote":
        assert "They did great work." in html  # what was valid stays on the page
    sent.refresh_from_db()
    assert sent.answered_at is None


def test_rows_can_be_added_without_scripts_and_removed(client, sent):
    response = client.post(_url(sent), {**answer_data(), "add_row": "1", "send": ""})
    assert response.status_code == 200
    assert 'name="metrics-1-label"' in response.content.decode()
    assert "This field is required" not in response.content.decode()
    data = answer_data(
        **{
            "metrics-TOTAL_FORMS": "2",
            "metrics-1-label": "Revenue",
            "metrics-1-value_before": "10",
            "metrics-1-value_after": "12",
            "metrics-0-DELETE": "on",
        }
    )
    assert client.post(_url(sent), data).status_code == 302
    draft = CasePage.objects.get(pk=sent.case_id).get_latest_revision_as_object()
    assert [m.label for m in draft.metrics.all()] == ["Revenue"]


def test_a_photo_goes_with_the_testimonial(client, sent):
    photo = image_file("PNG")
    response = client.post(_url(sent), {**answer_data(), "photo": photo})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.photo is not None
    draft = CasePage.objects.get(pk=sent.case_id).get_latest_revision_as_object()
    assert draft.testimonial_photo_id == sent.photo_id


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("x.svg", SVG, "image/svg+xml"), "JPEG, PNG or WebP"),
        (lambda: SimpleUploadedFile("x.png", b"not an image", "image/png"), "not a photo"),
        (lambda: image_file("GIF"), "JPEG, PNG or WebP"),
        (lambda: image_file("PNG", name="photo.jpg"), "does not match its extension"),
        (lambda: image_file("PNG", size=(6000, 6000)), "too many pixels"),
    ],
)
def test_photo_uploads_are_checked(client, sent, upload, message):
    response = client.post(_url(sent), {**answer_data(), "photo": upload()})
    assert response.status_code == 400
    assert message in response.content.decode()
    sent.refresh_from_db()
    assert sent.answered_at is None


def test_photo_over_5_mb_is_refused(client, sent, settings):
    from projects import forms

    big = SimpleUploadedFile(
        "x.png", image_file("PNG").read() + b"\0" * (forms.PHOTO_MAX_BYTES + 1)
    )
    response = client.post(_url(sent), {**answer_data(), "photo": big})
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()


def test_answer_keeps_no_nul_characters(client, sent):
    client.post(_url(sent), answer_data(comment="a\x00b"))
    # Django's CharField refuses NUL in the comment: nothing was stored
    assert not ClientConfirmation.objects.filter(answered_at__isnull=False).exists()
