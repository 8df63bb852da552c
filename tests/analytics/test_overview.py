"""The overview's cards on the hand-built history (``tests/analytics/history.py``, Q1 2026, now
2026-04-15 12:00): every card's figures computed by hand, each deals figure's link resolving to
as many deals, a Sales user's cards counting her own deals.

Stages of "Project work": S1 New request (stale after 2 days), S2 Qualified (5), S3 Meeting /
diagnostics (10), S4, S5, S6, W Paid, L Lost. Won in Q1: D1 (1.0M ₽, 02-20), D2 (0.5M ₽,
03-01), D8 (20k $, 02-25), D9 (0.7M ₽, 03-15), D10 (0.4M ₽, 01-25); lost in Q1: D3 (Price
too high, 01-30), D4 (Chose a competitor, 03-10); previous period 2025-10-03 – 2025-12-31:
D12 won (0.6M ₽, 12-15), D11 lost (11-10).
"""

import dataclasses
import html
import re
from urllib.parse import parse_qs, urlsplit

from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

import pytest

from analytics import drilldown, presenting, registry
from analytics.scope import filterset_for, scope_from
from tests.analytics.history import NOW
from tests.analytics.screens import Q1

pytestmark = pytest.mark.django_db


def _cards(scope) -> dict[str, list[tuple[str, list[str], list]]]:
    """slug → [(label, lines, previous lines)] of each card."""
    return {
        card["slug"]: [
            (
                figure["label"],
                [line["text"] for line in figure["lines"]],
                [line["previous"] for line in figure["lines"]] if figure["compared"] else None,
            )
            for figure in card["figures"]
        ]
        for card in presenting.cards(registry.reports(), scope, QueryDict())
    }


def test_every_card_figure(history):
    """Manager, Q1 2026 (money in whole units, "₽2,600,000" in English):

    * funnel (cohort: created in Q1, D1–D9 = 9, every one entered S1 "New request"; won now
      D1, D2, D8, D9 = 4): 4/9 = 44.4 %, New request 9, Paid 4;
    * time in stage (open now: D5 in S3 since 03-01, 45 days > 10; D6 in S2 since 03-05, 41
      days > 5; D7 in S1 since 03-20, 26 days > 2): stale 3, open 3;
    * win rate: 5 won ÷ (5 + 2) = 71.4 %, previous 1 ÷ (1 + 1) = 50 %; won 5 (previous 1);
      revenue RUB 1.0 + 0.5 + 0.7 + 0.4 = 2.6M (previous 0.6M), USD 20k (previous none);
    * lost reasons: D3 "Price too high" 1, D4 "Chose a competitor" 1 (D9 lost in January but
      won now: not lost): a tie, the first by name, "Chose a competitor", 1/2 = 50 %; lost 2;
    * sources (main currency RUB: 4 won deals against 1 in USD): RUB won revenue by first-touch
      source: google D1 1.0M, yandex D2 + D10 0.9M, telegram D9 0.7M → google 1,000,000 ₽,
      won from google D1 + D8 = 2 (the USD deal too, as the sources table's cell);
    * services (RUB): Service A D1 + D10 = 1.4M, Service B D2 + D9 = 1.2M → Service A
      1,400,000 ₽, won D1, D8, D10 = 3;
    * forecast (next month May 2026): D5 10k $ × 30 % (S3) = $3,000, one deal;
    * proposals (sent in Q1: D1, D2, D4, D5, D6, D8, D9 = 7; accepted D1, D2, D8, D9 = 4):
      4/7 = 57.1 %, deals sent 7, deals accepted 4;
    * content (won in Q1 and the pages they read: D1 case X + service A, D2 case X, D8 case Y,
      D9 case X + case Y, D10 none): case X 3 of 5 won = 60 %;
    * repeat (won in Q1; Acme's first deal is D12, Beta's D10): RUB repeat D1 + D2 + D9 =
      2.2M of 2.6M = 84.6 %, USD D8 (Eta's first) 0 of 20k = 0 %; won from returning clients
      in RUB 3.
    """
    cards = _cards(history.scope())
    assert cards == {
        "funnel": [
            ("Share of requests won", ["44.4%"], None),
            ("New request", ["9"], None),
            ("Paid", ["4"], None),
        ],
        "stage_time": [("Stale open deals", ["3"], None), ("Open deals", ["3"], None)],
        "win_rate": [
            ("Win rate", ["71.4%"], ["50%"]),
            ("Won", ["5"], ["1"]),
            ("Revenue", ["₽2,600,000", "$20,000"], ["₽600,000", "— (USD)"]),
        ],
        "lost_reasons": [
            ("Top reason: Chose a competitor", ["50%"], None),
            ("Lost for this reason", ["1"], None),
            ("Lost deals", ["2"], None),
        ],
        "sources": [
            ("Most won revenue: google", ["₽1,000,000"], None),
            ("Won deals: google", ["2"], None),
        ],
        "segments": [
            ("Most won revenue: Service A", ["₽1,400,000"], None),
            ("Won deals: Service A", ["3"], None),
        ],
        "forecast": [
            ("Weighted forecast, May 2026", ["$3,000"], None),
            ("Open deals expected to close then", ["1"], None),
        ],
        "proposals": [
            ("Acceptance rate", ["57.1%"], None),
            ("Deals sent a proposal", ["7"], None),
            ("Deals accepted", ["4"], None),
        ],
        "content": [
            ("Read before most won deals: Case X", ["3"], None),
            ("Share of the period's won deals", ["60%"], None),
        ],
        "repeat": [
            ("Revenue from returning clients", ["84.6% (RUB)", "0% (USD)"], None),
            ("Won from returning clients, RUB", ["3"], None),
        ],
        "utilisation": [  # nobody booked in the history (tests/analytics/test_utilisation.py)
            ("Team booked, next 4 weeks", ["0%"], None),
            ("Experts fully booked in one of them", ["0"], None),
        ],
    }


