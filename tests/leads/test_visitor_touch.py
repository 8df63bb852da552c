"""Every request keeps where it came from: the visit that first brought the person (first touch)
and the visit that sent the request (last touch), on the request and on its deal; the deals list
filters and exports by them."""

import csv
import io
import json

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from leads.models import Deal, LeadSubmission
from leads.services import LeadMeta, apikey_create, lead_capture
from leads.visitor import parse_visitor_path
from tests.leads.test_request_form import old_stamp

FIRST = {
    "landing": "https://vitrina.example/?utm_source=yandex&utm_medium=cpc&utm_campaign=brand",
    "referrer": "https://yandex.ru/search/?text=devops",
    "utm": {"utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": "brand"},
    "at": "2025-01-10T09:30:00.000Z",
}
LAST = {
    "landing": "https://vitrina.example/services/k8s/?utm_source=telegram&utm_campaign=autumn",
    "referrer": "https://t.me/",
    "utm": {"utm_source": "telegram", "utm_medium": "social", "utm_campaign": "autumn"},
    "pages": [
        {"url": "https://vitrina.example/services/k8s/", "title": "Kubernetes", "at": "x"},
        {"url": "https://vitrina.example/cases/", "title": "Cases", "at": "y"},
    ],
}


def both(**first_changes) -> str:
    return json.dumps({**LAST, "first": {**FIRST, **first_changes}})


# What the browser sends, parsed.


def test_first_and_last_touch_are_read_apart():
    path = parse_visitor_path(both())
    assert path["utm"] == LAST["utm"] and path["landing"] == LAST["landing"]
    assert path["referrer"] == "https://t.me/" and len(path["pages"]) == 2
    assert path["first"] == {**FIRST, "at": "2025-01-10T09:30:00+00:00"}


def test_old_pages_without_a_first_touch_count_this_visit_as_the_first():
    path = parse_visitor_path(json.dumps(LAST))
    assert path["first"]["landing"] == LAST["landing"]
    assert path["first"]["utm"] == LAST["utm"]


def test_nothing_sent_means_nothing_kept():
    assert parse_visitor_path("") == {
        "landing": "",
        "referrer": "",
        "utm": {},
        "pages": [],
        "first": {},
    }


