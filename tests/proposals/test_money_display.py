"""What the client reads on the proposal's page and PDF: lines in kopecks that visibly add up to
the total, the discount with a real minus sign, amounts and percentages in the site's language."""

import re
import shutil
import subprocess
from decimal import Decimal

from django.urls import reverse

import pytest

from proposals import services
from proposals.models import ProposalLine
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture
def sent(deal):
    draft = services.proposal_create_from_deal(deal=deal, user=deal.owner)
    draft.lines.all().delete()
    for n, price in enumerate([Decimal("1234.56"), Decimal("765.44")]):
        ProposalLine.objects.create(
            proposal=draft, description=f"Line {n}", quantity=1, unit_price=price, sort_order=n
        )
    draft.discount_percent, draft.tax_rate = Decimal("75"), Decimal("0")
    draft.save()
    services.proposal_recalculate(proposal=draft)
    return services.proposal_send(proposal=draft, user=deal.owner)


def _page(client, proposal) -> str:
    return client.get(reverse("proposals:page", args=[proposal.token])).content.decode()


def test_lines_keep_their_kopecks_and_add_up_in_english(client, sent):
    html = _page(client, sent)
    assert "₽1,234.56" in html and "₽765.44" in html  # never rounded to "₽1,235"
    assert "₽2,000.00" in html  # the subtotal is what the lines add up to
    assert f"Discount {MINUS}75%" in html and f"{MINUS}₽1,500.00" in html
    assert "₽500.00" in html  # the total
    assert "(-75%)" not in html and "-75%" not in html
    assert "RUB" not in html


def test_lines_in_russian(client, sent, settings):
    settings.LANGUAGE_CODE = "ru"
    html = _page(client, sent)
    assert f"1{NBSP}234,56{NBSP}₽" in html and f"765,44{NBSP}₽" in html
    assert f"2{NBSP}000,00{NBSP}₽" in html
    assert f"{MINUS}75{NBSP}%" in html and f"{MINUS}1{NBSP}500,00{NBSP}₽" in html


def test_no_discount_or_tax_line_when_there_is_none(client, sent):
    for zero in ("0.00", "0", "0.0"):  # however an older snapshot wrote it
        sent.snapshot["totals"].update(discount=zero, tax=zero)
        sent.save(update_fields=["snapshot"])
        html = _page(client, sent)
        # whole words: the proposal's random address may hold the letters ("…ATaxIQf…")
        assert not re.search(r"\bDiscount\b", html) and not re.search(r"\bTax\b", html)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_pdf_reads_the_same(client, sent, tmp_path):
    path = tmp_path / "proposal.pdf"
    path.write_bytes(client.get(reverse("proposals:pdf", args=[sent.token])).content)
    text = subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "₽1,234.56" in text and "₽765.44" in text and "₽2,000.00" in text
    assert f"{MINUS}₽1,500.00" in text and "₽500.00" in text


@pytest.mark.parametrize("language", ["en", "ru"])
def test_acceptance_note_has_one_full_stop(client, sent, settings, language):
    """Dates are 24-hour in every language: no "11:56 a.m.. Thank you!"."""
    settings.LANGUAGE_CODE = language
    services.proposal_accept(proposal=sent, name="Anna", position="", ip_address=None)
    note = re.search(r'<p class="p-status">(.*?)</p>', _page(client, sent), re.S).group(1)
    assert "Anna" in note and ".." not in note
    assert "a.m." not in note and "p.m." not in note and "г." not in note
