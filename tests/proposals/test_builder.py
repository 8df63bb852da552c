"""The proposal builder: Send shows the client's page first, refuses what cannot be sent,
and suggestions leave out what is already chosen."""

import datetime
import html
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest

from leads.models import Activity
from proposals import services
from proposals.models import Proposal, ProposalExpert
from proposals.selectors import case_suggestions, expert_suggestions
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


def send_url(proposal) -> str:
    return reverse("proposals_admin:send", args=[proposal.pk])


def detail_url(proposal) -> str:
    return reverse("proposals_admin:detail", args=[proposal.pk])


def status_of(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


def shown(response) -> str:
    """The page's text with the embedded client page unescaped, as the browser reads both."""
    return html.unescape(response.content.decode())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_send_shows_the_clients_page_and_changes_nothing(owner_client, draft):
    Proposal.objects.filter(pk=draft.pk).update(valid_until=None)
    builder = owner_client.get(detail_url(draft)).content.decode()
    assert f'href="{send_url(draft)}"' in builder  # Send opens the confirmation screen

    response = owner_client.get(send_url(draft))

    assert response.status_code == 200
    # the client's whole page, escaped into the frame's srcdoc attribute
    assert 'srcdoc="&lt;!doctype html&gt;' in response.content.decode()
    page = shown(response)
    assert "Service with Kubernetes — Package 0" in page  # a line, as the client reads it
    assert "Accept the proposal" in page and "Your team" in page  # the client's page itself
    assert "Anna Petrova &lt;anna@example.com&gt;, Retail Co" in response.content.decode()
    assert "150,000.00" in page  # the total, formatted
    valid_until = timezone.localdate() + datetime.timedelta(days=30)  # what sending sets
    assert response.context["data"]["valid_until"] == valid_until.isoformat()
    assert date_format(valid_until, "SHORT_DATE_FORMAT") in page
    assert "Send to the client" in page and "Back to editing" in page
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.status == "draft" and not proposal.token and not proposal.snapshot
    assert proposal.valid_until is None
    assert not Activity.objects.filter(deal=draft.deal, text__contains="sent").exists()


def test_confirming_sends_what_was_shown(owner_client, draft):
    preview = owner_client.get(send_url(draft))

    response = owner_client.post(send_url(draft), {"fingerprint": preview.context["fingerprint"]})

    assert response.status_code == 302 and response["Location"] == detail_url(draft)
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.status == "sent" and proposal.token
    assert proposal.snapshot == preview.context["data"]
    after = owner_client.get(detail_url(draft))
    assert "Sent. The private link is ready to share." in messages_of(after)
    assert proposal.token in after.content.decode()


def test_no_get_ever_sends(owner_client, draft):
    fingerprint = owner_client.get(send_url(draft)).context["fingerprint"]
    owner_client.get(send_url(draft), {"fingerprint": fingerprint})
    owner_client.head(send_url(draft))
    old_action = reverse("proposals_admin:unknown_action", args=[draft.pk, "send"])
    owner_client.get(old_action)

    assert status_of(draft) == "draft"


def test_a_post_without_the_preview_only_shows_it(owner_client, draft):
    """A form from before this screen existed, or a forged one, sends nothing unseen."""
    response = owner_client.post(send_url(draft))

    assert response.status_code == 200 and "Send to the client" in shown(response)
    assert status_of(draft) == "draft"


def test_a_draft_changed_after_the_preview_is_shown_again(owner_client, draft):
    fingerprint = owner_client.get(send_url(draft)).context["fingerprint"]
    line = draft.lines.get()
    line.unit_price = Decimal("200000")
    line.save()
    services.proposal_recalculate(proposal=draft)

    response = owner_client.post(send_url(draft), {"fingerprint": fingerprint})

    assert response.status_code == 200 and status_of(draft) == "draft"
    assert "The proposal changed after this preview was shown" in " ".join(messages_of(response))
    assert "200,000.00" in shown(response)


def test_another_salesperson_cannot_reach_the_preview(client, draft, sales_users):
    other = next(user for user in sales_users if user != draft.deal.owner)
    client.force_login(other)

    assert client.get(send_url(draft)).status_code == 404
    assert client.post(send_url(draft), {"fingerprint": "x"}).status_code == 404
    assert status_of(draft) == "draft"


def test_a_manager_previews_and_sends(client, draft, manager):
    client.force_login(manager)
    fingerprint = client.get(send_url(draft)).context["fingerprint"]

    client.post(send_url(draft), {"fingerprint": fingerprint})

    assert status_of(draft) == "sent"


def make_zero_total(proposal):
    proposal.lines.update(unit_price=Decimal(0))
    services.proposal_recalculate(proposal=proposal)


def make_empty(proposal):
    proposal.lines.all().delete()
    services.proposal_recalculate(proposal=proposal)


def make_expired(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )


@pytest.mark.parametrize(
    "spoil, message",
    [
        (make_zero_total, "The total is zero: add prices before sending."),
        (make_empty, "Add at least one line before sending."),
        (make_expired, "The proposal was valid until"),
    ],
    ids=["zero total", "no lines", "validity passed"],
)
def test_what_cannot_be_sent_is_refused_with_a_reason(owner_client, draft, spoil, message):
    spoil(draft)

    builder = owner_client.get(detail_url(draft)).content.decode()
    assert message in builder and "disabled" in builder
    assert f'href="{send_url(draft)}"' not in builder
    preview = owner_client.get(send_url(draft), follow=True)
    assert "Send to the client" not in shown(preview)
    assert any(message in text for text in messages_of(preview))
    confirm = owner_client.post(send_url(draft), {"fingerprint": "anything"}, follow=True)
    assert any(message in text for text in messages_of(confirm))
    with pytest.raises(ValidationError, match=message):
        services.proposal_send(proposal=Proposal.objects.get(pk=draft.pk))
    assert status_of(draft) == "draft"


def test_suggestions_leave_out_chosen_cases_and_experts(owner_client, draft, portfolio):
    services_ = [portfolio.services[0]]
    chosen_cases = set(draft.chosen_cases.values_list("case_id", flat=True))
    chosen_experts = set(draft.chosen_experts.values_list("expert_id", flat=True))
    # what the builder would offer were nothing chosen: the chosen ones among them
    assert chosen_cases & {s.case.pk for s in case_suggestions(deal=draft.deal, services=services_)}
    assert chosen_experts == {s.expert.pk for s in expert_suggestions(services=services_)}
    dropped = draft.chosen_experts.order_by("pk").first()
    dropped.delete()

    context = owner_client.get(detail_url(draft)).context

    offered_cases = {s.case.pk for s in context["case_suggestions"]}
    offered_experts = {s.expert.pk for s in context["expert_suggestions"]}
    assert not offered_cases & chosen_cases
    assert offered_experts == {dropped.expert_id}  # offered again once removed


def test_an_added_expert_takes_their_position_as_role(owner_client, draft, portfolio):
    draft.chosen_experts.all().delete()
    expert = portfolio.experts[0]
    expert.position = "Platform architect"
    expert.save_revision().publish()

    owner_client.post(reverse("proposals_admin:add_expert", args=[draft.pk]), {"id": expert.pk})

    assert ProposalExpert.objects.get(proposal=draft).role == "Platform architect"
    preview = shown(owner_client.get(send_url(draft)))
    assert "Platform architect" in preview


def test_the_preview_is_in_the_clients_language_not_the_admins(owner_client, draft, settings):
    from wagtail.users.models import UserProfile

    settings.LANGUAGE_CODE = "ru"  # the public site, and so the client's page, is Russian
    profile = UserProfile.get_for_user(draft.deal.owner)
    profile.preferred_language = "en"
    profile.save()

    page = shown(owner_client.get(send_url(draft)))

    assert "Принять предложение" in page  # "Accept the proposal" on the client's page
    assert "Send to the client" in page  # the admin screen itself stays in English
