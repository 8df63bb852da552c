"""Dates at the calendar's edge in a site zone that is not UTC: 9999-12-31 in Moscow or
0001-01-01 in New York exist where they were typed but not in UTC. A visitor's first visit time,
a task's due time and a custom date field out of a sane range are dropped or refused with a
message; none of them makes a page fail."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

import pytest

from leads.admin_forms import TaskForm
from leads.models import Deal, Task
from leads.services import lead_capture
from tests.leads.conftest import VALID
from tests.leads.test_request_form import old_stamp
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

LANDING = {"landing": "https://x.example/"}
EDGES = [("Europe/Moscow", "9999-12-31T23:59:59Z"), ("America/New_York", "0001-01-01T00:00:00Z")]


@pytest.fixture
def deal(portfolio, sales_users):
    return lead_capture(data=dict(VALID), notify=False)


@pytest.mark.parametrize(("zone", "at"), EDGES)
def test_a_first_visit_time_the_site_zone_cannot_show_is_dropped(
    client, settings, portfolio, valid_data, manager, zone, at
):
    settings.TIME_ZONE = zone
    visitor_path = {**LANDING, "first": {"landing": "https://y.example/", "at": at}}
    response = client.post(
        "/requests/",
        {
            **valid_data,
            "source_page": portfolio.services[0].pk,
            "started": old_stamp(),
            "form_token": "tok-edge",
            "visitor_path": json.dumps(visitor_path),
        },
    )
    assert response.status_code == 302
    deal = Deal.objects.get()
    assert deal.first_touch["landing"] == "https://y.example/" and deal.first_touch["at"] == ""
    client.force_login(manager)
    page = client.get(reverse("leads_deals:detail", args=[deal.pk]))
    assert page.status_code == 200 and "https://y.example/" in page.content.decode()


@pytest.mark.parametrize("at", ["1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"])
def test_first_visit_times_before_2000_or_ahead_of_now_are_dropped(client, form_post_at, at):
    assert form_post_at(at)["at"] == ""


def test_a_first_visit_time_a_few_hours_ahead_is_kept(form_post_at):
    soon = (timezone.now() + datetime.timedelta(hours=3)).replace(microsecond=0)
    assert form_post_at(soon.isoformat())["at"] == soon.isoformat()


@pytest.fixture
def form_post_at(client, portfolio, valid_data):
    def post(at: str) -> dict:
        client.post(
            "/requests/",
            {
                **valid_data,
                "source_page": portfolio.services[0].pk,
                "started": old_stamp(),
                "form_token": "tok-at",
                "visitor_path": json.dumps({**LANDING, "first": {**LANDING, "at": at}}),
            },
        )
        return Deal.objects.get().first_touch

    return post


@pytest.mark.parametrize(("zone", "at"), EDGES)
def test_a_stored_first_visit_time_out_of_range_leaves_the_deal_page_working(
    client, settings, deal, manager, zone, at
):
    """Times stored before the range was checked: the page shows the deal without them."""
    settings.TIME_ZONE = zone
    Deal.objects.filter(pk=deal.pk).update(
        first_touch={"landing": "https://y.example/", "at": at.replace("Z", "+00:00")}
    )
    deal.refresh_from_db()
    assert deal.first_touch_at is None
    client.force_login(manager)
    assert client.get(reverse("leads_deals:detail", args=[deal.pk])).status_code == 200


def test_a_first_visit_time_in_range_is_still_shown(deal):
    deal.first_touch = {"landing": "https://y.example/", "at": "2025-01-10T09:30:00+00:00"}
    assert deal.first_touch_at == datetime.datetime(2025, 1, 10, 9, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "due"),
    [("Europe/Moscow", "0001-01-01T00:00"), ("America/New_York", "9999-12-31T23:59")],
)
def test_a_task_due_out_of_range_is_refused_with_a_message(
    client, settings, deal, manager, zone, due
):
    settings.TIME_ZONE = zone
    client.force_login(manager)
    response = client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call back", "kind": "call", "due_at": due},
        follow=True,
    )
    assert response.status_code == 200
    assert not Task.objects.filter(title="Call back").exists()
    with timezone.override(zone):
        form = TaskForm(data={"title": "Call back", "kind": "call", "due_at": due})
        assert not form.is_valid()
    assert "Enter a date between" in form.errors["due_at"][0]
    assert client.get(reverse("leads_deals:detail", args=[deal.pk])).status_code == 200


def test_a_task_due_within_the_range_is_added(client, settings, deal, manager):
    settings.TIME_ZONE = "America/New_York"
    client.force_login(manager)
    client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call back", "kind": "call", "due_at": "2100-12-31T23:59"},
    )
    assert Task.objects.get(title="Call back").due_at.year == 2101  # in UTC
    assert client.get(reverse("leads_deals:detail", args=[deal.pk])).status_code == 200
