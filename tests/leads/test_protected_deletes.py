"""Deleting a sales record others still need is refused with the reason, never a 500.

A stage with deals, a contact with deals, a pipeline with deals, a lost reason a lost deal gives:
the delete page names what keeps the record and the record stays; a record nothing needs goes,
and the Russian message reads as the saving one ("Удалено: компания «…».").
"""

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

import pytest

from leads.models import Company, Contact, Deal, LostReason, Pipeline, Stage
from leads.services import deal_close_lost, lead_capture
from tests.leads.pipelines import pipeline_form


@pytest.fixture
def deal(db, sales_users, valid_data):
    return lead_capture(data=valid_data, notify=False)


def test_a_stage_with_deals_cannot_be_deleted_in_the_setup_screen(client, manager, deal):
    client.force_login(manager)
    pipeline = deal.pipeline
    first = deal.stage.name
    url, data, stages = pipeline_form(client, pipeline)
    data[stages[first] + "DELETE"] = "1"

    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This stage has deals (1): move them to another stage first." in html
    assert Stage.objects.filter(pipeline=pipeline, name=first).exists()
    # the row is shown again, not ticked for deletion, so its error can be read
    again = querydict_from_html(html, form_id="w-editor-form")
    assert not again.get(stages[first] + "DELETE")


def test_a_stage_deals_went_through_cannot_be_deleted_but_an_unused_one_can(client, manager, deal):
    client.force_login(manager)
    pipeline = deal.pipeline
    first = deal.stage.name
    Deal.objects.filter(pk=deal.pk).update(stage=pipeline.stages.get(name="Qualified"))

    url, data, stages = pipeline_form(client, pipeline)
    data[stages[first] + "DELETE"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Deals went through this stage" in response.content.decode()
    assert Stage.objects.filter(pipeline=pipeline, name=first).exists()

    unused = Stage.objects.create(pipeline=pipeline, name="Unused", kind="open", sort_order=99)
    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Unused"] + "DELETE"] = "1"
    assert client.post(url, data).status_code == 302
    assert not Stage.objects.filter(pk=unused.pk).exists()


def test_a_contact_with_deals_is_not_deleted_and_the_page_says_why(client, manager, deal):
    client.force_login(manager)
    contact = deal.contact
    url = reverse("leads_contacts:delete", args=[contact.pk])

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "cannot be deleted while other records use it (1): Deals (1)" in html
    assert deal.title in html
    assert "Yes, delete" not in html and "used 0 times" not in html

    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    assert Contact.objects.filter(pk=contact.pk).exists()
    [message] = get_messages(response.wsgi_request)
    assert "cannot be deleted" in str(message) and message.level_tag == "error"


def test_a_pipeline_and_a_lost_reason_in_use_are_refused_the_same_way(client, manager, deal):
    client.force_login(manager)
    reason = LostReason.objects.get(name="No budget")
    deal_close_lost(deal=deal, reason=reason)
    for model, namespace in [(Pipeline, "leads_pipelines"), (LostReason, "leads_lost_reasons")]:
        row = deal.pipeline if model is Pipeline else reason
        url = reverse(f"{namespace}:delete", args=[row.pk])
        assert "cannot be deleted" in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        assert model.objects.filter(pk=row.pk).exists()


def test_an_unused_record_is_deleted_and_the_russian_message_reads_right(client, manager, deal):
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(manager)
    company = Company.objects.create(name="Baltic Port")
    response = client.post(reverse("leads_companies:delete", args=[company.pk]), follow=True)
    assert not Company.objects.filter(pk=company.pk).exists()
    assert "Удалено: компания «Baltic Port»." in response.content.decode()

    # a contact with no deal goes too
    contact = Contact.objects.create(name="Nobody Yet")
    client.post(reverse("leads_contacts:delete", args=[contact.pk]))
    assert not Contact.objects.filter(pk=contact.pk).exists()
