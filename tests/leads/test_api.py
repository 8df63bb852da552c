"""POST /api/leads/: same validation and the same lead_capture, authenticated by a hashed key."""

import json

from django.test import override_settings

import pytest

from leads.models import ApiKey, Deal, LeadSubmission
from leads.services import apikey_create


@pytest.fixture
def api_key(db):
    key, raw = apikey_create(name="Landing: autumn promo")
    return raw


def post(client, body, key=None, **headers):
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Api-Key {key}"
    payload = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/api/leads/", payload, content_type="application/json", **headers)


VALID = {"name": "Ivan", "email": "ivan@example.com", "message": "Need SEO", "consent": True}


def test_created(client, api_key):
    response = post(client, {**VALID, "utm": {"utm_source": "vk"}}, api_key)
    assert response.status_code == 201
    deal = Deal.objects.get(pk=response.json()["deal"])
    assert deal.source == "Landing: autumn promo"
    assert deal.utm == {"utm_source": "vk"}
    assert LeadSubmission.objects.get().channel == "api"


def test_key_is_stored_hashed_and_shown_once(api_key):
    stored = ApiKey.objects.get()
    assert api_key not in (stored.key_hash, stored.prefix)
    assert api_key.startswith(stored.prefix)
    assert len(api_key) >= 40


@pytest.mark.parametrize("key", [None, "wrong", "vk_" + "x" * 43])
def test_unauthorised(client, api_key, key):
    response = post(client, VALID, key)
    assert response.status_code == 401
    assert Deal.objects.count() == 0


def test_inactive_key_is_refused(client, api_key):
    ApiKey.objects.update(is_active=False)
    assert post(client, VALID, api_key).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**VALID, "email": "bad"}, "email"),
        ({"name": "Ivan", "consent": True}, "email"),
        ({**VALID, "consent": False}, "consent"),
        ({**VALID, "name": ""}, "name"),
        ("{broken", "__all__"),
        ("[1, 2]", "__all__"),
        (b"\xff\xfe", "__all__"),
    ],
)
def test_field_errors(client, api_key, body, field):
    response = post(client, body, api_key)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Deal.objects.count() == 0


@override_settings(LEADS_RATE_LIMIT=1)
def test_rate_limited(client, api_key):
    assert post(client, VALID, api_key).status_code == 201
    assert post(client, {**VALID, "message": "again"}, api_key).status_code == 429


def test_idempotency_key(client, api_key):
    first = post(client, VALID, api_key, HTTP_IDEMPOTENCY_KEY="abc")
    second = post(client, VALID, api_key, HTTP_IDEMPOTENCY_KEY="abc")
    assert first.json()["deal"] == second.json()["deal"]
    assert Deal.objects.count() == 1


def test_only_post(client, api_key):
    assert client.get("/api/leads/").status_code == 405
