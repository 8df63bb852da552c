"""A form sent too fast: mistakes are shown, a valid request is kept as suspected spam, and a
manager turns it into a deal with one click. Only the honeypot and a bad stamp drop a request."""

import datetime

from django.core.exceptions import ValidationError
from django.core.signing import TimestampSigner
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import default_task_backend

from leads.models import Activity, Deal, LeadSubmission
from leads.services import lead_accept_suspected, lead_process, lead_process_pending
from leads.spam import SALT
from tests.leads.test_request_form import post_data  # noqa: F401  (fixture)
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def fresh_stamp() -> str:
    return TimestampSigner(salt=SALT).sign("form")


@pytest.fixture
def too_fast(post_data):  # noqa: F811
    return {**post_data, "started": fresh_stamp()}


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def held(client, data) -> LeadSubmission:
    response = client.post("/requests/", data)
    assert response.status_code == 302 and response["Location"] == "/requests/thanks/"
    return LeadSubmission.objects.get()


def test_an_empty_form_sent_at_once_shows_its_errors(client, too_fast):
    empty = {key: too_fast[key] for key in ("source_page", "started", "form_token", "website")}
    response = client.post("/requests/", empty)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html and "Leave an email or a phone number" in html
    assert LeadSubmission.objects.count() == 0


def test_a_mistake_in_an_autofilled_form_is_shown_not_swallowed(client, too_fast):
    response = client.post("/requests/", {**too_fast, "email": "anna@", "phone": ""})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert LeadSubmission.objects.count() == 0


def test_a_valid_request_sent_too_fast_is_kept_without_a_deal(client, too_fast, queued):
    submission = held(client, too_fast)
    assert "Thank you" in client.get("/requests/thanks/").content.decode()
    assert submission.spam_status == "suspected"
    assert "after the form was shown" in submission.spam_reason
    assert submission.data["name"] == "Anna Petrova" and submission.deal is None
    assert queued.results == []  # no deal is queued for it
    assert lead_process(submission.pk) is None  # nor built by a stray task
    LeadSubmission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert lead_process_pending() == 0  # nor by the sweep of stranded requests
    assert Deal.objects.count() == 0


def test_a_request_sent_after_the_minimum_is_not_suspected(client, post_data, queued):  # noqa: F811
    submission = held(client, post_data)
    assert submission.spam_status == "clean" and submission.spam_reason == ""
    assert len(queued.results) == 1


def test_honeypot_drops_even_an_invalid_form(client, too_fast):
    response = client.post("/requests/", {**too_fast, "website": "x", "email": "bad"})
    assert response.status_code == 302
    assert LeadSubmission.objects.count() == 0


def test_a_manager_finds_it_under_incoming_requests(client, too_fast, manager):
    submission = held(client, too_fast)
    client.force_login(manager)
    listing = client.get(reverse("leads_requests:index") + "?spam_status=suspected")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Suspected spam" in html and "after the form was shown" in html
    assert "Anna Petrova" in html
    clean = client.get(reverse("leads_requests:index") + "?spam_status=clean").content.decode()
    assert "Anna Petrova" not in clean
    page = client.get(reverse("leads_requests:inspect", args=[submission.pk])).content.decode()
    assert reverse("leads_requests:accept", args=[submission.pk]) in page


def test_one_click_turns_it_into_a_deal(client, too_fast, manager):
    submission = held(client, too_fast)
    client.force_login(manager)
    url = reverse("leads_requests:accept", args=[submission.pk])
    response = client.post(url)
    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("leads_deals:detail", args=[deal.pk])
    submission.refresh_from_db()
    assert submission.deal == deal and submission.spam_status == "accepted"
    # the normal path: contact, owner, services of the page, the request on the timeline
    assert deal.contact.email == "anna@example.com" and deal.owner is not None
    assert deal.services.exists()
    assert deal.activities.filter(kind="request", text__contains="online store").exists()
    note = Activity.objects.get(deal=deal, kind="note")
    assert note.author == manager and "suspected spam" in note.text
    page = client.get(reverse("leads_requests:inspect", args=[submission.pk])).content.decode()
    assert url not in page  # no button any more
    assert client.post(url).status_code == 302 and Deal.objects.count() == 1  # a double click


def test_sales_staff_cannot_accept(client, too_fast, sales_users):
    submission = held(client, too_fast)
    client.force_login(sales_users[0])
    response = client.post(reverse("leads_requests:accept", args=[submission.pk]))
    # Wagtail answers a PermissionDenied in the admin with its home page and a message
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert Deal.objects.count() == 0
    submission.refresh_from_db()
    assert submission.spam_status == "suspected"


def test_accept_needs_post_and_a_held_request(client, post_data, manager):  # noqa: F811
    submission = held(client, post_data)  # a clean one: already a deal
    client.force_login(manager)
    url = reverse("leads_requests:accept", args=[submission.pk])
    assert client.get(url).status_code == 405
    assert client.post(reverse("leads_requests:accept", args=[999_999])).status_code == 404
    assert client.post(url).status_code == 302 and Deal.objects.count() == 1
    Deal.objects.all().delete()  # the deal gone, the request is not held: nothing to accept
    submission.refresh_from_db()
    with pytest.raises(ValidationError):
        lead_accept_suspected(submission=submission, user=manager)
