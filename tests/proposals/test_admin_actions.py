"""One admin view per action: each deal and proposal button has its own URL and view, keeps the
permission policy of the single view it replaced, and answers hostile input with a message or a
404, never a 500. Proposals are in the Sales menu."""

from django.test import RequestFactory
from django.urls import resolve, reverse

import pytest

from leads import admin_deal_actions
from leads.choices import CustomFieldType
from leads.models import CustomField, Deal, LostReason
from leads.services import deal_set_custom_values
from proposals import admin_views
from proposals.models import ProposalCase, ProposalExpert
from proposals.services import proposal_add_case, proposal_add_expert, proposal_send
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

DEAL_ACTIONS = ["move", "won", "lost", "target", "not_target", "activity", "task", "custom"]
PROPOSAL_ACTIONS = ["revise", "revoke", "add_case", "add_expert"]
HOSTILE_IDS = ["", "abc", "1\x00", "\x00", "-1", "99999999999999999999999"]


def other_seller(deal, sales_users):
    return next(user for user in sales_users if user != deal.owner)


def snapshot(deal):
    deal = Deal.objects.get(pk=deal.pk)
    return (deal.stage_id, deal.status, deal.qualification, deal.custom_values,
            deal.activities.count(), deal.tasks.count())  # fmt: skip


def test_each_deal_action_has_its_own_view_at_the_old_path(deal):
    for name in DEAL_ACTIONS:
        url = reverse(f"leads_deals:{name}", args=[deal.pk])
        assert url.endswith(f"/{deal.pk}/{name}/")
        assert resolve(url).func.__name__ != "deal_unknown_action", name
    assert (
        len({resolve(reverse(f"leads_deals:{n}", args=[deal.pk])).func for n in DEAL_ACTIONS}) == 8
    )


def test_each_proposal_action_has_its_own_view(draft):
    views = {
        resolve(reverse(f"proposals_admin:{n}", args=[draft.pk])).func for n in PROPOSAL_ACTIONS
    }
    assert len(views) == 4 and admin_views.proposal_unknown_action not in views


@pytest.mark.parametrize("name", DEAL_ACTIONS)
def test_another_sellers_deal_is_not_there_through_any_action(client, deal, sales_users, name):
    client.force_login(other_seller(deal, sales_users))
    before = snapshot(deal)
    qualified = deal.pipeline.stages.get(name="Qualified")
    data = {"stage": qualified.pk, "amount": "10", "kind": "call", "text": "x", "title": "t",
            "due_at": "2031-01-01T10:00", "lost_reason": LostReason.objects.first().pk}  # fmt: skip
    response = client.post(reverse(f"leads_deals:{name}", args=[deal.pk]), data)
    assert response.status_code == 404
    assert snapshot(deal) == before


@pytest.mark.parametrize("name", PROPOSAL_ACTIONS)
def test_another_sellers_proposal_is_not_there_through_any_action(
    client, draft, sales_users, portfolio, name
):
    client.force_login(other_seller(draft.deal, sales_users))
    before = (
        draft.chosen_cases.count(),
        draft.chosen_experts.count(),
        draft.deal.proposals.count(),
    )
    response = client.post(
        reverse(f"proposals_admin:{name}", args=[draft.pk]), {"id": portfolio.cases[0].pk}
    )
    assert response.status_code == 404
    assert (draft.chosen_cases.count(), draft.chosen_experts.count()) == before[:2]
    assert draft.deal.proposals.count() == before[2]


def test_actions_refuse_get(client, deal, draft):
    client.force_login(deal.owner)
    for name in DEAL_ACTIONS:
        assert client.get(reverse(f"leads_deals:{name}", args=[deal.pk])).status_code == 405
    for name in PROPOSAL_ACTIONS:
        assert client.get(reverse(f"proposals_admin:{name}", args=[draft.pk])).status_code == 405


@pytest.mark.parametrize("value", [None, *HOSTILE_IDS])
def test_a_move_to_a_missing_or_odd_stage_is_a_message_or_404(client, deal, value):
    client.force_login(deal.owner)
    data = {} if value is None else {"stage": value}
    response = client.post(reverse("leads_deals:move", args=[deal.pk]), data)
    assert response.status_code in (302, 404)
    json_answer = client.post(
        reverse("leads_deals:move", args=[deal.pk]), data, HTTP_ACCEPT="application/json"
    )
    assert json_answer.status_code in (400, 404) and json_answer.json()["ok"] is False
    assert Deal.objects.get(pk=deal.pk).stage_id == deal.stage_id


