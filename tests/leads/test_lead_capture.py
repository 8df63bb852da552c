"""lead_capture: what it writes, where it routes, how it deduplicates, what it refuses."""

from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from leads.models import Activity, Contact, Deal, LeadSubmission, Task
from leads.services import LeadMeta, lead_capture

WRITTEN = (LeadSubmission, Contact, Deal, Task, Activity)


def counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def test_request_creates_contact_and_deal_at_first_stage(
    db, sales_users, service_of_type, valid_data
):
    service = service_of_type("project", "Online store development")
    deal = lead_capture(
        data=valid_data,
        source_page=service,
        meta=LeadMeta(consent_text="I agree", ip_address="10.0.0.1"),
    )

    assert deal.contact.name == "Anna Petrova"
    assert deal.contact.email == "anna@example.com"
    assert deal.contact.phone == "+79161234567"
    assert deal.contact.company.name == "Retail Co"
    assert deal.contact.consent_given and deal.contact.consent_text == "I agree"
    assert deal.pipeline.service_types.filter(code="project").exists()
    assert deal.stage == deal.pipeline.stages.order_by("sort_order").first()
    assert list(deal.services.all()) == [service]
    assert deal.owner in sales_users
    submission = LeadSubmission.objects.get()
    assert submission.deal == deal
    assert submission.data["phone"] == "8 (916) 123-45-67"  # exactly as posted
    assert submission.ip_address == "10.0.0.1"
    timeline = Activity.objects.filter(deal=deal)
    assert timeline.filter(kind="request", text__contains="online store").exists()
    assert Task.objects.filter(
        deal=deal, title="Call the client back", assignee=deal.owner
    ).exists()
    assert deal.stage_changes.count() == 1


@pytest.mark.parametrize(
    ("code", "pipeline_name", "first_stage"),
    [
        ("project", "Project work", "New request"),
        ("one_off", "One-off consultation", "Request"),
        ("subscription", "Subscription", "Request"),
        ("b2b", "B2B sale", "New request"),
        ("b2c", "B2C sale", "New request"),
    ],
)
def test_each_service_type_lands_in_its_pipeline(
    db, service_of_type, valid_data, code, pipeline_name, first_stage
):
    deal = lead_capture(data=valid_data, source_page=service_of_type(code))
    assert deal.pipeline.name == pipeline_name
    assert deal.stage.name == first_stage
    assert deal.tasks.exists()


def test_request_without_a_service_goes_to_the_default_pipeline(db, site_tree, valid_data):
    deal = lead_capture(data=valid_data, source_page=site_tree.home)
    assert deal.pipeline.is_default


def test_owners_are_assigned_round_robin(db, sales_users, valid_data):
    owners = []
    for number in range(4):
        data = {**valid_data, "email": f"p{number}@example.com", "phone": ""}
        owners.append(lead_capture(data=data).owner)
    assert owners == [sales_users[0], sales_users[1], sales_users[0], sales_users[1]]


def test_same_person_by_email_or_phone_format_is_one_contact(db, valid_data):
    first = lead_capture(data={**valid_data, "phone": ""})
    second = lead_capture(data={**valid_data, "email": "ANNA@example.com ", "message": "Second"})
    third = lead_capture(
        data={**valid_data, "email": "", "phone": "+7 916 123 45 67", "message": "Third"}
    )
    assert Contact.objects.count() == 1
    assert first.contact == second.contact == third.contact
    assert Deal.objects.count() == 3
    assert Contact.objects.get().phone == "+79161234567"  # filled in by the second request


def test_double_submit_creates_one_deal(db, valid_data):
    meta = LeadMeta(dedupe_key="token-123", ip_address="10.0.0.2")
    first = lead_capture(data=valid_data, meta=meta)
    again = lead_capture(data=valid_data, meta=meta)
    assert first == again
    assert Deal.objects.count() == 1 and LeadSubmission.objects.count() == 1
    # Without a token, the same content from the same address within minutes is the same request.
    plain = LeadMeta(ip_address="10.0.0.3")
    lead_capture(data={**valid_data, "message": "x"}, meta=plain)
    lead_capture(data={**valid_data, "message": "x"}, meta=plain)
    assert Deal.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"phone": "+7 000 000-00-00"}, "phone"),
        ({"email": "", "phone": ""}, "email"),
        ({"message": "x" * 5001}, "message"),
        ({"name": "n" * 256}, "name"),
        ({"budget": "a lot"}, "budget"),
        ({"preferred_channel": "pigeon"}, "preferred_channel"),
        ({"consent": ""}, "consent"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(db, valid_data, change, field):
    before = counts()
    with pytest.raises(ValidationError) as error:
        lead_capture(data={**valid_data, **change})
    assert field in error.value.message_dict
    assert counts() == before


def test_wrong_types_are_rejected_not_crashed(db, valid_data):
    with pytest.raises(ValidationError) as error:
        lead_capture(data={**valid_data, "name": ["a", "b"], "email": {"x": 1}})
    assert "email" in error.value.message_dict
    assert Deal.objects.count() == 0


def test_owner_is_emailed_after_commit(
    db, sales_users, valid_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deal = lead_capture(data=valid_data)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [deal.owner.email]
    assert deal.title in mail.outbox[0].subject


def test_failing_mail_server_keeps_the_request_and_retries(
    db, sales_users, valid_data, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def broken_send_mail(*args, **kwargs):
        attempts.append(1)
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("leads.tasks.send_mail", broken_send_mail)
    with django_capture_on_commit_callbacks(execute=True):
        deal = lead_capture(data=valid_data)
    assert Deal.objects.filter(pk=deal.pk).exists()
    assert LeadSubmission.objects.get().deal == deal
    assert len(attempts) == 5  # the first try and four retries (run at once by the test backend)


def test_a_broken_deal_step_still_keeps_the_request(db, valid_data, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("leads.services.capture.deal_create", explode)
    assert lead_capture(data=valid_data) is None
    submission = LeadSubmission.objects.get()
    assert submission.deal is None and submission.data["name"] == "Anna Petrova"
    assert Deal.objects.count() == 0
