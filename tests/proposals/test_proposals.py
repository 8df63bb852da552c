"""Building, sending, viewing and answering proposals; snapshots, tokens, PDF, permissions."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from leads.models import Activity
from proposals import services
from proposals.models import Proposal, ProposalCase, ProposalExpert, ProposalLine, ProposalTemplate
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here


@pytest.fixture
def sent(draft):
    return services.proposal_send(proposal=draft, user=draft.deal.owner)


def test_new_proposal_is_filled_from_the_deal(deal, portfolio):
    ProposalTemplate.objects.create(
        name="Kubernetes offer", introduction="We move you to Kubernetes.", terms="50% upfront"
    )
    template = ProposalTemplate.objects.get()
    template.default_services.add(portfolio.services[0])
    template.save()
    proposal = services.proposal_create_from_deal(deal=deal)
    line = proposal.lines.get()
    assert line.service == portfolio.services[0] and line.package.name == "Package 0"
    assert line.unit_price == Decimal("150000.00") and proposal.total == Decimal("150000.00")
    assert proposal.introduction == "We move you to Kubernetes." and proposal.terms == "50% upfront"
    assert proposal.chosen_cases.exists() and proposal.chosen_experts.exists()
    assert Activity.objects.filter(deal=deal, kind="proposal").exists()


def test_suggestions_carry_reasons_and_mark_internal_cases(admin_client, draft, portfolio):
    from cases.factories import CasePageFactory

    secret = CasePageFactory(
        parent=portfolio.tree.cases, visibility="internal", title="Secret retail case"
    )
    secret.services.add(portfolio.services[0])
    secret.save()
    draft.chosen_experts.all().delete()  # chosen experts are not offered again
    html = admin_client.get(reverse("proposals_admin:detail", args=[draft.pk])).content.decode()
    assert "Uses 1 of the chosen services" in html
    assert "Secret retail case" in html and "Internal only: do not quote the client" in html
    assert "Kubernetes: Advanced" in html  # expert suggestion reason


def test_send_freezes_a_snapshot(client, sent, portfolio):
    url = reverse("proposals:page", args=[sent.token])
    before = client.get(url).content.decode()
    assert "150,000" in before and "Case " in before and "Expert " in before
    service = portfolio.services[0]
    service.packages.update(price=Decimal("999999"))
    case = sent.chosen_cases.first().case
    case.title = "Renamed case"
    case.save()
    expert = sent.chosen_experts.first().expert
    expert.short_bio = "Completely new bio"
    expert.save()
    after = client.get(url).content.decode()
    assert (
        "999,999" not in after and "Renamed case" not in after and "Completely new bio" not in after
    )
    assert sent.snapshot == Proposal.objects.get(pk=sent.pk).snapshot


def test_token_is_long_random_and_private(client, sent):
    assert len(sent.token) >= 43
    response = client.get(reverse("proposals:page", args=[sent.token]))
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_token_comes_from_secrets(monkeypatch, draft):
    calls = []

    def fake(nbytes):
        calls.append(nbytes)
        return "T" * 43

    monkeypatch.setattr("proposals.services.sending.secrets.token_urlsafe", fake)
    services.proposal_send(proposal=draft)
    assert calls == [32]


def assert_no_leak(html, proposal):
    assert (
        proposal.title not in html
        and "150,000" not in html
        and proposal.deal.contact.name not in html
    )


def test_wrong_expired_revoked_and_superseded_links(client, sent):
    wrong = client.get("/p/not-a-real-token-at-all/")
    assert wrong.status_code == 404 and "Proposal not found" in wrong.content.decode()
    assert_no_leak(wrong.content.decode(), sent)

    Proposal.objects.filter(pk=sent.pk).update(link_expires_at="2000-01-01T00:00:00Z")
    expired = client.get(reverse("proposals:page", args=[sent.token]))
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert_no_leak(expired.content.decode(), sent)
    Proposal.objects.filter(pk=sent.pk).update(link_expires_at="2100-01-01T00:00:00Z")

    newer = services.proposal_revise(proposal=sent)
    newer = services.proposal_send(proposal=newer)
    old = client.get(reverse("proposals:page", args=[sent.token]))
    assert (
        old.status_code == 410
        and reverse("proposals:page", args=[newer.token]) in old.content.decode()
    )
    assert_no_leak(old.content.decode(), sent)

    services.proposal_revoke(proposal=newer)
    revoked = client.get(reverse("proposals:page", args=[newer.token]))
    assert revoked.status_code == 410 and "no longer active" in revoked.content.decode()
    assert client.get(reverse("proposals:pdf", args=[newer.token])).status_code == 410


def test_views_are_counted_and_the_first_is_on_the_timeline(client, sent):
    url = reverse("proposals:page", args=[sent.token])
    client.get(url)
    client.get(url)
    proposal = Proposal.objects.get(pk=sent.pk)
    assert proposal.view_count == 2 and proposal.status == "viewed"
    assert (
        Activity.objects.filter(deal=sent.deal, text__startswith="The client opened").count() == 1
    )


def test_accept_moves_the_deal_and_records_who(client, sent, django_capture_on_commit_callbacks):
    from django.core import mail

    url = reverse("proposals:page", args=[sent.token])
    assert (
        client.post(
            reverse("proposals:accept", args=[sent.token]), {"name": "", "position": ""}
        ).status_code
        == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("proposals:accept", args=[sent.token]),
            {"name": "Anna Petrova", "position": "CEO"},
            REMOTE_ADDR="10.1.1.1",
        )
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=sent.pk)
    assert (
        proposal.status == "accepted"
        and proposal.accepted_ip == "10.1.1.1"
        and proposal.accepted_position == "CEO"
    )
    sent.deal.refresh_from_db()
    assert sent.deal.stage.name == "Contract negotiation"  # the stage for an accepted proposal
    assert Activity.objects.filter(
        deal=sent.deal, text__contains="Anna Petrova (CEO) accepted"
    ).exists()
    assert any("accepted" in message.subject for message in mail.outbox)
    assert "Accepted by Anna Petrova" in client.get(url).content.decode()
    assert (
        client.post(reverse("proposals:decline", args=[sent.token]), {"reason": "x"}).status_code
        == 400
    )


def test_decline_with_reason(client, sent):
    client.post(reverse("proposals:decline", args=[sent.token]), {"reason": "Too expensive"})
    proposal = Proposal.objects.get(pk=sent.pk)
    assert proposal.status == "declined" and proposal.decline_reason == "Too expensive"
    assert Activity.objects.filter(deal=sent.deal, text__contains="Too expensive").exists()


@pytest.mark.skipif(
    not shutil.which("pdftotext"),
    reason="needs poppler's pdftotext (apt-get install poppler-utils)",
)
def test_pdf_has_the_lines_and_totals(client, sent, tmp_path):
    response = client.get(reverse("proposals:pdf", args=[sent.token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "proposal.pdf"
    path.write_bytes(response.content)
    pdftotext = shutil.which("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Service with Kubernetes" in text
    assert "150,000" in text and "Total" in text
    assert sent.number in text

    # Cyrillic renders (a font with Cyrillic glyphs, DejaVu, is named first in the styles).
    russian = services.proposal_revise(proposal=sent)
    russian.lines.update(description="Разработка интернет-магазина")
    russian = services.proposal_send(proposal=russian)
    path.write_bytes(client.get(reverse("proposals:pdf", args=[russian.token])).content)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Разработка интернет-магазина" in text


def test_private_page_query_count_is_fixed(client, sent, portfolio):
    url = reverse("proposals:page", args=[sent.token])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    draft = services.proposal_revise(proposal=sent)
    for number in range(15):
        ProposalLine.objects.create(
            proposal=draft, description=f"Extra {number}", quantity=1, unit_price=10
        )
    for case in portfolio.cases:
        ProposalCase.objects.get_or_create(proposal=draft, case=case)
    for expert in portfolio.experts:
        ProposalExpert.objects.get_or_create(proposal=draft, expert=expert)
    bigger = services.proposal_send(proposal=draft)
    big_url = reverse("proposals:page", args=[bigger.token])
    client.get(big_url)
    with CaptureQueriesContext(connection) as large:
        client.get(big_url)
    assert len(large) == len(small)


@pytest.mark.parametrize("role", ["anonymous", "editor", "sales", "manager"])
def test_only_sales_build_and_send(client, draft, manager, role):
    user = None
    if role == "editor":
        user = User.objects.create_user("eddie", "e@example.com", "pw")
        user.groups.add(Group.objects.get(name="Editors"))
    elif role == "sales":
        user = draft.deal.owner
    elif role == "manager":
        user = manager
    if user:
        client.force_login(user)
    allowed = role in ("sales", "manager")
    detail = client.get(reverse("proposals_admin:detail", args=[draft.pk]))
    listing = client.get(reverse("proposals_admin:index"))
    new = client.post(reverse("proposals_admin:new_from_deal", args=[draft.deal.pk]))
    send_url = reverse("proposals_admin:send", args=[draft.pk])
    preview = client.get(send_url)
    fingerprint = preview.context["fingerprint"] if preview.status_code == 200 else "x"
    send = client.post(send_url, {"fingerprint": fingerprint})
    if allowed:
        assert detail.status_code == 200 and listing.status_code == 200
        assert new.status_code == 302 and send.status_code == 302
        assert Proposal.objects.get(pk=draft.pk).status == "sent"
    else:
        assert detail.status_code in (302, 403) and listing.status_code in (302, 403)
        assert Proposal.objects.count() == 1 and Proposal.objects.get().status == "draft"
        if role == "editor":
            assert "Proposal" not in client.get("/admin/").content.decode()


def test_editing_a_draft_recalculates_and_a_sent_one_is_frozen(admin_client, draft):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    line = draft.lines.get()
    data = nested_form_data(
        {
            "title": "Updated offer",
            "valid_until": "2030-01-31",
            "currency": "RUB",
            "introduction": "Hello",
            "terms": "",
            "discount_percent": "10",
            "tax_rate": "20",
            "lines": inline_formset(
                [
                    {
                        "id": line.pk,
                        "service": "",
                        "package": "",
                        "description": "Migration",
                        "quantity": "3",
                        "unit": "day",
                        "unit_price": "33333.33",
                    },
                ],
                initial=1,
            ),
            "phases": inline_formset([]),
            "chosen_cases": inline_formset([]),
            "chosen_experts": inline_formset([]),
        }
    )
    edit_url = reverse("proposals_admin:edit", args=[draft.pk])
    assert admin_client.get(edit_url).status_code == 200
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.subtotal == Decimal("99999.99") and draft.discount_amount == Decimal("10000.00")
    assert draft.tax_amount == Decimal("17999.998").quantize(
        Decimal("0.01")
    ) and draft.total == Decimal("107999.99")
    services.proposal_send(proposal=draft)
    frozen = admin_client.get(edit_url)
    assert frozen.status_code == 302 and frozen["Location"] == reverse(
        "proposals_admin:detail", args=[draft.pk]
    )


def test_metrics_read_as_plain_numbers(client, sent):
    html = client.get(reverse("proposals:page", args=[sent.token])).content.decode()
    assert "10 → <strong>15</strong>" in html and "E+" not in html


def test_a_title_a_spreadsheet_would_run_stays_text_in_the_export(client, draft, manager):
    draft.title = '=HYPERLINK("http://evil.example","Open")'
    draft.save()
    client.force_login(manager)
    response = client.get(reverse("proposals_admin:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert "'" + draft.title in rows[1]
