"""A NUL character in what a browser or a landing page sends along with a request: the request
is stored without it (PostgreSQL refuses NUL in text and JSON), or refused with a message."""

import json

from django.test import override_settings

import pytest

from leads.models import LeadSubmission
from leads.services import apikey_create
from tests.leads.test_request_form import old_stamp


@pytest.fixture
def form_post(valid_data, portfolio):
    def post(client, **changes):
        data = {
            **valid_data,
            "source_page": portfolio.services[0].pk,
            "started": old_stamp(),
            "form_token": "tok-nul",
            **changes,
        }
        return client.post(
            "/requests/", data, HTTP_USER_AGENT="Browser\x00", HTTP_REFERER="http://testserver/\x00"
        )

    return post


def test_landing_link_with_nul_utm_keeps_every_request(client, form_post):
    """``?utm_source=%00`` on the landing link ends up in every form the visitor sends."""
    path = {
        "landing": "https://vitrina.example/?utm_source=%00",
        "utm": {"utm_source": "\x00", "utm_campaign": "autumn\x00"},
        "pages": [{"url": "/cases/\x00", "title": "Cases\x00", "at": "\x00"}],
    }
    response = form_post(client, visitor_path=json.dumps(path))
    assert response.status_code == 302
    submission = LeadSubmission.objects.get()
    assert submission.utm == {"utm_campaign": "autumn"}
    assert submission.visitor_path[0]["title"] == "Cases"
    assert submission.user_agent == "Browser"


def test_nul_in_a_hidden_field_is_dropped_not_shown(client, form_post):
    response = form_post(client, form_token="tok\x00", visitor_path="\x00")
    assert response.status_code == 302
    assert LeadSubmission.objects.count() == 1


def test_nul_as_consent_is_refused_with_a_message(client, form_post):
    response = form_post(client, consent="\x00")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    assert LeadSubmission.objects.count() == 0


@override_settings(LEADS_RATE_LIMIT=100)
def test_api_strips_nul_from_metadata_and_refuses_deep_json(client, db):
    _key, raw = apikey_create(name="Landing")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}
    body = {
        "name": "Ivan",
        "email": "ivan@example.com",
        "consent": True,
        "consent_text": "I agree\x00",
        "utm": {"utm_source": "vk\x00"},
    }
    response = client.post("/api/leads/", body, content_type="application/json", **headers)
    assert response.status_code == 201
    submission = LeadSubmission.objects.get()
    assert (submission.utm, submission.consent_text) == ({"utm_source": "vk"}, "I agree")
    for deep in ("[" * 1000 + "]" * 1000, '{"utm": ' + "[" * 50 + "]" * 50 + "}"):
        response = client.post("/api/leads/", deep, content_type="application/json", **headers)
        assert response.status_code == 400
        assert response.json()["errors"]["__all__"]


# "\ud800" in JSON parses to a lone UTF-16 surrogate: PostgreSQL, SQLite's driver and hashing
# all refuse to encode it. It becomes U+FFFD, and the request is stored.


@override_settings(LEADS_RATE_LIMIT=100)
def test_api_replaces_lone_surrogates_and_keeps_the_request(client, db):
    _key, raw = apikey_create(name="Landing")
    body = (
        '{"name": "Ivan\\ud800", "email": "ivan@example.com", "consent": true,'
        ' "message": "Need \\udc00 a store", "consent_text": "I agree\\udfff",'
        ' "idempotency_key": "key\\ud800", "referrer": "https://a.ru/\\ud800",'
        ' "landing": "https://\\ud800.ru/", "utm": {"utm_source": "vk\\ud800", "\\udc00": "x"},'
        ' "pages": [{"url": "/a/", "title": "\\ud800"}],'
        ' "first_touch": {"landing": "https://b.ru/", "utm": {"utm_medium": "\\udbff"},'
        ' "at": "0001-01-01T00:00:00+14:00"}}'
    )
    response = client.post(
        "/api/leads/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Api-Key {raw}"
    )
    assert response.status_code == 201
    submission = LeadSubmission.objects.get()
    deal = submission.deal
    assert deal.contact.name == "Ivan\ufffd"
    assert submission.data["message"] == "Need \ufffd a store"
    assert submission.consent_text == "I agree\ufffd"
    assert submission.utm == {"utm_source": "vk\ufffd"}
    assert submission.visitor_path == [{"url": "/a/", "title": "\ufffd", "at": ""}]
    assert submission.first_touch == {
        "landing": "https://b.ru/",
        "referrer": "",
        "utm": {"utm_medium": "\ufffd"},
        "at": "",
    }
    # the same key again is the same request
    again = client.post(
        "/api/leads/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Api-Key {raw}"
    )
    assert again.status_code in (201, 202) and LeadSubmission.objects.count() == 1
