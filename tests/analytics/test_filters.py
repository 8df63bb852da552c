"""The analytics filters: each period preset's days on a fixed day, the custom range, and
hostile input (a form error, never a 500)."""

import datetime

from django.contrib.auth.models import User
from django.http import QueryDict
from django.test import RequestFactory

import pytest

from analytics.base import Period
from analytics.filters import period_from
from analytics.scope import filterset_for, scope_from

D = datetime.date
TODAY = D(2026, 5, 15)


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("this_month", Period(D(2026, 5, 1), D(2026, 5, 15))),
        ("last_month", Period(D(2026, 4, 1), D(2026, 4, 30))),
        ("this_quarter", Period(D(2026, 4, 1), D(2026, 5, 15))),
        ("last_12_months", Period(D(2025, 5, 16), D(2026, 5, 15))),
        (None, Period(D(2025, 5, 16), D(2026, 5, 15))),  # the default
    ],
)
def test_each_preset_on_a_fixed_day(preset, expected):
    assert period_from(preset, TODAY) == expected


def test_edges_of_presets():
    assert period_from("last_month", D(2026, 1, 10)) == Period(D(2025, 12, 1), D(2025, 12, 31))
    assert period_from("last_12_months", D(2024, 2, 29)) == Period(D(2023, 3, 1), D(2024, 2, 29))
    assert period_from("custom", TODAY, D(2026, 1, 1), D(2026, 3, 31)).days == 90


@pytest.fixture
def request_(db):
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser("root", "root@example.com", "pw")
    return request


def bound(request, **data):
    query = QueryDict(mutable=True)
    query.update(data)
    return filterset_for(request, query)


def test_a_custom_range_becomes_the_period(request_):
    filters = bound(request_, period="custom", dates_from="2026-01-01", dates_to="2026-03-31")
    scope = scope_from(filters, request_)
    assert scope.period == Period(D(2026, 1, 1), D(2026, 3, 31))
    assert scope.params["dates_from"] == "2026-01-01" and scope.params["period"] == "custom"


@pytest.mark.parametrize(
    "data",
    [
        {"period": "custom", "dates_from": "2026-03-31", "dates_to": "2026-01-01"},
        {"period": "custom", "dates_from": "2026-03-31"},
        {"period": "custom", "dates_from": "0001-01-01", "dates_to": "9999-12-31"},
        {"period": "next_century"},
        {"period": "this_month\x00"},
        {"dates_from": "2026-01-01\x00"},
        {"pipeline": "999999"},
        {"pipeline": "99999999999999999999999"},
        {"owner": "-1"},
        {"service": "abc"},
        {"service_type": "0x10"},
        {"source": "\x00google"},
    ],
)
def test_hostile_input_is_a_form_error(request_, data):
    filters = bound(request_, **data)
    assert not filters.is_valid()
    assert scope_from(filters, request_) is None


def test_a_report_switch_is_added_for_that_report_only(request_):
    import django_filters

    extra = {"mode": django_filters.ChoiceFilter(choices=[("a", "A"), ("b", "B")])}
    query = QueryDict("mode=b")
    filters = filterset_for(request_, query, extra)
    assert scope_from(filters, request_).params["mode"] == "b"
    assert "mode" not in filterset_for(request_, query).form.fields


def test_the_source_choices_are_the_first_touch_sources_the_user_may_see(history):
    """Read from the deals' facts rows: a manager sees every first-touch source, olga only those
    of her deals (D1, D3, D9, D11: google, telegram; D5, D7 have none)."""
    request = RequestFactory().get("/")
    request.user = history.manager
    choices = filterset_for(request, QueryDict()).filters["source"].extra["choices"]
    assert choices == [("google", "google"), ("telegram", "telegram"), ("yandex", "yandex")]
    request.user = history.users["olga"]
    choices = filterset_for(request, QueryDict()).filters["source"].extra["choices"]
    assert choices == [("google", "google"), ("telegram", "telegram")]
