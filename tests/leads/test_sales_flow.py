"""Closing a deal closes its work; the board and the home panel count what is really there.

Each test is something a salesperson would check in a week of use: a closed deal leaves no
tasks in "My tasks", a reopened deal says what was cancelled, the board never adds roubles to
dollars, the won column keeps to the last 30 days, the set-up screen refuses a muddled pipeline.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from core.formatting import format_money
from leads.models import Activity, Contact, Deal, LostReason, Pipeline, Task
from leads.selectors import deal_list_for_board
from leads.services import (
    deal_close_lost,
    deal_close_won,
    deal_create,
    deal_move_to_stage,
    lead_capture,
    lead_qualify,
    task_complete,
    task_create,
)


@pytest.fixture
def deal(db, sales_users, valid_data):
    """A project-work request in "Qualified": "Call the client back" and "Agree the brief" open."""
    captured = lead_capture(data=valid_data, notify=False)
    return deal_move_to_stage(deal=captured, stage=stage(captured, "Qualified"))


def stage(deal, name):
    return deal.pipeline.stages.get(name=name)


def titles(tasks) -> set[str]:
    return {task.title for task in tasks}


def listed_titles(html: str) -> list[str]:
    """The deal titles of the rows of the deals list."""
    return re.findall(
        r'<td class="title">\s*<div class="title-wrapper">\s*<a [^>]*>\s*([^<]*?)\s*</a>', html
    )


def my_tasks_html(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("leads_tasks:index")).content.decode()


def test_closing_a_deal_cancels_its_tasks_and_my_tasks_no_longer_lists_them(client, deal):
    owner = deal.owner
    task_create(
        title="Chase the signed NDA",
        due_at=timezone.now() - datetime.timedelta(hours=2),
        deal=deal,
    )
    html = my_tasks_html(client, owner)
    assert "Agree the brief" in html and "Chase the signed NDA" in html
    assert "1 overdue" in client.get("/admin/").content.decode()

    client.post(
        reverse("leads_deals:lost", args=[deal.pk]),
        {"lost_reason": LostReason.objects.get(name="Price too high").pk},
    )

    tasks = list(Task.objects.filter(deal=deal))
    assert titles(tasks) == {"Call the client back", "Agree the brief", "Chase the signed NDA"}
    assert all(task.cancelled_at and task.done_at is None for task in tasks)
    html = my_tasks_html(client, owner)
    assert not any(task.title in html for task in tasks)
    assert "1 overdue" not in client.get("/admin/").content.decode()
    entry = Activity.objects.get(deal=deal, kind="tasks_cancelled")
    assert all(task.title in entry.text for task in tasks)
    assert sorted(entry.data["task_ids"]) == sorted(task.pk for task in tasks)

    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    assert "<s>Agree the brief</s>" in page and "cancelled" in page
    assert not any(reverse("leads_tasks:done", args=[task.pk]) in page for task in tasks)


def test_a_won_deal_keeps_no_open_tasks_and_done_tasks_stay_done(deal):
    brief = Task.objects.get(deal=deal, title="Agree the brief")
    task_complete(task=brief)
    deal_close_won(deal=deal, amount=Decimal("900000"))
    brief.refresh_from_db()
    assert brief.done_at and brief.cancelled_at is None
    assert not Task.objects.filter(deal=deal).open().exists()
    entry = Activity.objects.get(deal=deal, kind="tasks_cancelled")
    assert "Call the client back" in entry.text and "Agree the brief" not in entry.text


def test_a_not_target_request_takes_its_call_back_task_with_it(db, sales_users, valid_data):
    request = lead_capture(data=valid_data, notify=False)
    lead_qualify(deal=request, is_target=False)
    call = Task.objects.get(deal=request, title="Call the client back")
    assert call.cancelled_at is not None
    assert not Task.objects.actionable().filter(deal=request).exists()


def test_a_cancelled_task_cannot_be_done(client, deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    task = Task.objects.get(deal=deal, title="Agree the brief")
    with pytest.raises(ValidationError):
        task_complete(task=task)
    client.force_login(deal.owner)
    response = client.post(reverse("leads_tasks:done", args=[task.pk]), follow=True)
    assert response.status_code == 200
    assert "cancelled when its deal closed" in response.content.decode()
    task.refresh_from_db()
    assert task.done_at is None
    assert not Activity.objects.filter(deal=deal, kind="task_done").exists()


def test_reopening_says_what_was_cancelled_and_restores_nothing(deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))

    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()  # newest first
    assert note.data["event"] == "reopened"
    assert "Call the client back" in note.text and "Agree the brief" in note.text
    assert Task.objects.get(deal=deal, title="Agree the brief").cancelled_at is not None
    assert titles(Task.objects.filter(deal=deal).open()) == {"Hold the diagnostic meeting"}

    # closed and reopened again: only what this closing cancelled is named
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))
    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()
    assert "Hold the diagnostic meeting" in note.text and "Agree the brief" not in note.text


def test_a_handed_over_deal_takes_only_its_open_tasks(deal, sales_users):
    from leads.services import deal_reassign

    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    previous = deal.owner
    other = next(user for user in sales_users if user != previous)
    deal_reassign(deal=Deal.objects.get(pk=deal.pk), owner=other)
    assert set(Task.objects.filter(deal=deal).values_list("assignee", flat=True)) == {previous.pk}


@pytest.fixture
def contact(db):
    return Contact.objects.create(name="Ivan Orlov", email="ivan@example.com")


def project_pipeline():
    return Pipeline.objects.get(name="Project work")


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


def pipeline_form(client, pipeline):
    url = reverse("leads_pipelines:edit", args=[pipeline.pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    stages = {
        data[f"stages-{n}-name"]: f"stages-{n}-" for n in range(int(data["stages-TOTAL_FORMS"]))
    }
    return url, data, stages


def milestones(pipeline) -> dict[str, str]:
    return dict(
        pipeline.stages.exclude(proposal_milestone="").values_list("proposal_milestone", "name")
    )


def test_setup_screen_refuses_two_sent_stages_and_a_lost_one(client, manager):
    pipeline = project_pipeline()
    before = milestones(pipeline)
    assert before == {"sent": "Proposal sent", "accepted": "Contract negotiation"}
    client.force_login(manager)

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Meeting / diagnostics"] + "proposal_milestone"] = "sent"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Only one stage of a pipeline can be where deals go when" in response.content.decode()
    assert milestones(pipeline) == before

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Lost"] + "proposal_milestone"] = "accepted"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A lost stage cannot be where deals go when" in response.content.decode()
    assert milestones(pipeline) == before

    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Contract signed"] + "proposal_milestone"] = "accepted"
    assert client.post(url, data).status_code == 302
    assert milestones(pipeline) == {"sent": "Proposal sent", "accepted": "Contract signed"}


def test_setup_screen_refuses_a_sent_proposal_winning_or_losing_the_deal(client, manager):
    """ "Proposal is sent" on "Won" would close the deal as won at its estimate on sending."""
    pipeline = Pipeline.objects.get(name="B2B sale")
    before = milestones(pipeline)
    client.force_login(manager)
    for closing in ("Won", "Lost"):
        url, data, stages = pipeline_form(client, pipeline)
        data[stages["Proposal sent"] + "proposal_milestone"] = ""
        data[stages[closing] + "proposal_milestone"] = "sent"
        data[stages["Won"] + "proposal_milestone"] = "sent" if closing == "Won" else ""
        response = client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        expected = {"Won": "A won stage cannot be where deals go when", "Lost": "A lost stage"}
        assert expected[closing] in html
        assert milestones(pipeline) == before


def test_setup_screen_refuses_acceptance_before_sending(client, manager):
    pipeline = project_pipeline()
    before = milestones(pipeline)
    client.force_login(manager)
    url, data, stages = pipeline_form(client, pipeline)
    data[stages["Contract negotiation"] + "proposal_milestone"] = ""
    data[stages["Qualified"] + "proposal_milestone"] = "accepted"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must come after the stage for" in response.content.decode()
    assert milestones(pipeline) == before

    # moving the accepted stage above the sent one by reordering the rows is refused too
    url, data, stages = pipeline_form(client, pipeline)
    sent_order = data[stages["Proposal sent"] + "ORDER"]
    data[stages["Proposal sent"] + "ORDER"] = data[stages["Contract negotiation"] + "ORDER"]
    data[stages["Contract negotiation"] + "ORDER"] = sent_order
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must come after the stage for" in response.content.decode()
    assert list(pipeline.stages.order_by("sort_order").values_list("name", flat=True)).index(
        "Proposal sent"
    ) < list(pipeline.stages.order_by("sort_order").values_list("name", flat=True)).index(
        "Contract negotiation"
    )


def test_a_closed_deal_takes_no_new_task(client, deal):
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="No budget"))
    deal = Deal.objects.get(pk=deal.pk)
    with pytest.raises(ValidationError, match="reopen it"):
        task_create(title="Call in spring", due_at=timezone.now(), deal=deal)

    client.force_login(deal.owner)
    detail = reverse("leads_deals:detail", args=[deal.pk])
    page = client.get(detail).content.decode()
    assert "The deal is closed: reopen it to plan work on it." in page
    assert reverse("leads_deals:task", args=[deal.pk]) not in page
    response = client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call in spring", "kind": "call", "due_at": "2030-03-01T10:00"},
        follow=True,
    )
    html = response.content.decode()
    assert "The deal is closed: reopen it to plan work on it." in html
    assert "Task added." not in html
    assert not Task.objects.filter(deal=deal, title="Call in spring").exists()

    # reopened, it takes tasks again and they show in My tasks
    deal_move_to_stage(deal=deal, stage=stage(deal, "Qualified"))
    client.post(
        reverse("leads_deals:task", args=[deal.pk]),
        {"title": "Call in spring", "kind": "call", "due_at": "2030-03-01T10:00"},
    )
    assert "Call in spring" in my_tasks_html(client, deal.owner)


def test_a_reopened_deal_no_longer_shows_why_it_was_lost(client, deal):
    reason = LostReason.objects.get(name="Price too high")
    deal_close_lost(deal=deal, reason=reason, comment="Went with a freelancer")
    reopened = deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))
    assert reopened.lost_reason is None and reopened.lost_comment == ""
    deal = Deal.objects.get(pk=deal.pk)
    assert deal.status == "open" and deal.lost_reason is None and deal.lost_comment == ""

    client.force_login(deal.owner)
    page = client.get(reverse("leads_deals:detail", args=[deal.pk])).content.decode()
    assert "<dt>Lost reason</dt>" not in page
    assert "Price too high: Went with a freelancer</dd>" not in page
    # the timeline still tells the story
    assert Activity.objects.filter(
        deal=deal, kind="deal_lost", text__contains="Went with a freelancer"
    ).exists()
    assert "Went with a freelancer" in page


def test_a_deal_won_then_lost_then_reopened_names_what_winning_cancelled(deal):
    deal_close_won(deal=deal, amount=Decimal("100000"))
    deal_close_lost(deal=deal, reason=LostReason.objects.get(name="Bad timing"))  # nothing open
    deal_move_to_stage(deal=deal, stage=stage(deal, "Meeting / diagnostics"))

    note = Activity.objects.filter(deal=deal, kind="tasks_cancelled").first()  # newest first
    assert note.data["event"] == "reopened"
    assert "Call the client back" in note.text and "Agree the brief" in note.text
