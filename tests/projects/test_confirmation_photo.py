"""The testimonial photo on the client's confirmation page: a broken file is refused with the
form's message (never a 500, never stored) and everything else typed is kept; the photo is
stored only when the client allows a named case."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from projects.models import ClientConfirmation
from projects.services.confirmations import confirmation_send
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

from .confirmation_helpers import answer_data, case_with_project

pytestmark = pytest.mark.django_db

UNREADABLE = "This file is not a photo we can read"


@pytest.fixture
def sent(site_tree, admin_user):
    case, _project = case_with_project(site_tree)
    return confirmation_send(case=case, user=admin_user)


def _url(confirmation):
    return reverse("projects:confirmation", args=[confirmation.token])


def _jpeg() -> bytes:
    """A real portrait-sized JPEG with noise, so its scan data is many kilobytes."""
    rng = random.Random(16)
    image = PILImage.new("RGB", (200, 200))
    image.putdata(
        [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(40000)]
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.mark.parametrize("cut", [300, "half"], ids=["cut-at-300-bytes", "cut-in-half"])
def test_a_truncated_jpeg_is_refused_with_the_form_kept(client, sent, cut):
    data = _jpeg()
    assert len(data) > 4000
    broken = data[: len(data) // 2 if cut == "half" else cut]
    images = get_image_model().objects.count()
    response = client.post(
        _url(sent),
        {
            **answer_data(quote="Saved our quarter.", name="Jane Roe", comment="Keep it"),
            "photo": SimpleUploadedFile("me.jpg", broken, "image/jpeg"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert UNREADABLE in html
    assert "Saved our quarter." in html and 'value="Jane Roe"' in html and "Keep it" in html
    assert 'value="4.5"' in html  # the corrected result
    assert get_image_model().objects.count() == images
    sent.refresh_from_db()
    assert sent.answered_at is None


def test_the_whole_jpeg_is_taken(client, sent):
    response = client.post(
        _url(sent),
        {**answer_data(), "photo": SimpleUploadedFile("me.jpg", _jpeg(), "image/jpeg")},
    )
    assert response.status_code == 302
    assert ClientConfirmation.objects.get(pk=sent.pk).photo is not None


@pytest.mark.parametrize("publication", ["anonymised", "none"])
def test_the_photo_is_dropped_unless_the_case_may_be_named(client, sent, publication):
    images = get_image_model().objects.count()
    response = client.post(
        _url(sent),
        {
            **answer_data(publication=publication),
            "photo": SimpleUploadedFile("me.jpg", _jpeg(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == images  # no public /media/ file of the client
    sent.refresh_from_db()
    assert sent.answered_at and sent.photo is None
    draft = sent.case.get_latest_revision_as_object()
    assert draft.testimonial_photo is None
    assert draft.testimonial_quote == "They did great work."


def test_a_named_case_keeps_the_photo_and_the_page_says_so(client, sent):
    html = client.get(_url(sent)).content.decode()
    assert "The photo is used only if you allow a named case" in html
    images = get_image_model().objects.count()
    client.post(
        _url(sent),
        {**answer_data(), "photo": SimpleUploadedFile("me.jpg", _jpeg(), "image/jpeg")},
    )
    assert get_image_model().objects.count() == images + 1
    sent.refresh_from_db()
    assert sent.case.get_latest_revision_as_object().testimonial_photo_id == sent.photo_id


def test_a_truncated_jpeg_is_refused_after_weasyprint_allowed_truncated_images(
    client, sent, monkeypatch
):
    """WeasyPrint (the proposals' PDFs) sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on
    import; the photo check must refuse a truncated file all the same, and leave the flag as
    it found it."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = _jpeg()
    response = client.post(
        _url(sent),
        {**answer_data(), "photo": SimpleUploadedFile("me.jpg", data[: len(data) // 2])},
    )
    assert response.status_code == 400 and UNREADABLE in response.content.decode()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
