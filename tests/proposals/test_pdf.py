"""The proposal PDF: logo and photos read from storage (no HTTP), nothing fetched from anywhere
else, a sent proposal rendered once and never served stale, and its text."""

import shutil
import socket
import subprocess
import threading

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest
from wagtail_factories import ImageFactory

from core.models import SiteSettings
from experts.models import ExpertPage
from proposals import pdf, services
from proposals.models import Proposal
from proposals.pdf_fetcher import StorageURLFetcher
from tests.concurrency import in_a_thread, threads_share_the_database

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfimages")),
    reason="needs poppler's pdftotext and pdfimages (apt-get install poppler-utils)",
)


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a socket is recorded and fails."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def sent(deal, site_tree):
    """A sent proposal with the company's logo and photos of the team."""
    picture = ImageFactory(width=240, height=120, title="Picture")
    site_settings = SiteSettings.for_site(site_tree.home.get_site())
    site_settings.company_name, site_settings.logo = "Acme Studio", picture
    site_settings.save()
    ExpertPage.objects.update(photo=picture)
    draft = services.proposal_create_from_deal(deal=deal, user=deal.owner)
    return services.proposal_send(proposal=draft, user=deal.owner)


@pytest.fixture
def renders(monkeypatch):
    """How many times a PDF was rendered (the real render still runs)."""
    calls = []
    render = pdf.proposal_pdf_render

    def counting(**kwargs):
        calls.append(kwargs["proposal"].pk)
        return render(**kwargs)

    monkeypatch.setattr(pdf, "proposal_pdf_render", counting)
    return calls


def pdf_url(proposal) -> str:
    return reverse("proposals:pdf", args=[proposal.token])


