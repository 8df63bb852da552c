"""The proposal PDF: rendered by WeasyPrint from storage (never over the network), and kept.

WeasyPrint asks its URL fetcher for every image, stylesheet and font the HTML names. Ours,
:class:`proposals.pdf_fetcher.StorageURLFetcher`, answers ``/media/…`` from Django's default
storage and ``/static/…`` from the static files, and refuses every other URL: no HTTP request
to this site or any other, no ``file://``.

A sent proposal is frozen, so its PDF is rendered once and kept in ``Proposal.pdf_file``
(:func:`proposal_pdf_get`); drafts are rendered each time.
"""

import hashlib
import json
import secrets
import time
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from .choices import ProposalStatus
from .models import Proposal
from .snapshot import build_snapshot

#: Bump when proposals/proposal_pdf.html or what it includes changes: kept PDFs of an older
#: layout are rendered again on their next request.
PDF_LAYOUT = "1"
#: A render that has not finished after this long is taken to have died; another may start.
RENDER_CLAIM_SECONDS = 60
#: How long a request waits for another request's render of the same PDF before rendering
#: the PDF itself (without keeping it).
WAIT_FOR_RENDER_SECONDS = 20
PDF_DIRECTORY = "proposals/pdf"


def base_url() -> str:
    """The site's own address, which relative URLs in the PDF (and its links) start from."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def proposal_pdf_render(*, proposal: Proposal, url_fetcher=None) -> bytes:
    """Render the PDF now (a draft, or the first request of a sent proposal).

    ``url_fetcher`` defaults to a new :class:`~proposals.pdf_fetcher.StorageURLFetcher`."""
    from weasyprint import HTML  # most of a second to import: only where a PDF is made

    from .pdf_fetcher import StorageURLFetcher

    data = proposal.snapshot
    if proposal.status == ProposalStatus.DRAFT:  # the admin's preview: what sending would freeze
        data = build_snapshot(proposal)
    html = render_to_string("proposals/proposal_pdf.html", {"proposal": proposal, "data": data})
    fetcher = url_fetcher or StorageURLFetcher(base_url=base_url())
    return HTML(string=html, base_url=base_url(), url_fetcher=fetcher).write_pdf()


def _fingerprint(proposal: Proposal) -> str:
    """What the PDF is made of: the frozen snapshot, the language and the layout."""
    source = json.dumps(
        [PDF_LAYOUT, get_language(), proposal.snapshot], sort_keys=True, default=str
    )
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _kept(proposal: Proposal) -> Q:
    """Rows whose PDF may be kept: sent, still current and not revoked."""
    return Q(pk=proposal.pk, revoked_at__isnull=True) & ~Q(
        status__in=(ProposalStatus.DRAFT, ProposalStatus.SUPERSEDED)
    )


def _read_kept(proposal: Proposal, fingerprint: str) -> bytes | None:
    """The kept PDF, or None; a kept file of another snapshot, language or layout is dropped."""
    name = Proposal.objects.filter(pk=proposal.pk).values_list("pdf_file", flat=True).first() or ""
    if not name:
        return None
    if PurePosixPath(name).name.startswith(f"{fingerprint}-"):
        try:
            with default_storage.open(name, "rb") as file:
                return file.read()
        except OSError:
            pass  # the file went missing: render it again
    if Proposal.objects.filter(pk=proposal.pk, pdf_file=name).update(pdf_file=""):
        default_storage.delete(name)
    return None


def proposal_pdf_get(*, proposal: Proposal) -> bytes:
    """The proposal's PDF: a sent proposal's is rendered once and then read from storage.

    Concurrent first requests: one claims the render (``pdf_render_claimed_at``, a
    conditional UPDATE, so one process wins on SQLite and PostgreSQL alike), the others wait
    for its file. The file is written completely under a new random name before the row
    points to it, so no request ever reads a half-written PDF. A claim older than
    ``RENDER_CLAIM_SECONDS`` (its process died) is taken over.
    """
    if proposal.status == ProposalStatus.DRAFT:
        return proposal_pdf_render(proposal=proposal)
    fingerprint = _fingerprint(proposal)
    deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
    delay = 0.05
    while True:
        kept = _read_kept(proposal, fingerprint)
        if kept is not None:
            return kept
        claim = timezone.now()
        stale = claim - timedelta(seconds=RENDER_CLAIM_SECONDS)
        claimed = (
            Proposal.objects.filter(_kept(proposal), pdf_file="")
            .filter(Q(pdf_render_claimed_at__isnull=True) | Q(pdf_render_claimed_at__lt=stale))
            .update(pdf_render_claimed_at=claim)
        )
        if claimed:
            return _render_and_keep(proposal, fingerprint, claim)
        if not Proposal.objects.filter(_kept(proposal)).exists() or time.monotonic() > deadline:
            return proposal_pdf_render(proposal=proposal)  # revoked meanwhile, or still waiting
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def _render_and_keep(proposal: Proposal, fingerprint: str, claim) -> bytes:
    mine = Proposal.objects.filter(pk=proposal.pk, pdf_render_claimed_at=claim)
    try:
        pdf = proposal_pdf_render(proposal=proposal)
        name = default_storage.save(
            f"{PDF_DIRECTORY}/{fingerprint}-{secrets.token_urlsafe(24)}.pdf", ContentFile(pdf)
        )
    except BaseException:
        mine.update(pdf_render_claimed_at=None)
        raise
    if not mine.filter(_kept(proposal), pdf_file="").update(
        pdf_file=name, pdf_render_claimed_at=None
    ):
        default_storage.delete(name)  # revoked or superseded meanwhile: keep nothing
        mine.update(pdf_render_claimed_at=None)
    return pdf


def proposal_pdf_discard(*, proposal: Proposal) -> None:
    """Delete the kept PDF (the link was revoked or a newer version was sent)."""
    name = Proposal.objects.filter(pk=proposal.pk).values_list("pdf_file", flat=True).first() or ""
    if name and Proposal.objects.filter(pk=proposal.pk, pdf_file=name).update(pdf_file=""):
        transaction.on_commit(lambda: default_storage.delete(name))
    proposal.pdf_file = ""
