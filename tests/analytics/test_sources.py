"""The sources report against the hand-built history (tests/analytics/history.py).

Sources: D1, D8, D11 google/cpc/brand (first and last touch), landing /services/a/; D2, D10, D12
yandex/organic (no campaign), landing /cases/x/; D3, D4, D9 first touch telegram/social/launch,
no last-touch UTM, landing /experts/e/; D5, D6, D7 "Manual", no touch at all. D1–D4, D8–D12 have
the channel (``source``) "Website".

The groups' figures, from the cycles of test_win_rate's docstring (Q1; D10 was created in
December, so it is in its group's won deals and revenue but not in its requests):

* google: requests D1, D8 = 2; closed = won = D1 (46 d, 1.0M ₽), D8 (41 d, 20k $): win rate 1,
  by amount ₽ 1, $ 1; average won 1,000,000.00 ₽ and 20,000.00 $; median (41 + 46) / 2 = 43.5,
  mean 43.5;
* yandex: requests D2 = 1; won D2 (50 d, 0.5M ₽), D10 (46 d, 0.4M ₽): closed 2, rate 1, revenue
  0.9M ₽, average 450,000.00, median = mean = (46 + 50) / 2 = 48;
* telegram: requests D3, D4, D9 = 3; closed 3: D9 won (66 d, 0.7M ₽), D3 lost (0.3M), D4 lost
  (2.0M): rate 1 / 3 = 0.3333, by amount 0.7 / 3.0 = 0.2333, revenue 0.7M ₽, median = mean = 66;
* no value (manual deals): requests D5, D6, D7 = 3, nothing closed: rates and days None.
"""

import dataclasses
import datetime
from decimal import Decimal

from analytics.base import Period, Scope
from analytics.reports import sources
from leads.models import Deal
from leads.selectors import deals_visible_to
from tests.analytics.history import history_once  # noqa: F401 - the history, built once here

D = Decimal
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
NOW = datetime.datetime(2026, 4, 15, 12, tzinfo=datetime.UTC)
NAMES = ("requests", "closed", "won", "revenue", "win_rate", "win_rate_amount", "average_won")
DAYS = ("median_days", "mean_days")

GOOGLE = (
    2,
    2,
    2,
    {"RUB": D("1000000"), "USD": D("20000")},
    D("1.0000"),
    {"RUB": D("1.0000"), "USD": D("1.0000")},
    {"RUB": D("1000000.00"), "USD": D("20000.00")},
    D("43.5"),
    D("43.5"),
)
YANDEX = (
    1,
    2,
    2,
    {"RUB": D("900000")},
    D("1.0000"),
    {"RUB": D("1.0000")},
    {"RUB": D("450000.00")},
    D("48.0"),
    D("48.0"),
)
TELEGRAM = (
    3,
    3,
    1,
    {"RUB": D("700000")},
    D("0.3333"),
    {"RUB": D("0.2333")},
    {"RUB": D("700000.00")},
    D("66.0"),
    D("66.0"),
)
MANUAL = (3, 0, 0, {}, None, {}, {}, None, None)
#: no last-touch UTM: telegram's deals and the manual ones (requests 3 + 3 = 6, the rest
#: telegram's)
NO_UTM = (6, *TELEGRAM[1:])


def _scope(history, dimension=None, **kwargs):
    scope = history.scope(**kwargs)
    return dataclasses.replace(scope, params={"dimension": dimension} if dimension else {})


def _cells(row):
    """The row's figures, the win rate by amount gathered back into {currency: rate}."""
    rates = {
        name.removeprefix("win_rate_amount_"): value
        for name, value in row.items()
        if name.startswith("win_rate_amount_")
    }
    return {**row, "win_rate_amount": rates}


def _table(report):
    (table,) = report.tables
    return {row["group"]: tuple(_cells(row)[name] for name in NAMES + DAYS) for row in table.rows}


def _titles(deals):
    return sorted(deals.values_list("title", flat=True))


def test_first_touch_source_is_the_default(history, django_assert_num_queries):
    """Rows by requests, then won, then name: telegram (3, 1 won), (direct / unknown) (3, 0),
    google (2), yandex (1)."""
    with django_assert_num_queries(3):
        report = sources.build(_scope(history))
    (table,) = report.tables
    assert table.name == "first_source"
    assert [column.name for column in table.columns] == [
        "group",
        "requests",
        "closed",
        "won",
        "revenue",
        "win_rate",
        "win_rate_amount_RUB",  # one per-cent column per currency, as money is shown
        "win_rate_amount_USD",
        "average_won",
        "median_days",
        "mean_days",
    ]
    assert [column.cohort for column in table.columns if column.cohort] == [
        "requests",
        "closed",
        "won",
        "won",
        "closed",
        "won",
        "won",
        "won",
    ]
    assert [row["group"] for row in table.rows] == [
        "telegram",
        "(direct / unknown)",
        "google",
        "yandex",
    ]
    assert _table(report) == {
        "telegram": TELEGRAM,
        "(direct / unknown)": MANUAL,
        "google": GOOGLE,
        "yandex": YANDEX,
    }


