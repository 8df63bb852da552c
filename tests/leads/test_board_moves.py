"""The board's drag and drop posts the card's move form asking for JSON: the answer says whether
the deal moved, and its message is not shown a second time on the next page."""

from django.urls import reverse

import pytest

from leads.models import Deal, LostReason
from leads.services import lead_capture

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def deal(db, sales_users, valid_data):
    return lead_capture(data=valid_data)


@pytest.fixture
def board_url(deal):
    return reverse("leads_board:pipeline", args=[deal.pipeline.pk])


def move(client, deal, **data):
    return client.post(reverse("leads_deals:move", args=[deal.pk]), data, **JSON)


def test_an_accepted_move_answers_ok_with_its_message_once(client, manager, deal, board_url):
    client.force_login(manager)
    qualified = deal.pipeline.stages.get(name="Qualified")
    response = move(client, deal, stage=qualified.pk, next=board_url)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "messages": ["Moved to “Qualified”."]}
    assert Deal.objects.get(pk=deal.pk).stage == qualified
    assert "Moved to “Qualified”" not in client.get(board_url).content.decode()


def test_a_lost_move_keeps_the_reason_and_the_comment(client, manager, deal):
    client.force_login(manager)
    lost = deal.pipeline.stages.get(kind="lost")
    reason = LostReason.objects.get(name="No budget")
    response = move(client, deal, stage=lost.pk, lost_reason=reason.pk, comment="Next year")
    assert response.json()["ok"] is True
    deal.refresh_from_db()
    assert (deal.status, deal.lost_reason, deal.lost_comment) == ("lost", reason, "Next year")


@pytest.mark.parametrize(
    ("kind", "data", "error"),
    [
        ("lost", {}, "Choose why the deal was lost."),
        ("won", {}, "Enter the amount of the won deal."),
        ("won", {"amount": "-5"}, "Ensure this value is greater than or equal to 0."),
        ("lost", {"lost_reason": "999999"}, "Select a valid choice."),
    ],
)
def test_a_refused_move_answers_400_with_the_reason_and_leaves_the_deal(
    client, manager, deal, board_url, kind, data, error
):
    client.force_login(manager)
    stage = deal.pipeline.stages.get(kind=kind)
    response = move(client, deal, stage=stage.pk, next=board_url, **data)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and any(error in text for text in body["errors"])
    assert Deal.objects.get(pk=deal.pk).stage == deal.stage
    assert error not in client.get(board_url).content.decode()


def test_the_board_offers_a_lost_dialog_with_a_required_reason_and_a_comment(
    client, manager, deal, board_url
):
    LostReason.objects.filter(name="Bad timing").update(is_active=False)
    client.force_login(manager)
    html = client.get(board_url).content.decode()
    assert 'id="vt-lost-dialog"' in html
    assert '<select name="lost_reason" id="vt-lost-reason" required>' in html
    assert '<label for="vt-lost-comment">Comment</label>' in html
    assert "No budget" in html and "Bad timing" not in html
    assert 'name="comment"' in html.split(f'data-deal="{deal.pk}"')[1]  # the card's move form


NOT_THERE = "This deal or stage is not there any more, or not yours: reload the board."


@pytest.mark.parametrize("stage", ["0", "-1", "99999999999999999999", "9" * 30, "123456"])
def test_a_move_to_a_stage_that_is_not_there_answers_json(client, manager, deal, stage):
    client.force_login(manager)
    response = move(client, deal, stage=stage)
    assert response.status_code in (400, 404)
    assert response.json()["ok"] is False and response.json()["errors"]
    assert Deal.objects.get(pk=deal.pk).stage == deal.stage


def test_another_sellers_deal_answers_json_404_and_stays(client, deal, sales_users):
    other = next(user for user in sales_users if user != deal.owner)
    client.force_login(other)
    qualified = deal.pipeline.stages.get(name="Qualified")
    response = move(client, deal, stage=qualified.pk)
    assert response.status_code == 404
    assert response.json() == {"ok": False, "errors": [NOT_THERE]}
    assert Deal.objects.get(pk=deal.pk).stage == deal.stage
    # without JSON asked: the admin's own not-found page, as before
    plain = client.post(reverse("leads_deals:move", args=[deal.pk]), {})
    assert plain.status_code == 404 and plain["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("pk", "action"), [(None, "fly"), (None, "delete"), (999999, "move")])
def test_an_unknown_action_or_deal_answers_json_404(client, manager, deal, pk, action):
    client.force_login(manager)
    url = f"{reverse('leads_deals:detail', args=[pk or deal.pk])}{action}/"
    response = client.post(url, {"stage": deal.stage.pk}, **JSON)
    assert response.status_code == 404
    assert response.json() == {"ok": False, "errors": [NOT_THERE]}
