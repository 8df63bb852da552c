"""Covers and Open Graph pictures drawn from each page's own data (core.social_images)."""

import io
import re
import time
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.views.static import serve

from wagtail.models import PageViewRestriction

import pytest
from PIL import Image, ImageChops
from wagtail_factories import ImageFactory

from cases.factories import CaseMetricFactory, CasePageFactory
from cases.models import CaseMetric
from catalog.factories import ServicePageFactory
from core import social_cards
from core.social_images import strongest_metric
from experts.factories import ExpertPageFactory
from tests.edits import fresh, publish
from tests.projects.test_confirmation_badge import _editor_publishes

HIDDEN = "Hidden Bank PLC"
OG_IMAGE = re.compile(r'<meta property="og:image" content="https?://[^/]+(/[^"]+)">')


@pytest.fixture(autouse=True)
def _fresh_renditions():
    """Wagtail keeps renditions in the cache by image id: ids come again after each test's
    rollback (a site never reuses one), so one test's picture must not answer for another's."""
    cache.clear()


@pytest.fixture
def drawn(monkeypatch):
    """Every card handed to the drawing function, in order."""
    cards = []
    draw = social_cards.draw_card

    def spy(card, *args, **kwargs):
        cards.append(card)
        return draw(card, *args, **kwargs)

    monkeypatch.setattr(social_cards, "draw_card", spy)
    return cards


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Publish as an editor does, running what the commit queues (the immediate task backend
    draws at once)."""

    def run(page, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            publish(page, **fields)
        return fresh(page)

    return run


def _case(site_tree, *, before="10", after="15", **fields):
    case = CasePageFactory(parent=site_tree.cases, **fields)
    CaseMetricFactory(
        case=case, label="Conversion", value_before=Decimal(before), value_after=Decimal(after)
    )
    return case


def _pixels(image) -> Image.Image:
    with image.open_file() as handle:
        return Image.open(io.BytesIO(handle.read())).convert("RGB")


def test_a_published_case_gets_a_picture_of_its_own_result(site_tree, published, drawn):
    one = published(_case(site_tree, title="Checkout rebuilt", before="10", after="15"))
    two = published(
        _case(site_tree, title="Checkout rebuilt", slug="again", before="10", after="40")
    )
    assert (one.generated_image.width, one.generated_image.height) == (1200, 630)
    assert one.get_social_image() == one.generated_image
    first, second = _pixels(one.generated_image), _pixels(two.generated_image)
    assert first.size == (1200, 630)
    assert ImageChops.difference(first, second).getbbox() is not None
    assert "10% → 15%" in drawn[0].texts() and "10% → 40%" in drawn[1].texts()
    assert "Checkout rebuilt" in drawn[0].texts()


def test_the_hidden_client_name_is_never_drawn(site_tree, published, drawn):
    for visibility in ("anonymised", "public"):
        published(
            _case(
                site_tree,
                visibility=visibility,
                client_name=HIDDEN if visibility == "anonymised" else "Open Retail",
                client_description="Regional bank, top-50",
            )
        )
    anonymised, public = drawn
    assert "Regional bank, top-50" in anonymised.texts()
    assert not any(HIDDEN in text for text in anonymised.texts())
    assert HIDDEN not in anonymised.alt_text()
    assert "Open Retail" in public.texts()


def test_a_republish_without_changes_does_not_draw_again(site_tree, published, drawn):
    case = published(_case(site_tree))
    image_pk = case.generated_image_id
    case = published(case)
    case = published(case, summary="Another summary: not on the picture.")
    assert len(drawn) == 1
    assert case.generated_image_id == image_pk


def test_a_changed_metric_draws_again_and_drops_the_old_picture(site_tree, published, drawn):
    case = published(_case(site_tree))
    old = case.generated_image
    metric = case.metrics.get()
    metric.value_after = Decimal("30")
    metric.save()
    case = published(case)
    assert len(drawn) == 2
    assert case.generated_image_id != old.pk
    assert not type(old).objects.filter(pk=old.pk).exists()


def test_the_og_image_answers_and_names_its_size(client, site_tree, published):
    case = published(_case(site_tree))
    html = client.get(case.url).content.decode()
    url = OG_IMAGE.search(html).group(1)
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert 'og:image:alt" content="' + case.title in html
    # media are served by the web server in production and by Django's static view under
    # DEBUG (config/urls.py): ask that view for the address the page gives
    assert url.startswith(settings.MEDIA_URL)
    request = RequestFactory().get(url)
    response = serve(request, url.removeprefix(settings.MEDIA_URL), settings.MEDIA_ROOT)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/jpeg", "image/png")
    data = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_an_editors_own_social_image_wins(client, site_tree, published):
    own = ImageFactory(width=1200, height=630, title="Editor's picture")
    case = published(_case(site_tree), social_image=own)
    assert case.generated_image is not None
    assert case.get_social_image() == own
    html = client.get(case.url).content.decode()
    assert 'og:image:alt" content="Editor&#x27;s picture"' in html


def test_an_internal_case_exposes_no_picture(client, admin_client, site_tree, published, drawn):
    case = published(_case(site_tree))
    generated = case.generated_image
    case = published(case, visibility="internal")
    assert case.generated_image is None and case.get_social_image() is None
    assert not type(generated).objects.filter(pk=generated.pk).exists()
    assert client.get(case.url).status_code == 404
    assert 'property="og:image"' not in admin_client.get(case.url).content.decode()
    assert len(drawn) == 1


def test_a_private_page_gets_no_picture(
    site_tree, published, drawn, django_capture_on_commit_callbacks
):
    case = published(_case(site_tree))
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=case, restriction_type="login")
    case = fresh(case)
    assert case.generated_image is None
    published(case)
    assert len(drawn) == 1


def test_the_editor_publishes_in_the_admin(
    admin_client, site_tree, drawn, django_capture_on_commit_callbacks
):
    case = _case(site_tree)
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        live = _editor_publishes(admin_client, case.pk, title="Published by an editor")
    assert time.perf_counter() - started < 5
    assert drawn == []  # the request queued the drawing, it did not draw
    assert live.generated_image is None
    for callback in queued:
        callback()
    assert fresh(live).generated_image is not None
    assert "Published by an editor" in drawn[0].texts()


def test_services_and_experts_get_pictures_in_the_same_system(site_tree, published, drawn):
    photo = ImageFactory(width=64, height=64)
    service = published(
        ServicePageFactory(
            parent=site_tree.services,
            title="Data platform",
            price_from=Decimal("250000"),
            price_to=None,
            duration_min=4,
            duration_max=8,
        )
    )
    expert = published(
        ExpertPageFactory(parent=site_tree.experts, title="Anna Petrova", photo=photo)
    )
    service_card, expert_card = drawn
    assert service.generated_image.width == expert.generated_image.width == 1200
    assert any("250,000" in text for text in service_card.texts())
    assert expert_card.photo and expert_card.kind == "expert"
    assert "Anna Petrova" in expert_card.texts()


@override_settings(LANGUAGE_CODE="ru")
def test_russian_text_renders(site_tree, published, drawn):
    published(_case(site_tree, title="Интернет-магазин для сети одежды", before="6", after="19"))
    card = drawn[0]
    assert card.language == "ru"
    assert "6 % → 19 %" in [text.replace("\xa0", " ") for text in card.texts()]
    assert social_cards.font_paths() is not None  # a font with Cyrillic, not Pillow's Latin one
    draw = social_cards.ImageDraw.Draw(Image.new("RGB", (10, 10)))
    bold = social_cards.font(64, bold=True)
    for text in card.texts():
        assert draw.textlength(text, font=bold) > 0
        # each Cyrillic letter has a glyph of its own: no two letters drawn as the same box
        letters = {ch for ch in text if "\u0400" <= ch <= "\u04ff"}
        masks = {bytes(bold.getmask(ch)) for ch in letters}
        assert len(masks) == len(letters), text


def test_the_strongest_metric_is_the_largest_improvement():
    conversion = CaseMetric(label="c", value_before=Decimal("6"), value_after=Decimal("19"))
    load = CaseMetric(
        label="l", value_before=Decimal("4.8"), value_after=Decimal("1.2"), higher_is_better=False
    )
    worse = CaseMetric(
        label="w", value_before=Decimal("1"), value_after=Decimal("100"), higher_is_better=False
    )
    assert strongest_metric([conversion, load, worse]) is load
    assert strongest_metric([worse]) is worse
    assert strongest_metric([]) is None


def test_a_page_with_its_picture_stays_within_the_query_budget(client, site_tree, published):
    """The picture is a relation kept with the page (``route_select_related``) and its
    rendition is kept like any other: a warm page is still one query, and the first render
    after a publish that drew a new picture (its rendition made then) stays within the page
    budget. The budget test's pages have no picture: its tasks are queued, not run."""
    from tests.core.test_query_budget import PAGE_BUDGET, count_queries

    case = published(_case(site_tree))
    expert = published(ExpertPageFactory(parent=site_tree.experts, title="Anna Petrova"))
    for page in (case, expert):
        assert page.generated_image is not None
        assert count_queries(client, page.url) == 1  # warm: the content version alone
        old = page.generated_image_id
        page = published(page, title=page.title + " (edited)")
        assert page.generated_image_id != old
        with CaptureQueriesContext(connection) as first:
            html = client.get(page.url).content.decode()
        assert len(first) <= PAGE_BUDGET, "\n".join(q["sql"][:150] for q in first)
        og = OG_IMAGE.search(html)
        assert og and f"social-{page.pk}-{page.generated_image_digest[:12]}" in og.group(1), (
            og and og.group(0),
            page.generated_image.file.name,
        )