def poppler(tool: str, content: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "proposal.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [shutil.which(tool), *args, str(path), "-"][: None if tool == "pdftotext" else -1],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_poppler
def test_logo_and_photos_are_read_from_storage_without_http(
    client, sent, no_network, monkeypatch, tmp_path
):
    fetchers = []
    init = StorageURLFetcher.__init__

    def remember(self, **kwargs):
        init(self, **kwargs)
        fetchers.append(self)

    monkeypatch.setattr(StorageURLFetcher, "__init__", remember)
    response = client.get(pdf_url(sent))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    asked = {url: answered for fetcher in fetchers for url, answered in fetcher.requests}
    logo, photo = sent.snapshot["company"]["logo"], sent.snapshot["team"][0]["photo"]
    assert logo.startswith("/media/") and photo.startswith("/media/")
    assert asked == {f"http://testserver{logo}": True, f"http://testserver{photo}": True}
    assert no_network == []
    # the logo and the team's photos are drawn: one image row per picture on the page
    images = poppler("pdfimages", response.content, tmp_path, "-list").splitlines()[2:]
    assert len(images) == 1 + len(sent.snapshot["team"])


def test_urls_other_than_our_media_and_static_are_refused(no_network, settings):
    fetcher = StorageURLFetcher(base_url="http://testserver/")
    default_storage.save("images/ok.png", ContentFile(b"\x89PNG fake"))
    assert fetcher.fetch("http://testserver/media/images/ok.png").read() == b"\x89PNG fake"
    assert fetcher.fetch("http://testserver/static/css/site.css").read()
    for url in (
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/media/images/ok.png",  # another host, even this machine
        "http://testserver/admin/",
        "http://testserver/media/../config/settings/base.py",
        "http://testserver/media/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/static/../../manage.py",
        "file:///etc/passwd",
        f"file://{settings.MEDIA_ROOT}/images/ok.png",
        "ftp://example.com/logo.png",
        "http://testserver/media/images/missing.png",
    ):
        with pytest.raises((ValueError, OSError)):
            fetcher.fetch(url)
    assert no_network == []


def test_an_external_image_in_the_snapshot_is_left_out_not_fetched(sent, no_network):
    sent.snapshot["company"]["logo"] = "https://tracker.example.com/pixel.png"
    fetcher = StorageURLFetcher(base_url=pdf.base_url())
    content = pdf.proposal_pdf_render(proposal=sent, url_fetcher=fetcher)
    assert content.startswith(b"%PDF")
    assert ("https://tracker.example.com/pixel.png", False) in fetcher.requests
    assert no_network == []


def test_a_sent_proposals_pdf_is_rendered_once(client, sent, renders):
    first = client.get(pdf_url(sent))
    second = client.get(pdf_url(sent))
    assert first.status_code == second.status_code == 200
    assert renders == [sent.pk]
    assert first.content == second.content and first.content.startswith(b"%PDF")
    kept = Proposal.objects.get(pk=sent.pk).pdf_file.name
    with default_storage.open(kept) as file:
        assert file.read() == first.content


def test_a_draft_is_rendered_each_time_and_not_kept(deal, renders):
    draft = services.proposal_create_from_deal(deal=deal)
    assert pdf.proposal_pdf_get(proposal=draft) == pdf.proposal_pdf_get(proposal=draft)
    assert renders == [draft.pk, draft.pk]
    assert not Proposal.objects.get(pk=draft.pk).pdf_file


def test_revoked_and_superseded_pdfs_are_gone(
    client, sent, renders, django_capture_on_commit_callbacks
):
    client.get(pdf_url(sent))
    kept = Proposal.objects.get(pk=sent.pk).pdf_file.name
    draft = services.proposal_revise(proposal=sent)
    draft.lines.update(description="A new scope line")
    with django_capture_on_commit_callbacks(execute=True):
        newer = services.proposal_send(proposal=draft)
    assert client.get(pdf_url(sent)).status_code == 410
    assert not default_storage.exists(kept) and not Proposal.objects.get(pk=sent.pk).pdf_file
    assert client.get(pdf_url(newer)).status_code == 200
    assert renders == [sent.pk, newer.pk]

    kept = Proposal.objects.get(pk=newer.pk).pdf_file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_revoke(proposal=newer)
    assert client.get(pdf_url(newer)).status_code == 410
    assert not default_storage.exists(kept)


def test_deleting_the_deal_deletes_its_kept_pdfs(client, sent, django_capture_on_commit_callbacks):
    client.get(pdf_url(sent))
    kept = Proposal.objects.get(pk=sent.pk).pdf_file.name
    assert default_storage.exists(kept)
    with django_capture_on_commit_callbacks(execute=True):
        sent.deal.delete()
    assert not default_storage.exists(kept)


def test_a_kept_pdf_of_an_older_layout_or_a_lost_file_is_rendered_again(
    client, sent, renders, monkeypatch
):
    client.get(pdf_url(sent))
    old = Proposal.objects.get(pk=sent.pk).pdf_file.name
    monkeypatch.setattr(pdf, "PDF_LAYOUT", "next")
    assert client.get(pdf_url(sent)).status_code == 200
    new = Proposal.objects.get(pk=sent.pk).pdf_file.name
    assert new != old and not default_storage.exists(old) and len(renders) == 2

    default_storage.delete(new)
    assert client.get(pdf_url(sent)).content.startswith(b"%PDF")
    assert len(renders) == 3 and default_storage.exists(
        Proposal.objects.get(pk=sent.pk).pdf_file.name
    )


def test_while_another_request_renders_the_visitor_is_asked_to_come_back(client, sent, renders):
    Proposal.objects.filter(pk=sent.pk).update(pdf_render_claimed_at=timezone.now())
    response = client.get(pdf_url(sent))
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert "Your PDF is being prepared" in response.content.decode() and renders == []

    Proposal.objects.filter(pk=sent.pk).update(pdf_render_claimed_at=None)  # the other failed
    response = client.get(pdf_url(sent))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_pdfs_not_rendered_yet_wait_for_a_free_render_slot(client, sent, renders):
    """Every slot busy (another worker renders another PDF): no second render, come back."""
    with pdf.render_slot() as mine:
        assert mine
        response = client.get(pdf_url(sent))
        assert response.status_code == 503 and renders == []
    assert client.get(pdf_url(sent)).status_code == 200 and renders == [sent.pk]


def test_sending_renders_the_pdf_in_the_background(
    client, deal, renders, django_capture_on_commit_callbacks
):
    draft = services.proposal_create_from_deal(deal=deal)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.proposal_send(proposal=draft)
    assert renders == [sent.pk] and Proposal.objects.get(pk=sent.pk).pdf_file
    response = client.get(pdf_url(sent))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert renders == [sent.pk]


def test_a_claim_left_by_a_dead_process_is_taken_over(sent, renders):
    long_ago = timezone.now() - timezone.timedelta(seconds=pdf.RENDER_CLAIM_SECONDS + 1)
    Proposal.objects.filter(pk=sent.pk).update(pdf_render_claimed_at=long_ago)
    assert pdf.proposal_pdf_get(proposal=sent).startswith(b"%PDF")
    row = Proposal.objects.get(pk=sent.pk)
    assert renders == [sent.pk] and row.pdf_file and row.pdf_render_claimed_at is None


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_requests_render_once(sent, renders):
    """Four requests at once (threads, each with its own database connection): one renders,
    the others are asked to come back; nobody gets a broken file."""
    Proposal.objects.filter(pk=sent.pk).update(pdf_file="")  # kept by the task at sending
    start, results, errors = threading.Barrier(4), [], []

    def request():
        try:
            start.wait()
            results.append(pdf.proposal_pdf_get(proposal=Proposal.objects.get(pk=sent.pk)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    with threads_share_the_database():
        threads = [threading.Thread(target=request) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and len(results) == 4 and renders == [sent.pk]
        answered = {content for content in results if content is not None}
        assert len(answered) == 1
        kept = in_a_thread(lambda: pdf.proposal_pdf_get(proposal=Proposal.objects.get(pk=sent.pk)))
        assert kept == answered.pop() and renders == [sent.pk]


@needs_poppler
def test_pdf_text_shows_the_company_scope_team_and_totals(client, sent, tmp_path):
    first = client.get(pdf_url(sent)).content
    text = poppler("pdftotext", first, tmp_path, "-layout")
    assert "Acme Studio" in text and sent.title in text and sent.number in text
    assert "Service with Kubernetes" in text and "150,000" in text and "Total" in text
    assert "Your team" in text and all(m["name"] in text for m in sent.snapshot["team"])
    # the kept copy is the same document
    assert poppler("pdftotext", client.get(pdf_url(sent)).content, tmp_path, "-layout") == text