@pytest.mark.parametrize("name", ["add_case", "add_expert"])
@pytest.mark.parametrize("value", [None, *HOSTILE_IDS])
def test_odd_evidence_ids_are_a_message(client, draft, name, value):
    client.force_login(draft.deal.owner)
    before = (draft.chosen_cases.count(), draft.chosen_experts.count())
    data = {} if value is None else {"id": value}
    response = client.post(reverse(f"proposals_admin:{name}", args=[draft.pk]), data, follow=True)
    assert response.status_code == 200
    assert "Choose a published case or expert" in response.content.decode()
    assert (draft.chosen_cases.count(), draft.chosen_experts.count()) == before


def test_an_unknown_deal_action_is_a_404_and_a_proposal_one_refused(client, deal, draft):
    client.force_login(deal.owner)
    url = reverse("leads_deals:unknown_action", args=[deal.pk, "explode"])
    assert client.post(url).status_code == 404
    url = reverse("proposals_admin:unknown_action", args=[draft.pk, "explode"])
    response = client.post(url)  # PermissionDenied, which the Wagtail admin shows as a redirect
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_deal_action_views_are_the_ones_the_urls_name():
    assert admin_deal_actions.deal_move.__name__ == "deal_move"
    assert {p.name for p in admin_deal_actions.urlpatterns} == {*DEAL_ACTIONS, "unknown_action"}


# services that replaced direct writes in the views


def test_custom_values_go_through_the_service_with_field_errors(deal):
    CustomField.objects.create(
        pipeline=deal.pipeline, name="Budget", key="budget",
        field_type=CustomFieldType.NUMBER, required=True,
    )  # fmt: skip
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        deal_set_custom_values(deal=deal, values={"budget": None, "nope": "x"})
    assert set(error.value.message_dict) == {"budget", "nope"}
    deal_set_custom_values(deal=deal, values={"budget": 0})
    assert Deal.objects.get(pk=deal.pk).custom_values == {"budget": 0}


def test_custom_fields_are_saved_from_the_deal_page(client, deal):
    CustomField.objects.create(
        pipeline=deal.pipeline, name="Launch", key="launch", field_type=CustomFieldType.DATE
    )
    client.force_login(deal.owner)
    client.post(reverse("leads_deals:custom", args=[deal.pk]), {"launch": "2031-02-03"})
    assert Deal.objects.get(pk=deal.pk).custom_values == {"launch": "2031-02-03"}


def test_a_custom_number_too_large_to_be_a_budget_is_refused(client, deal):
    CustomField.objects.create(
        pipeline=deal.pipeline, name="Budget", key="budget", field_type=CustomFieldType.NUMBER
    )
    client.force_login(deal.owner)
    url = reverse("leads_deals:custom", args=[deal.pk])
    response = client.post(url, {"budget": "1e999"}, follow=True)
    assert "digits" in response.content.decode()
    assert Deal.objects.get(pk=deal.pk).custom_values.get("budget") is None
    client.post(url, {"budget": "125000.50"})
    assert Deal.objects.get(pk=deal.pk).custom_values == {"budget": "125000.50"}


def test_evidence_services_add_once_and_only_to_a_draft(draft, portfolio):
    from django.core.exceptions import ValidationError

    draft.chosen_cases.all().delete()
    draft.chosen_experts.all().delete()
    case, expert = portfolio.cases[0], portfolio.experts[0]
    proposal_add_case(proposal=draft, case_id=case.pk)
    proposal_add_case(proposal=draft, case_id=str(case.pk))
    proposal_add_expert(proposal=draft, expert_id=expert.pk)
    assert ProposalCase.objects.filter(proposal=draft).count() == 1
    assert ProposalExpert.objects.get(proposal=draft).role == expert.position
    with pytest.raises(ValidationError) as error:
        proposal_add_expert(proposal=draft, expert_id="1\x00")
    assert "expert" in error.value.message_dict
    proposal_send(proposal=draft, user=draft.deal.owner)
    with pytest.raises(ValidationError):
        proposal_add_expert(proposal=draft, expert_id=portfolio.experts[1].pk)


def test_proposals_are_in_the_sales_menu_not_top_level(deal):
    from wagtail.admin.menu import admin_menu

    # reverse() loads the URLconf, which registers the viewsets' menu items (wagtail.admin.urls
    # populates them), as it has for every real request before it reaches a menu
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = deal.owner
    items = admin_menu.menu_items_for_request(request)
    assert "proposals" not in {item.name for item in items}
    sales = next(item for item in items if item.name == "sales")
    names = [item.name for item in sorted(sales.menu.menu_items_for_request(request),
                                          key=lambda i: i.order)]  # fmt: skip
    assert "proposals" in names
    assert names.index("deals") < names.index("proposals") < names.index("contacts")
    proposals = next(i for i in sales.menu.menu_items_for_request(request) if i.name == "proposals")
    assert proposals.url == reverse("proposals_admin:index")
