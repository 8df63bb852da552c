"""The seams of the request pipeline: the request's metadata built in one place, services that
take cleaned data, queueing in one module, and imports running one way (services never import
the tasks that call them)."""

import ast
import json
from pathlib import Path

from django.db import transaction
from django.test import RequestFactory

import pytest
from django_tasks import default_task_backend

from leads import tasks
from leads.models import Deal, LeadSubmission
from leads.selectors import request_source_page
from leads.services import LeadMeta, lead_capture, lead_clean, lead_process, lead_receive
from leads.signals import deal_received, request_stored
from leads.spam import too_fast_reason
from leads.visitor import parse_visitor_path

SERVICES = Path(__file__).resolve().parents[2] / "leads" / "services"

VISIT = json.dumps(
    {
        "landing": "https://vitrina.example/cases/?utm_source=ya",
        "referrer": "https://yandex.ru/search",
        "utm": {"utm_source": "yandex"},
        "pages": [{"url": "https://vitrina.example/p1/", "title": "Page 1"}],
    }
)


def ours(backend) -> list:
    """The pipeline's queued tasks (Wagtail may queue its reference index besides)."""
    return [
        (r.task.func, r.args) for r in backend.results if r.task.module_path.startswith("leads.")
    ]


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def posted(**meta):
    return RequestFactory().post(
        "/requests/",
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Firefox",
        HTTP_REFERER="https://vitrina.example/services/seo/",
        **meta,
    )


def test_from_request_reads_sender_browser_page_and_visit():
    meta = LeadMeta.from_request(
        posted(),
        channel="form",
        source="website",
        visit=parse_visitor_path(VISIT),
        consent_text="I agree",
        dedupe_key="tok-1",
        spam_reason="too fast",
    )
    assert (meta.ip_address, meta.user_agent) == ("203.0.113.7", "Firefox")
    assert meta.source_url == "https://vitrina.example/services/seo/"  # the Referer
    assert meta.utm == {"utm_source": "yandex"} and meta.referrer == "https://yandex.ru/search"
    assert meta.landing_page.startswith("https://vitrina.example/cases/")
    assert [page["url"] for page in meta.visitor_path] == ["https://vitrina.example/p1/"]
    assert meta.first_touch["landing"] == meta.landing_page  # no earlier visit: this one
    assert (meta.consent_text, meta.dedupe_key, meta.spam_reason) == (
        "I agree",
        "tok-1",
        "too fast",
    )


def test_from_request_takes_the_source_url_it_is_given():
    visit = parse_visitor_path(VISIT)
    meta = LeadMeta.from_request(
        posted(),
        channel="api",
        source="Landing",
        visit=visit,
        source_url=visit["landing"],
        consent_text="",
    )
    assert meta.source_url == visit["landing"] and meta.channel == "api"


def test_from_submission_gives_back_what_was_stored(db, valid_data):
    sent = LeadMeta.from_request(
        posted(),
        channel="form",
        source="website",
        visit=parse_visitor_path(VISIT),
        consent_text="I agree",
        dedupe_key="tok-1",
    )
    submission = lead_receive(data=valid_data, meta=sent)
    back = LeadMeta.from_submission(LeadSubmission.objects.get(pk=submission.pk))
    for name in (
        "channel",
        "source",
        "source_url",
        "ip_address",
        "user_agent",
        "utm",
        "referrer",
        "landing_page",
        "visitor_path",
        "first_touch",
        "consent_text",
        "spam_reason",
    ):
        assert getattr(back, name) == getattr(sent, name), name
    assert back.dedupe_key == ""  # only its hash is stored


def test_lead_receive_takes_cleaned_data_and_does_not_validate_again(
    db, valid_data, monkeypatch, queued
):
    cleaned = lead_clean(valid_data)
    monkeypatch.setattr("leads.services.capture.lead_clean", pytest.fail)
    submission = lead_receive(data=valid_data, cleaned=cleaned)
    assert submission.data["email"] == "Anna@Example.com"  # stored as sent
    assert submission.consent_at is not None


def test_lead_receive_is_its_own_transaction(db, valid_data):
    """Its store is durable: committed when it returns, so queueing at once is after commit."""
    with pytest.raises(RuntimeError), transaction.atomic():
        lead_receive(data=valid_data)


def test_stored_request_is_queued_at_once(db, valid_data, queued):
    submission = lead_receive(data=valid_data)
    assert ours(queued) == [(tasks.process_submission.func, [submission.pk])]


def test_a_deal_is_announced_and_its_email_queued_only_on_commit(
    db, sales_users, valid_data, queued, django_capture_on_commit_callbacks
):
    announced = []

    def listen(sender, **kwargs):
        announced.append(kwargs)

    deal_received.connect(listen)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            deal = lead_capture(data=valid_data)
            assert ours(queued) == []  # nothing before commit
    finally:
        deal_received.disconnect(listen)
    assert [kw["deal_id"] for kw in announced] == [deal.pk]
    for callback in callbacks:
        callback()
    assert ours(queued) == [(tasks.notify_new_deal.func, [deal.pk])]


def test_a_failing_queue_is_logged_not_raised(db, valid_data, monkeypatch, caplog):
    class QueueDown:
        def enqueue(self, *args):
            raise ConnectionError("the queue is down")

    monkeypatch.setattr("leads.tasks.process_submission", QueueDown())
    submission = lead_receive(data=valid_data)
    assert LeadSubmission.objects.filter(pk=submission.pk, deal=None).exists()
    assert "could not be queued" in caplog.text


def test_the_worker_rebuilds_the_request_from_the_stored_row(db, sales_users, valid_data, queued):
    submission = lead_receive(data=valid_data)
    deal = lead_process(submission.pk)
    assert deal.contact.email == "anna@example.com" and deal.contact.phone == "+79161234567"
    assert Deal.objects.count() == 1


def test_signals_are_the_only_bridge():
    """``leads.services`` never imports ``leads.tasks`` or ``leads.queue``, not even inside a
    function: the tasks call the services, so the import runs one way."""
    for module in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [f"{'.' * node.level}{node.module or ''}"]
                names += [f"{names[0]}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.endswith(("tasks", ".queue")), f"{module.name} imports {name}"
    assert request_stored.has_listeners() and deal_received.has_listeners()


def test_too_fast_reason(settings):
    settings.LEADS_MIN_FILL_SECONDS = 3
    assert too_fast_reason(3) == "" and too_fast_reason(60) == ""
    assert "1.5" in too_fast_reason(1.5) and "3" in too_fast_reason(-1)


def test_request_source_page_names_only_live_public_pages(site_tree):
    assert request_source_page(site_tree.home.pk).pk == site_tree.home.pk
    assert request_source_page("nope") is None and request_source_page(None) is None
    assert request_source_page(1) is None  # the tree's root is no page of the site