HOSTILE = [
    "\x00",
    "{not json",
    "[" * 5000 + "]" * 5000,
    json.dumps([1, 2, 3]),
    json.dumps({**LAST, "first": [FIRST]}),
    json.dumps({**LAST, "first": "https://vitrina.example/"}),
    json.dumps({**LAST, "first": None}),
    both(utm=["utm_source", "yandex"]),
    both(utm={"utm_source": 5, "utm_medium": None, "utm_campaign": {"x": 1}}),
    both(landing="javascript:alert(1)", referrer="//evil.example/", at=10**30),
    both(landing="https://\x00", referrer=["https://a.example/"], at="yesterday"),
    both(at="2025-01-10T09:30:00"),  # no zone: which moment is it?
    both(landing="https://vitrina.example/" + "a" * 100_000, utm={"utm_source": "y" * 100_000}),
    both(utm={"utm_source": "\x00yandex\x00", "utm_campaign": "\x00"}),
    json.dumps({"landing": 10**30, "utm": "\x00", "pages": "\x00", "first": {"utm": "\x00"}}),
    # past the last and before the first moment Python has in UTC (OverflowError, not ValueError)
    both(at="9999-12-31T23:59:59-14:00"),
    both(at="0001-01-01T00:00:00+14:00"),
    # "\ud800" in JSON parses to a lone surrogate: no database or UTF-8 encoder takes it
    both(utm={"utm_source": "\ud800", "\udc00": "x"}, landing="https://b.ru/\ud800", at="\udfff"),
    json.dumps(
        {
            "landing": "https://\ud800.ru/",
            "referrer": "https://a.ru/\udbff",
            "utm": {"utm_campaign": "a\udfffb"},
            "pages": [{"url": "/\ud800/", "title": "\ud800", "at": "\udc00"}],
            "first": {"referrer": "https://\ud800/", "utm": {"\ud800": "\ud800"}},
        }
    ),
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_visit_data_is_dropped_never_an_error(raw):
    path = parse_visitor_path(raw)
    first = path["first"]
    assert isinstance(first, dict) and isinstance(path["utm"], dict)
    text = json.dumps(path, ensure_ascii=False)
    assert "\x00" not in text
    text.encode()  # no lone surrogate left: UTF-8, as every database stores it
    for touch in (path, first):
        assert all(isinstance(value, str) for value in touch.get("utm", {}).values())
        assert touch.get("landing", "") == "" or touch["landing"].startswith("https://")
        assert len(touch.get("landing", "")) <= 2000
        assert all(len(value) <= 200 for value in touch.get("utm", {}).values())
    assert first.get("at", "") in ("", "2025-01-10T09:30:00+00:00")
    assert "javascript" not in text and "evil.example" not in text


def test_first_visit_time_out_of_range_is_dropped_with_the_rest_kept():
    for at in ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"):
        first = parse_visitor_path(both(at=at))["first"]
        assert first["at"] == "" and first["utm"] == FIRST["utm"]


def test_lone_surrogates_become_replacement_characters():
    path = parse_visitor_path(
        json.dumps({**LAST, "utm": {"utm_source": "ya\ud800", "\udc00": "x"}, "first": FIRST})
    )
    assert path["utm"] == {"utm_source": "ya\ufffd"}
    path = parse_visitor_path(json.dumps({**LAST, "pages": [{"url": "/a/", "title": "\udfff"}]}))
    assert path["pages"][0]["title"] == "\ufffd"


def test_nul_in_first_touch_utm_is_taken_out():
    path = parse_visitor_path(both(utm={"utm_source": "\x00yandex\x00", "utm_campaign": "\x00"}))
    assert path["first"]["utm"] == {"utm_source": "yandex"}


# Stored on the request and the deal.


@pytest.fixture
def form_post(valid_data, portfolio):
    def post(client, visitor_path: str):
        data = {
            **valid_data,
            "source_page": portfolio.services[0].pk,
            "started": old_stamp(),
            "form_token": "tok-touch",
            "visitor_path": visitor_path,
        }
        return client.post("/requests/", data)

    return post


def test_form_stores_first_and_last_touch_on_request_and_deal(client, form_post):
    assert form_post(client, both()).status_code == 302
    submission = LeadSubmission.objects.get()
    deal = Deal.objects.get()
    for record in (submission, deal):
        assert record.first_touch["landing"] == FIRST["landing"]
        assert record.first_touch["referrer"] == FIRST["referrer"]
        assert record.first_touch["utm"] == FIRST["utm"]
        assert record.first_touch["at"] == "2025-01-10T09:30:00+00:00"
        assert record.utm == LAST["utm"]
        assert record.landing_page == LAST["landing"]
        assert record.referrer == "https://t.me/"
        assert [page["title"] for page in record.visitor_path] == ["Kubernetes", "Cases"]


def test_form_without_a_stored_first_visit_keeps_this_visit_as_the_first(client, form_post):
    assert form_post(client, json.dumps(LAST)).status_code == 302
    deal = Deal.objects.get()
    assert deal.first_touch["utm"] == LAST["utm"] == deal.utm
    assert deal.first_touch["landing"] == deal.landing_page == LAST["landing"]


def test_form_with_hostile_first_touch_still_stores_the_request(client, form_post):
    response = form_post(client, both(utm={"utm_source": "\x00"}, landing="https://\x00", at=[1]))
    assert response.status_code == 302
    deal = Deal.objects.get()
    assert deal.utm == LAST["utm"] and deal.first_touch["referrer"] == FIRST["referrer"]
    assert deal.first_touch["utm"] == {} and deal.first_touch["landing"] == ""


def test_form_with_broken_first_visit_time_and_surrogates_still_stores_the_request(
    client, form_post
):
    path = json.dumps(
        {
            "landing": "https://a.ru/\ud800",
            "referrer": "https://t.me/\udc00",
            "utm": {"utm_source": "tg\ud800", "\ud800": "x"},
            "pages": [{"url": "https://a.ru/", "title": "Cases\udfff"}],
            "first": {
                "landing": "https://b.ru/",
                "utm": {"utm_source": "ya\udbff"},
                "at": "9999-12-31T23:59:59-14:00",
            },
        }
    )
    assert form_post(client, path).status_code == 302
    deal = Deal.objects.get()
    assert deal.utm == {"utm_source": "tg\ufffd"}
    assert deal.visitor_path[0]["title"] == "Cases\ufffd"
    assert deal.first_touch["landing"] == "https://b.ru/" and deal.first_touch["at"] == ""
    assert deal.first_touch["utm"] == {"utm_source": "ya\ufffd"}
    assert LeadSubmission.objects.get().first_touch == deal.first_touch


def test_api_takes_a_first_touch(client, db):
    _key, raw_key = apikey_create(name="Promo landing")
    body = {
        "name": "Ivan",
        "email": "ivan@example.com",
        "consent": True,
        "utm": LAST["utm"],
        "landing": LAST["landing"],
        "first_touch": FIRST,
    }
    response = client.post(
        "/api/leads/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {raw_key}",
    )
    assert response.status_code == 201
    deal = Deal.objects.get()
    assert deal.first_touch["utm"] == FIRST["utm"] and deal.utm == LAST["utm"]
    assert LeadSubmission.objects.get().first_touch["landing"] == FIRST["landing"]


def test_capture_without_visit_data_keeps_no_first_touch(valid_data, db):
    deal = lead_capture(data=valid_data, meta=LeadMeta(channel="import"))
    assert deal.first_touch == {} and deal.utm == {}


# The deals list: filters and export.


def capture(valid_data, n: int, utm: dict, first_utm: dict | None = None) -> Deal:
    first = {"landing": "https://vitrina.example/first/", "utm": first_utm} if first_utm else {}
    return lead_capture(
        data={**valid_data, "email": f"c{n}@example.com", "phone": "", "company": f"Co {n}"},
        meta=LeadMeta(
            source="website",
            utm=utm,
            landing_page=f"https://vitrina.example/landing/{n}/",
            referrer="https://yandex.ru/",
            first_touch=first,
            dedupe_key=f"touch-{n}",
        ),
        notify=False,
    )


@pytest.fixture
def touched_deals(valid_data, sales_users):
    return [
        capture(
            valid_data,
            0,
            {"utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": "brand"},
            {"utm_source": "google", "utm_campaign": "spring"},
        ),
        capture(valid_data, 1, {"utm_source": "yandex", "utm_medium": "cpc"}),
        capture(valid_data, 2, {"utm_source": "telegram", "utm_campaign": "autumn"}),
        capture(valid_data, 3, {}),
    ]


def listed(client, **params) -> set[str]:
    response = client.get(reverse("leads_deals:index"), params)
    assert response.status_code == 200
    html = response.content.decode()
    return {f"Co {n}" for n in range(4) if f"Co {n}" in html}


def test_deals_list_filters_by_utm_and_first_touch(client, touched_deals, manager):
    client.force_login(manager)
    assert listed(client) == {"Co 0", "Co 1", "Co 2", "Co 3"}
    assert listed(client, utm_source="yandex") == {"Co 0", "Co 1"}
    assert listed(client, utm_source="yandex", utm_campaign="brand") == {"Co 0"}
    assert listed(client, utm_medium="cpc") == {"Co 0", "Co 1"}
    assert listed(client, utm_campaign="autumn") == {"Co 2"}
    # the first visit of Co 1-3 was the one that sent the request
    assert listed(client, first_utm_source="google") == {"Co 0"}
    assert listed(client, first_utm_source="telegram") == {"Co 2"}
    assert listed(client, source="website") == {"Co 0", "Co 1", "Co 2", "Co 3"}


def test_deals_list_offers_the_utm_values_present(client, touched_deals, manager):
    client.force_login(manager)
    html = client.get(reverse("leads_deals:index")).content.decode()
    for value in ("yandex", "telegram", "cpc", "brand", "autumn", "google"):
        assert f'value="{value}"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"utm_source": "\x00"},
        {"utm_source": "nobody"},
        {"utm_medium": "x" * 10_000},
        {"first_utm_source": "' OR 1=1 --"},
        {"utm_campaign": ["a", "b"]},
        {"source": "\x00"},
    ],
)
def test_bad_filter_values_never_fail(client, touched_deals, manager, params):
    client.force_login(manager)
    response = client.get(reverse("leads_deals:index"), params)
    assert response.status_code in (200, 400)


