"""The forecast report against the hand-built history (``tests.analytics.history``).

Open deals now (2026-04-15), whatever the period: D5, D6, D7 (all the others are won or lost).

* D5: 10,000 $, stage S3 Meeting / diagnostics (30 %), expected close 2026-05-20
  → weighted 10,000 × 30 % = 3,000.00 $;
* D6: 800,000 ₽, stage S2 Qualified (15 %), expected close 2026-04-30
  → weighted 800,000 × 15 % = 120,000.00 ₽;
* D7: no amount, stage S1 (5 %), no expected close date → counted, adds no money.

Months from the earliest (2026-04, this month: "This month") to the latest (2026-05):
2026-04: 1 deal, 800,000 ₽, weighted 120,000 ₽; 2026-05: 1 deal, 10,000 $, weighted 3,000 $.
All months: 2 deals, {800,000 ₽, 10,000 $}, weighted {120,000 ₽, 3,000 $}.
No expected close date: 1 deal (D7), 1 without an amount, no money.
Headline: 3 open deals; open amount {800,000 ₽, 10,000 $}; weighted {120,000 ₽, 3,000 $};
next month (May 2026): {3,000 $}. Note: "1 open deal without an amount".
"""

import dataclasses
import datetime
from decimal import Decimal

from django.urls import reverse

import pytest

from analytics.reports import forecast
from leads.models import Deal
from tests.analytics.history import (
    PERIOD,
    history_once,  # noqa: F401 - the history, built once here
)

pytestmark = pytest.mark.django_db

RUB, USD = "RUB", "USD"


def _table(report, name):
    return next(table for table in report.tables if table.name == name)


def _figures(row):
    return {name: row[name] for name in ("key", "mark", "deals", "no_amount", "amount", "weighted")}


def _names(deals):
    return sorted(deals.values_list("title", flat=True))


def test_forecast_by_month(history):
    report = forecast.build(history.scope())
    months = _table(report, "months")
    assert [_figures(row) for row in months.rows] == [
        {
            "key": "2026-04",
            "mark": "This month",
            "deals": 1,
            "no_amount": 0,
            "amount": {RUB: Decimal("800000.00")},
            "weighted": {RUB: Decimal("120000.00")},
        },
        {
            "key": "2026-05",
            "mark": "",
            "deals": 1,
            "no_amount": 0,
            "amount": {USD: Decimal("10000.00")},
            "weighted": {USD: Decimal("3000.00")},
        },
    ]
    assert [row["month"] for row in months.rows] == ["April 2026", "May 2026"]
    assert _figures(months.totals) == {
        "key": "dated",
        "mark": "",
        "deals": 2,
        "no_amount": 0,
        "amount": {RUB: Decimal("800000.00"), USD: Decimal("10000.00")},
        "weighted": {RUB: Decimal("120000.00"), USD: Decimal("3000.00")},
    }
    (undated,) = _table(report, "no_date").rows
    assert _figures(undated) == {
        "key": "no_date",
        "mark": "",
        "deals": 1,
        "no_amount": 1,
        "amount": {},
        "weighted": {},
    }
    assert [(column.name, value) for column, value, _previous in report.headline] == [
        ("deals", 3),
        ("amount", {RUB: Decimal("800000.00"), USD: Decimal("10000.00")}),
        ("weighted", {RUB: Decimal("120000.00"), USD: Decimal("3000.00")}),
        ("next_month", {USD: Decimal("3000.00")}),
    ]
    assert report.notes == ["1 open deal without an amount: it adds nothing to the amounts."]


def test_the_period_does_not_change_the_forecast(history):
    """The forecast is of the deals open now: another period gives the same figures."""
    q1 = forecast.build(history.scope())
    other = forecast.build(
        history.scope(period=dataclasses.replace(PERIOD, start=datetime.date(2025, 1, 1)))
    )
    assert [t.rows for t in q1.tables] == [t.rows for t in other.tables]


def test_the_deals_own_probability_wins_over_its_stages(history):
    """D6 at 40 % (its stage says 15 %): 800,000 × 40 % = 320,000.00 ₽ in April and in the
    totals; D5 is unchanged (3,000 $)."""
    Deal.objects.filter(pk=history.deals["D6"].pk).update(probability=40)
    report = forecast.build(history.scope())
    months = _table(report, "months")
    assert months.rows[0]["weighted"] == {RUB: Decimal("320000.00")}
    assert months.totals["weighted"] == {RUB: Decimal("320000.00"), USD: Decimal("3000.00")}
    Deal.objects.filter(pk=history.deals["D6"].pk).update(probability=0)
    assert _table(forecast.build(history.scope()), "months").rows[0]["weighted"] == {
        RUB: Decimal("0.00")
    }


