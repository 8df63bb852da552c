"""The public request form: rendering on content pages, PRG, spam traps, rate limit, the visitor's path."""

import json

from django.core.signing import TimestampSigner
from django.test import override_settings

import pytest

from leads.models import Deal, LeadSubmission
from leads.spam import SALT
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def old_stamp():
    signer = TimestampSigner(salt=SALT)
    with override_settings():
        import time

        real = time.time
        try:
            time.time = lambda: real() - 60
            return signer.sign("form")
        finally:
            time.time = real


@pytest.fixture
def post_data(valid_data, portfolio):
    return {
        **valid_data,
        "source_page": portfolio.services[0].pk,
        "started": old_stamp(),
        "form_token": "tok-1",
        "website": "",
        "visitor_path": json.dumps(
            {
                "landing": "https://vitrina.example/cases/?utm_source=ya",
                "referrer": "https://yandex.ru/search",
                "utm": {"utm_source": "yandex", "utm_campaign": "autumn", "evil": "x"},
                "pages": [
                    {"url": f"https://vitrina.example/p{n}/", "title": f"Page {n}"}
                    for n in range(25)
                ],
            }
        ),
    }


def test_form_is_on_service_case_and_expert_pages(client, portfolio):
    for page in (portfolio.services[0], portfolio.cases[0], portfolio.experts[0]):
        html = client.get(page.url).content.decode()
        assert 'action="/requests/"' in html, page
        assert f'name="source_page" value="{page.pk}"' in html
        assert "I agree to the processing of my personal data" in html  # consent text from settings


def test_post_redirects_to_thanks_and_stores_everything(client, post_data, portfolio):
    response = client.post("/requests/", post_data)
    assert response.status_code == 302 and response["Location"] == "/requests/thanks/"
    assert "Thank you" in client.get(response["Location"]).content.decode()
    deal = Deal.objects.get()
    assert deal.source_page.specific == portfolio.services[0]
    assert deal.utm == {"utm_source": "yandex", "utm_campaign": "autumn"}
    assert deal.referrer == "https://yandex.ru/search"
    assert deal.landing_page.startswith("https://vitrina.example/cases/")
    assert len(deal.visitor_path) == 20 and deal.visitor_path[-1]["title"] == "Page 24"
    assert LeadSubmission.objects.get().consent_text.startswith("I agree")


def test_double_submit_makes_one_deal(client, post_data):
    client.post("/requests/", post_data)
    again = client.post("/requests/", post_data)
    assert again.status_code == 302
    assert Deal.objects.count() == 1


def test_errors_keep_what_was_typed(client, post_data):
    response = client.post("/requests/", {**post_data, "email": "nope", "phone": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in html
    assert 'value="Anna Petrova"' in html and "We need an online store." in html
    assert Deal.objects.count() == 0


@pytest.mark.parametrize(
    "trap",
    [
        {"website": "http://spam.example"},
        {"started": ""},
        {"started": "forged:stamp"},
    ],
)
def test_bots_are_dropped_without_a_record(client, post_data, trap):
    # a fresh stamp is kept as suspected spam instead (tests/leads/test_spam_timing.py)
    response = client.post("/requests/", {**post_data, **trap})
    assert response.status_code == 302 and response["Location"] == "/requests/thanks/"
    assert LeadSubmission.objects.count() == 0 and Deal.objects.count() == 0


@override_settings(LEADS_RATE_LIMIT=2)
def test_person_over_the_rate_limit_sees_a_clear_message(client, post_data):
    for number in range(2):
        client.post("/requests/", {**post_data, "form_token": f"t{number}", "message": str(number)})
    response = client.post("/requests/", {**post_data, "form_token": "t3", "message": "3"})
    assert response.status_code == 429
    assert "several requests in a short time" in response.content.decode()
    assert Deal.objects.count() == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"source_page": "abc"},
        {"source_page": "999999"},
        {"visitor_path": "{not json"},
        {"visitor_path": json.dumps([1, 2, 3])},
        {"visitor_path": json.dumps({"pages": "x", "utm": [1]})},
        {"name": "<script>alert(1)</script>"},
    ],
)
def test_odd_input_never_breaks_the_form(client, post_data, bad):
    response = client.post("/requests/", {**post_data, **bad})
    assert response.status_code == 302
    assert Deal.objects.count() == 1


def test_get_is_not_allowed(client, db):
    assert client.get("/requests/").status_code == 405


def test_failing_mail_server_still_thanks_the_visitor(
    client, post_data, sales_users, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("leads.tasks.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/requests/", post_data)
    assert response.status_code == 302 and response["Location"] == "/requests/thanks/"
    assert Deal.objects.count() == 1 and LeadSubmission.objects.count() == 1


def test_contact_page_shows_the_form(client, site_tree):
    from leads.models import ContactPage

    page = site_tree.home.add_child(instance=ContactPage(title="Contact", slug="contact"))
    html = client.get(page.url).content.decode()
    assert 'action="/requests/"' in html and f'name="source_page" value="{page.pk}"' in html