def test_export_has_both_touches(client, touched_deals, manager):
    client.force_login(manager)
    response = client.get(reverse("leads_deals:index"), {"export": "csv", "utm_source": "yandex"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_company = {row["Company"]: row for row in rows}
    assert set(by_company) == {"Co 0", "Co 1"}
    row = by_company["Co 0"]
    assert row["UTM source"] == "yandex" and row["UTM medium"] == "cpc"
    assert row["UTM campaign"] == "brand"
    assert row["Landing page"] == "https://vitrina.example/landing/0/"
    assert row["Referrer"] == "https://yandex.ru/"
    assert row["First visit: landing page"] == "https://vitrina.example/first/"
    assert row["First visit: UTM source"] == "google"
    assert row["First visit: UTM campaign"] == "spring"
    assert by_company["Co 1"]["First visit: UTM source"] == "yandex"  # the same visit
    assert by_company["Co 1"]["First visit: referrer"] == "https://yandex.ru/"

    workbook = client.get(reverse("leads_deals:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    values = list(sheet.values)
    heading = list(values[0])
    assert "First visit: UTM source" in heading and "UTM campaign" in heading
    column = heading.index("First visit: UTM source")
    assert sorted(row[column] or "" for row in values[1:]) == ["", "google", "telegram", "yandex"]


def test_deal_page_shows_both_touches(client, touched_deals, manager):
    client.force_login(manager)
    html = client.get(reverse("leads_deals:detail", args=[touched_deals[0].pk])).content.decode()
    assert "The first visit" in html and "The visit that sent the request" in html
    assert "https://vitrina.example/first/" in html and "utm_source=google" in html
    assert "https://vitrina.example/landing/0/" in html and "utm_campaign=brand" in html