def test_overdue_and_empty_months_are_rows(history):
    """D7 given 100,000 ₽ and an expected close of 2026-02-10 (S1, 5 % → 5,000.00 ₽): months
    run from February to May; February and March ended before April (overdue), March has no
    deal; D7 is past its date (one note), no deal is left without a date or an amount."""
    Deal.objects.filter(pk=history.deals["D7"].pk).update(
        amount=Decimal("100000"), expected_close_date=datetime.date(2026, 2, 10)
    )
    report = forecast.build(history.scope())
    months = _table(report, "months")
    assert [(row["key"], row["mark"], row["deals"]) for row in months.rows] == [
        ("2026-02", "Overdue", 1),
        ("2026-03", "Overdue", 0),
        ("2026-04", "This month", 1),
        ("2026-05", "", 1),
    ]
    assert months.rows[0]["amount"] == {RUB: Decimal("100000.00")}
    assert months.rows[0]["weighted"] == {RUB: Decimal("5000.00")}
    assert months.rows[1]["amount"] == {} and months.rows[1]["weighted"] == {}
    assert months.totals["weighted"] == {RUB: Decimal("125000.00"), USD: Decimal("3000.00")}
    assert _table(report, "no_date").rows[0]["deals"] == 0
    assert report.notes == ["1 open deal is past its expected close date."]
    assert _names(forecast.cohort(history.scope(), "deals", "2026-02")) == ["D7"]
    assert _names(forecast.cohort(history.scope(), "deals", "2026-03")) == []


def test_sales_see_their_own_deals(history):
    """Olga's open deals: D5 (May, 10,000 $, weighted 3,000 $) and D7 (no date, no amount)."""
    olga = history.users["olga"]
    report = forecast.build(history.scope(user=olga, owner=olga))
    months = _table(report, "months")
    assert [(row["key"], row["deals"], row["weighted"]) for row in months.rows] == [
        ("2026-05", 1, {USD: Decimal("3000.00")})
    ]
    assert _table(report, "no_date").rows[0]["deals"] == 1
    assert report.headline[0][1] == 2
    assert forecast.next_month(history.scope(user=olga, owner=olga)) == {USD: Decimal("3000.00")}
    pavel = history.users["pavel"]
    assert forecast.next_month(history.scope(user=pavel, owner=pavel)) == {}


def test_cohorts(history):
    scope = history.scope()
    assert _names(forecast.cohort(scope, "deals", "2026-04")) == ["D6"]
    assert _names(forecast.cohort(scope, "deals", "2026-05")) == ["D5"]
    assert _names(forecast.cohort(scope, "deals", "no_date")) == ["D7"]
    assert _names(forecast.cohort(scope, "deals", "dated")) == ["D5", "D6"]
    assert _names(forecast.cohort(scope, "no_amount", "no_date")) == ["D7"]
    assert _names(forecast.cohort(scope, "no_amount", "2026-04")) == []
    assert forecast.cohort(scope, "won", "2026-04") is None
    for key in ("2026-13", "26-04", "x", "", "0000-01", "2026-4"):
        assert forecast.cohort(scope, "deals", key) is None


def test_next_month(history, django_assert_num_queries):
    """In May (now 2026-04-15): D5's 3,000 $. Seen from 2026-03-20, next month is April:
    D6's 120,000 ₽."""
    with django_assert_num_queries(1):
        assert forecast.next_month(history.scope()) == {USD: Decimal("3000.00")}
    earlier = dataclasses.replace(
        history.scope(), now=datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)
    )
    assert forecast.next_month(earlier) == {RUB: Decimal("120000.00")}


@pytest.mark.parametrize(
    "typed, stored, error",
    [
        ("0", 0, None),
        ("100", 100, None),
        ("", None, None),
        ("101", "unchanged", "Ensure this value is less than or equal to 100."),
        ("-1", "unchanged", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_probability_through_the_deal_edit_form(history, client, typed, stored, error):
    """A seller types the deal's win probability where they edit its amount and close date:
    0 to 100, or empty for the stage's; anything else is refused with a message."""
    deal = history.deals["D6"]
    Deal.objects.filter(pk=deal.pk).update(probability=25)
    client.force_login(history.manager)
    response = client.post(
        reverse("leads_deals:edit", args=[deal.pk]),
        {
            "title": deal.title,
            "contact": deal.contact.pk,
            "company": deal.company.pk,
            "owner": deal.owner.pk,
            "services": [history.services["B"].pk],
            "amount": "800000",
            "currency": "RUB",
            "expected_close_date": "2026-04-30",
            "probability": typed,
        },
    )
    deal.refresh_from_db()
    if error:
        assert response.status_code == 200
        assert error in response.content.decode()
        assert deal.probability == 25
    else:
        assert response.status_code == 302
        assert deal.probability == stored
        page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
        shown = f"{stored}%" if stored is not None else "15% (the stage's)"
        assert shown in page


def test_a_deal_entered_by_hand_takes_its_probability(history, client):
    client.force_login(history.manager)
    data = {
        "title": "Phone call",
        "contact": history.deals["D1"].contact.pk,
        "pipeline": history.pipeline.pk,
        "owner": history.users["olga"].pk,
        "currency": "RUB",
    }
    refused = client.post(reverse("leads_deals:add"), {**data, "probability": "101"})
    assert refused.status_code == 200 and not Deal.objects.filter(title="Phone call").exists()
    assert "Ensure this value is less than or equal to 100." in refused.content.decode()
    response = client.post(reverse("leads_deals:add"), {**data, "probability": "35"})
    assert response.status_code == 302
    assert Deal.objects.get(title="Phone call").probability == 35
