"""Wagtail's own admin messages that name one of our models read right in Russian: our catalog
words them (core/wagtail_wording.py) so the model's name never stands in the nominative after a
verb that wants another case ("удалить сделка") nor takes a verb of the wrong gender."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import pytest

from leads.models import Pipeline
from leads.services import lead_capture
from tests.leads.conftest import VALID, sales_users  # noqa: F401 - shared fixture

WRONG = ("удалить сделка", "сохранить воронка", "обновлена", "ссылались", "На сделка")


@pytest.fixture
def russian(settings):
    settings.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        yield


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def deal(db, site_tree, sales_users):  # noqa: F811
    return lead_capture(data={**VALID, "name": "Natalia Pavlova"}, notify=False)


def test_a_saved_contact_reads_right(admin_client, deal, russian):
    contact = deal.contact
    response = admin_client.post(
        reverse("leads_contacts:edit", args=[contact.pk]),
        {"name": "Natalia Pavlova", "email": contact.email, "preferred_channel": "email"},
        follow=True,
    )
    [message] = _messages(response)
    assert message.startswith("Сохранено: контакт «Natalia Pavlova».")  # then an Edit button


def test_a_pipeline_that_cannot_be_saved_reads_right(admin_client, russian):
    pipeline = Pipeline.objects.first()
    response = admin_client.post(reverse("leads_pipelines:edit", args=[pipeline.pk]), {})
    html = response.content.decode()
    assert "Не удалось сохранить (воронка): исправьте ошибки." in html
    assert not [wrong for wrong in WRONG if wrong in html]


def test_deleting_a_deal_asks_in_good_russian(admin_client, deal, russian):
    html = admin_client.get(reverse("leads_deals:delete", args=[deal.pk])).content.decode()
    assert "Вы уверены, что хотите удалить этот объект (сделка)?" in html
    assert not [wrong for wrong in WRONG if wrong in html]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Этот объект (сделка) используется 1 раз."),
        (3, "Этот объект (сделка) используется 3 раза."),
        (4, "Этот объект (сделка) используется 4 раза."),
        (11, "Этот объект (сделка) используется 11 раз."),
        (21, "Этот объект (сделка) используется 21 раз."),
    ],
)
def test_usage_count_has_the_right_plural(count, expected):
    with translation.override("ru"):
        text = translation.ngettext(
            "This %(model_name)s is referenced %(usage_count)s time.",
            "This %(model_name)s is referenced %(usage_count)s times.",
            count,
        ) % {"model_name": "сделка", "usage_count": count}
    assert text == expected


@override_settings(LANGUAGE_CODE="en")
def test_english_keeps_wagtails_wording(admin_client, deal):
    html = admin_client.get(reverse("leads_deals:delete", args=[deal.pk])).content.decode()
    assert "Are you sure you want to delete this deal?" in html
