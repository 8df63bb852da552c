"""The proposal PDF: rendered by WeasyPrint from storage (never over the network), and kept.

WeasyPrint asks its URL fetcher for every image, stylesheet and font the HTML names. Ours,
:class:`proposals.pdf_fetcher.StorageURLFetcher`, answers ``/media/…`` from Django's default
storage and ``/static/…`` from the static files, and refuses every other URL: no HTTP request
to this site or any other, no ``file://``.

A sent proposal is frozen, so its PDF is rendered once, by the background worker right after
sending (``proposals.tasks.render_proposal_pdf``) or by the first request, and kept in
``Proposal.pdf_file`` (:func:`proposal_pdf_keep`); drafts are rendered each time.
"""

import fcntl
import hashlib
import json
import secrets
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path, PurePosixPath

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
#: When a visitor whose PDF is being rendered is told to ask again (``Retry-After``).
PDF_RETRY_SECONDS = 2
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


def _kept_name(proposal: Proposal) -> str:
    """The storage name of the kept PDF as the database has it now ("" for none)."""
    return Proposal.objects.filter(pk=proposal.pk).values_list("pdf_file", flat=True).first() or ""


def _read_kept(proposal: Proposal, fingerprint: str) -> bytes | None:
    """The kept PDF, or None; a kept file of another snapshot, language or layout is dropped."""
    name = _kept_name(proposal)
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


def proposal_pdf_kept(*, proposal: Proposal) -> bytes | None:
    """The kept PDF of a sent proposal, or None while it has not been rendered."""
    return _read_kept(proposal, _fingerprint(proposal))


def proposal_pdf_keep(*, proposal: Proposal) -> bytes | None:
    """Render a sent proposal's PDF and keep it, unless another process is rendering it (None).

    One render per proposal: it is claimed with a conditional UPDATE of
    ``pdf_render_claimed_at``, which one process wins on SQLite and PostgreSQL alike. The file
    is written in full under a new random name before the row points to it, so nobody reads a
    half-written PDF. A claim older than ``RENDER_CLAIM_SECONDS`` (its process died) is taken
    over. Called by the background task after sending and by a request that finds no PDF.
    """
    fingerprint = _fingerprint(proposal)
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
    return _render_and_keep(proposal, fingerprint, claim) if claimed else None


def proposal_pdf_get(*, proposal: Proposal) -> bytes | None:
    """The PDF a visitor asked for, or None: "being prepared, ask again in a moment".

    A draft is rendered each time (previews). A sent proposal's kept PDF is read from storage;
    if there is none yet, this request renders it only if one of this machine's
    ``PROPOSALS_PDF_RENDERS_AT_ONCE`` render slots is free and nobody else is rendering it:
    a burst of PDF requests never takes every web worker away from the other pages.
    """
    if proposal.status == ProposalStatus.DRAFT:
        return proposal_pdf_render(proposal=proposal)
    kept = proposal_pdf_kept(proposal=proposal)
    if kept is not None:
        return kept
    with render_slot() as free:
        return proposal_pdf_keep(proposal=proposal) if free else None


@contextmanager
def render_slot():
    """Yields True while this process holds one of the machine's PDF render slots, else False.

    A slot is an exclusive ``flock`` on a file in the temporary directory (one set per site,
    told apart by ``MEDIA_ROOT``); the system releases it if the process dies.
    """
    slots = max(1, getattr(settings, "PROPOSALS_PDF_RENDERS_AT_ONCE", 1))
    site = hashlib.sha256(str(settings.MEDIA_ROOT).encode()).hexdigest()[:12]
    for slot in range(slots):
        path = Path(tempfile.gettempdir()) / f"vitrina-pdf-{site}-{slot}.lock"
        with open(path, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            try:
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
            return
    yield False


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
    name = _kept_name(proposal)
    if name and Proposal.objects.filter(pk=proposal.pk, pdf_file=name).update(pdf_file=""):
        transaction.on_commit(lambda: default_storage.delete(name))
    proposal.pdf_file = ""