def test_each_deals_figure_links_to_as_many_deals(history):
    """Every figure that counts deals links to the deals list (its ``cohort`` parameter), and
    the link resolves, for the manager who follows it, to exactly that many deals; every other
    figure and the card's title link to the report with the screen's filters."""
    query, request = _query(), _request(history.manager)
    scope = _scope(request, query)
    linked = 0
    for card in presenting.cards(registry.reports(), scope, query):
        report = reverse("analytics:report", args=[card["slug"]])
        assert card["url"].startswith(report + "?") and "dates_from=2026-01-01" in card["url"]
        for figure in card["figures"]:
            href = figure["href"]
            if not figure["counts_deals"]:
                assert href.startswith(report + "?"), (card["slug"], figure["label"])
                continue
            assert href.startswith(reverse("leads_deals:index") + "?cohort=")
            value = parse_qs(urlsplit(href).query)["cohort"][0]
            cohort = drilldown.resolve(request, value)
            assert cohort.deals is not None, (card["slug"], figure["label"], cohort.description)
            shown = int(figure["lines"][0]["text"])
            assert cohort.deals.count() == shown, (card["slug"], figure["label"])
            linked += 1
    assert linked == 14


def _query() -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(Q1)
    return query


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _scope(request, query):
    """The Scope the overview makes of Q1's filters for the request's user (its ``params``
    carry the period into the links), at the history's "now"."""
    return dataclasses.replace(scope_from(filterset_for(request, query), request), now=NOW)


def _card_texts(page: str) -> dict[str, str]:
    """Each card's text, by its report's slug (tags dropped, spaces squeezed)."""

    texts = {}
    for chunk in page.split('data-report="')[1:]:
        slug, _quote, rest = chunk.partition('"')
        body = rest.split("</li>")[0]
        texts[slug] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return texts


def test_a_sales_user_sees_her_own_deals(client, history):
    """Olga's deals: D1, D3, D5, D7, D9, D11 (every history deal has an owner).

    * funnel: created in Q1 D1, D3, D5, D7, D9 = 5; won now D1, D9 = 2: 40 %;
    * time in stage: open D5 (S3, stale), D7 (S1, stale): 2 stale of 2;
    * win rate: won D1, D9, lost D3: 2/3 = 66.7 %; previous: D11 lost, 0/1 = 0 %;
      revenue 1.0M + 0.7M = ₽1,700,000;
    * lost reasons: D3, Price too high, 1/1 = 100 %;
    * sources: google (D1, 1.0M) over telegram (D9, 0.7M): ₽1,000,000, 1 won;
    * services: Service A (D1, 1.0M) over Service B (D9, 0.7M): ₽1,000,000;
    * forecast: D5, $3,000;
    * proposals: sent D1, D5, D9, accepted D1, D9: 2/3 = 66.7 %;
    * content: case X read by D1 and D9, 2 of her 2 won deals = 100 %;
    * repeat: D1 and D9 are Acme's repeat deals (its first is Pavel's D12): RUB 100 %.
    """
    client.force_login(history.users["olga"])
    response = client.get(reverse("analytics:index"), Q1)
    assert response.status_code == 200
    cards = _card_texts(response.content.decode())
    assert "Share of requests won 40% New request 5 Paid 2" in cards["funnel"]
    assert "Stale open deals 2 Open deals 2" in cards["stage_time"]
    assert "Win rate 66.7% previous period: 0%" in cards["win_rate"]
    assert "Won 2 previous period: 0" in cards["win_rate"]
    assert "Revenue ₽1,700,000 previous period: —" in cards["win_rate"]
    assert (
        "Top reason: Price too high 100% Lost for this reason 1 Lost deals 1"
        in (cards["lost_reasons"])
    )
    assert "Most won revenue: google ₽1,000,000 Won deals: google 1" in cards["sources"]
    assert "Most won revenue: Service A ₽1,000,000" in cards["segments"]
    # the screen's "now" is the clock's: next month's forecast is asked of the cards alone
    olga = _request(history.users["olga"])
    forecast = dict(_cards(_scope(olga, _query())))["forecast"]
    assert forecast == [
        ("Weighted forecast, May 2026", ["$3,000"], None),
        ("Open deals expected to close then", ["1"], None),
    ]
    assert "Acceptance rate 66.7% Deals sent a proposal 3 Deals accepted 2" in cards["proposals"]
    assert (
        "Read before most won deals: Case X 2 Share of the period's won deals 100%"
        in (cards["content"])
    )
    assert (
        "Revenue from returning clients 100% (RUB) Won from returning clients, RUB 2"
        in (cards["repeat"])
    )


def test_the_overview_runs_as_many_queries_with_10_and_1000_deals(client, site_tree):
    """Every real report's card: the same number of queries whatever the number of deals."""
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from demo.pipeline_history import generate_history
    from tests.analytics.screens import superuser

    client.force_login(superuser())
    start = datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("analytics:index"), Q1).status_code == 200
        return len(queries)

    generate_history(10, start=start, end=end, seed=1)
    count()  # the first request of a session caches what every request asks
    few = count()
    generate_history(990, start=start, end=end, seed=2)
    assert count() == few
