"""The board and the home panel count what is really there.

The board never adds roubles to dollars, the won column keeps to the last 30 days and links to
exactly the older wins it counts, and the deals list filters by closing date.
"""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from core.formatting import format_money
from leads.models import Contact, Deal, Pipeline
from leads.selectors import deal_list_for_board
from leads.services import deal_close_won, deal_create
from tests.leads.pipelines import project_pipeline


def listed_titles(html: str) -> list[str]:
    """The deal titles of the rows of the deals list."""
    return re.findall(
        r'<td class="title">\s*<div class="title-wrapper">\s*<a [^>]*>\s*([^<]*?)\s*</a>', html
    )


@pytest.fixture
def contact(db):
    return Contact.objects.create(name="Ivan Orlov", email="ivan@example.com")


def test_board_totals_are_per_currency(client, contact, manager):
    pipeline = project_pipeline()
    for title, amount, currency in [
        ("Online store", "1000000", "RUB"),
        ("Data warehouse", "500000", "RUB"),
        ("Mobile app", "2000", "USD"),
        ("Audit", None, "EUR"),
    ]:
        deal_create(
            contact=contact,
            pipeline=pipeline,
            title=title,
            amount=Decimal(amount) if amount else None,
            currency=currency,
        )
    columns = deal_list_for_board(pipeline=pipeline, user=manager)
    new = next(column for column in columns if column["stage"].name == "New request")
    assert new["count"] == 4
    assert new["totals"] == [
        {"currency": "RUB", "amount": Decimal("1500000")},
        {"currency": "USD", "amount": Decimal("2000")},
    ]
    client.force_login(manager)
    html = client.get(reverse("leads_board:pipeline", args=[pipeline.pk])).content.decode()
    assert format_money(Decimal("1500000"), "RUB") in html
    assert format_money(Decimal("2000"), "USD") in html
    home = client.get("/admin/").content.decode()
    assert (
        f"{format_money(Decimal('1500000'), 'RUB')} · {format_money(Decimal('2000'), 'USD')}"
        in home
    )
    assert format_money(Decimal("1502000"), "RUB") not in home + html


def test_won_column_shows_the_last_30_days_and_links_to_older_ones(client, contact, manager):
    pipeline = project_pipeline()
    won = {}
    for title, days_ago in [("Won last week", 7), ("Won in spring", 45), ("Won last year", 400)]:
        deal = deal_create(contact=contact, pipeline=pipeline, title=title)
        deal_close_won(deal=deal, amount=Decimal("100000"))
        closed = timezone.now() - datetime.timedelta(days=days_ago)
        Deal.objects.filter(pk=deal.pk).update(closed_at=closed, stage_entered_at=closed)
        won[title] = deal
    columns = deal_list_for_board(pipeline=pipeline, user=manager)
    paid = next(column for column in columns if column["stage"].kind == "won")
    assert [deal.title for deal in paid["deals"]] == ["Won last week"]
    assert paid["count"] == 1
    assert paid["totals"] == [{"currency": "RUB", "amount": Decimal("100000")}]
    assert paid["older"]["count"] == 2
    assert all(column["older"] is None for column in columns if column is not paid)

    client.force_login(manager)
    listing = client.get(paid["older"]["url"]).content.decode()
    assert "Won in spring" in listing and "Won last year" in listing


def test_older_won_deals_link_lists_exactly_the_deals_it_counts(client, contact, manager):
    """The board says "3 older won deals"; the link shows those 3, not this month's wins."""
    pipeline = project_pipeline()
    today = timezone.localdate()
    for title, days_ago in [
        ("Won yesterday", 1),
        ("Won a month ago today", 30),  # the column's first day: still on the board
        ("Won the day before", 31),
        ("Won in spring", 45),
        ("Won last year", 400),
    ]:
        deal = deal_create(contact=contact, pipeline=pipeline, title=title)
        deal_close_won(deal=deal, amount=Decimal("100000"))
        noon = datetime.datetime.combine(
            today - datetime.timedelta(days=days_ago), datetime.time(12)
        )
        closed = timezone.make_aware(noon)
        Deal.objects.filter(pk=deal.pk).update(closed_at=closed, stage_entered_at=closed)
    other = deal_create(
        contact=contact, pipeline=Pipeline.objects.get(name="B2B sale"), title="B2B"
    )
    deal_close_won(deal=other, amount=Decimal("5000"))
    Deal.objects.filter(pk=other.pk).update(closed_at=timezone.now() - datetime.timedelta(days=90))

    columns = deal_list_for_board(pipeline=pipeline, user=manager)
    paid = next(column for column in columns if column["stage"].kind == "won")
    assert {deal.title for deal in paid["deals"]} == {"Won yesterday", "Won a month ago today"}
    assert paid["older"]["count"] == 3

    client.force_login(manager)
    board = client.get(reverse("leads_board:pipeline", args=[pipeline.pk])).content.decode()
    assert "3 older won deals" in board
    assert paid["older"]["url"].replace("&", "&amp;") in board
    response = client.get(paid["older"]["url"])
    listed = listed_titles(response.content.decode())
    assert sorted(listed) == ["Won in spring", "Won last year", "Won the day before"]
    assert len(listed) == paid["older"]["count"]
    assert response.context["filters"].form["closed_at"].value() is not None  # shown as a filter


def test_deals_list_filters_by_closing_date(client, contact, manager):
    pipeline = project_pipeline()
    for title, days_ago in [("Closed in May", 150), ("Closed last week", 7)]:
        deal = deal_close_won(
            deal=deal_create(contact=contact, pipeline=pipeline, title=title),
            amount=Decimal("100"),
        )
        Deal.objects.filter(pk=deal.pk).update(
            closed_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    deal_create(contact=contact, pipeline=pipeline, title="Still open")
    client.force_login(manager)
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    listing = client.get(reverse("leads_deals:index"), {"closed_at_from": since}).content.decode()
    assert listed_titles(listing) == ["Closed last week"]