def test_channel(history):
    """Website: requests D1–D4, D8, D9 = 6; closed in Q1: all seven (D1, D2, D8, D9, D10 won, D3,
    D4 lost): the whole report's figures (test_win_rate): rate 5 / 7, by amount ₽ 2.6 / 4.9,
    $ 1, revenue 2.6M ₽ + 20k $, average 650,000.00 ₽, median 46, mean 49.8. Manual: 3 requests."""
    assert _table(sources.build(_scope(history, "channel"))) == {
        "Website": (
            6,
            7,
            5,
            {"RUB": D("2600000"), "USD": D("20000")},
            D("0.7143"),
            {"RUB": D("0.5306"), "USD": D("1.0000")},
            {"RUB": D("650000.00"), "USD": D("20000.00")},
            D("46.0"),
            D("49.8"),
        ),
        "Manual": MANUAL,
    }


def test_last_touch_utm(history):
    """UTM source: google, yandex, and no UTM = telegram's deals + the manual ones. Medium: cpc =
    google, organic = yandex. Campaign: brand = google; no campaign = yandex's + telegram's +
    manual: requests D2, D3, D4, D9, D5, D6, D7 = 7; closed D2 (50 d), D10 (46 d), D9 (66 d) won,
    D3, D4 lost: 5, won 3, rate 0.6; revenue 0.5 + 0.4 + 0.7 = 1.6M ₽; by amount 1.6 / 3.9 =
    0.4103; average 1.6M / 3 = 533,333.33; median 50; mean 162 / 3 = 54."""
    assert _table(sources.build(_scope(history, "utm_source"))) == {
        "(none)": NO_UTM,
        "google": GOOGLE,
        "yandex": YANDEX,
    }
    assert _table(sources.build(_scope(history, "utm_medium"))) == {
        "(none)": NO_UTM,
        "cpc": GOOGLE,
        "organic": YANDEX,
    }
    assert _table(sources.build(_scope(history, "utm_campaign"))) == {
        "(none)": (
            7,
            5,
            3,
            {"RUB": D("1600000")},
            D("0.6000"),
            {"RUB": D("0.4103")},
            {"RUB": D("533333.33")},
            D("50.0"),
            D("54.0"),
        ),
        "brand": GOOGLE,
    }


def test_landing_page_path(history):
    """The path of the landing URL, without host and query string ("?utm…" added to D1's)."""
    Deal.objects.filter(pk=history.deals["D1"].pk).update(
        landing_page="https://example.com/services/a/?utm_source=google#top"
    )
    assert _table(sources.build(_scope(history, "landing"))) == {
        "/experts/e/": TELEGRAM,
        "(none)": MANUAL,
        "/services/a/": GOOGLE,
        "/cases/x/": YANDEX,
    }


def test_cohorts_are_the_counted_deals(history):
    """Every count of every dimension links to as many deals as it says, and these."""
    for dimension in sources.DIMENSIONS:
        scope = _scope(history, dimension.slug)
        (table,) = sources.build(scope).tables
        for row in table.rows:
            for name in ("requests", "closed", "won"):
                assert sources.cohort(scope, name, row["key"]).count() == row[name]
    scope = _scope(history)
    assert _titles(sources.cohort(scope, "won", "yandex")) == ["D10", "D2"]
    assert _titles(sources.cohort(scope, "requests", "~none")) == ["D5", "D6", "D7"]
    assert _titles(sources.cohort(scope, "lost", "telegram")) == ["D3", "D4"]
    assert sources.cohort(scope, "anything", "yandex") is None
    landing = _scope(history, "landing")
    assert _titles(sources.cohort(landing, "requests", "/services/a/")) == ["D1", "D8"]


def test_a_salesperson_sees_their_own(history):
    """Olga's deals D1 (google), D3, D9 (telegram), D5, D7 (manual), D11 (google, November):
    google requests 1, won D1 (46 d, 1.0M ₽); telegram requests 2, won D9 (66 d, 0.7M ₽), lost D3
    (0.3M ₽): rate 0.5, by amount 0.7 / 1.0 = 0.7; manual 2 requests."""
    olga = history.users["olga"]
    scope = Scope(
        deals=deals_visible_to(olga).filter(pipeline=history.pipeline),
        period=PERIOD,
        user=olga,
        now=NOW,
    )
    assert _table(sources.build(scope)) == {
        "telegram": (
            2,
            2,
            1,
            {"RUB": D("700000")},
            D("0.5000"),
            {"RUB": D("0.7000")},
            {"RUB": D("700000.00")},
            D("66.0"),
            D("66.0"),
        ),
        "(direct / unknown)": (2, 0, 0, {}, None, {}, {}, None, None),
        "google": (
            1,
            1,
            1,
            {"RUB": D("1000000")},
            D("1.0000"),
            {"RUB": D("1.0000")},
            {"RUB": D("1000000.00")},
            D("46.0"),
            D("46.0"),
        ),
    }


def test_the_switch(history):
    """The dimension is a choice of the report's filters; it narrows nothing."""
    switch = sources.extra_filters()["dimension"]
    assert [slug for slug, _label in switch.extra["choices"]] == [
        "first_source",
        "channel",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "landing",
    ]
    deals = Deal.objects.all()
    assert switch.filter(deals, "landing") is deals
    assert sources.build(_scope(history, "nonsense")).tables[0].name == "first_source"
