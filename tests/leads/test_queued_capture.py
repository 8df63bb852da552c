"""The site's form stores the request at once and queues its deal; the worker builds the deal
exactly once, with everything the form carried."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from django_tasks import default_task_backend

from core.models import SiteSettings
from leads.models import Deal, LeadSubmission
from leads.services import lead_process
from leads.tasks import process_submission
from tests.leads.test_request_form import post_data  # noqa: F401  (fixture)
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


@pytest.fixture
def queued(settings, sales_users):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_the_form_stores_the_request_and_queues_its_deal(client, post_data, portfolio, queued):  # noqa: F811
    SiteSettings.for_site(portfolio.tree.home.get_site())  # exists on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/requests/", post_data)
    assert response.status_code == 302
    submission = LeadSubmission.objects.get()
    assert submission.deal is None and Deal.objects.count() == 0
    assert [result.task.func for result in queued.results] == [process_submission.func]
    assert queued.results[0].args == [submission.pk]
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1  # the request itself; the task is queued in memory here

    deal = lead_process(submission.pk)
    submission.refresh_from_db()
    assert submission.deal == deal and deal.contact.email == "anna@example.com"
    assert deal.source_page_id == portfolio.services[0].pk
    assert list(deal.services.all()) == [portfolio.services[0]]
    assert deal.owner is not None and deal.visitor_path and deal.utm["utm_source"] == "yandex"
    assert deal.activities.filter(kind="request", text__contains="online store").exists()


def test_processing_twice_or_a_resubmission_makes_one_deal(client, post_data, queued):  # noqa: F811
    client.post("/requests/", post_data)
    client.post("/requests/", post_data)  # the same form token: a double submit
    assert LeadSubmission.objects.count() == 1 and len(queued.results) == 1
    submission = LeadSubmission.objects.get()
    first = lead_process(submission.pk)
    assert lead_process(submission.pk) == first and Deal.objects.count() == 1
    assert lead_process(999_999) is None


def test_a_request_whose_deal_fails_stays_stored(client, post_data, queued, monkeypatch):  # noqa: F811
    client.post("/requests/", post_data)
    submission = LeadSubmission.objects.get()
    monkeypatch.setattr(
        "leads.services.capture.deal_create", lambda **kw: (_ for _ in ()).throw(RuntimeError)
    )
    assert lead_process(submission.pk) is None
    assert LeadSubmission.objects.filter(pk=submission.pk, deal=None).exists()
    monkeypatch.undo()
    assert lead_process(submission.pk) is not None  # the next attempt succeeds


def test_a_request_stranded_before_its_task_was_queued_gets_its_deal(
    client,
    post_data,  # noqa: F811
    queued,
    monkeypatch,
):
    class QueueDown:
        def enqueue(self, *args):
            raise ConnectionError("the queue is down")

    monkeypatch.setattr("leads.tasks.process_submission", QueueDown())
    assert client.post("/requests/", post_data).status_code == 302  # the visitor sees no error
    stranded = LeadSubmission.objects.get()
    assert stranded.deal is None
    monkeypatch.undo()
    LeadSubmission.objects.filter(pk=stranded.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.post("/requests/", {**post_data, "form_token": "tok-2", "email": "b@example.com"})
    later = LeadSubmission.objects.exclude(pk=stranded.pk).get()
    process_submission.call(later.pk)  # what the worker runs for the later request
    stranded.refresh_from_db()
    later.refresh_from_db()
    assert stranded.deal is not None and later.deal is not None