def test_a_new_brand_colour_redraws_the_pictures_showing_it(
    site_tree, published, drawn, django_capture_on_commit_callbacks
):
    from core.models import SiteSettings

    case = published(_case(site_tree))
    before = _pixels(case.generated_image)
    site_settings = SiteSettings.for_site(case.get_site())
    site_settings.brand_colour = "#7c2d12"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    case = fresh(case)
    assert len(drawn) == 2
    assert ImageChops.difference(before, _pixels(case.generated_image)).getbbox() is not None
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()  # saved again unchanged: nothing to draw
    assert len(drawn) == 2


def test_cards_without_a_photo_show_the_drawn_cover_at_no_extra_query(client, site_tree, published):
    """A case or service without its own picture shows its drawn cover on the indexes; the
    cover is read with the cards: a card with it costs what a card with a photo costs."""
    case = published(_case(site_tree, title="Checkout rebuilt", hero_image=None))
    service = published(ServicePageFactory(parent=site_tree.services, image=None))
    for page, index in ((case, site_tree.cases), (service, site_tree.services)):
        html = client.get(index.url).content.decode()
        assert page.generated_image is not None
        rendition = page.generated_image.get_rendition("fill-400x225|format-jpeg")
        assert rendition.url.rsplit("/", 1)[1].split(".")[0] in html, page.title
    other = published(_case(site_tree, title="Another checkout", slug="another", hero_image=None))
    _cold_queries(client, site_tree.cases.url)  # the first view makes the cards' renditions
    with_covers = _cold_queries(client, site_tree.cases.url)
    for page in (case, other):
        published(page, hero_image=ImageFactory())
    _cold_queries(client, site_tree.cases.url)
    assert _cold_queries(client, site_tree.cases.url) == with_covers


def _cold_queries(client, url) -> int:
    """Queries of a render with nothing kept (a new process, an empty cache)."""
    from serving.content_version import forget_memoized

    forget_memoized()
    for kept in caches.all():  # the fragments' and the rendered pages'
        kept.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
