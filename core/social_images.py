"""Each case, service and expert page gets a cover and Open Graph picture drawn from its own data.

What a picture shows is a :class:`core.social_cards.Card` built from what a visitor may read on
the page: a case's title, its client as shown publicly (``client_display``: the description of
an anonymised client, never the hidden name) and its strongest before → after result; a
service's category, price and duration; an expert's name, position and photo.

Publishing such a page queues :func:`core.tasks.draw_social_image`: the editor's publish never
waits for Pillow. The task draws only when the card's digest differs from the one of the
picture kept, stores the picture as a Wagtail image (``generated_image``; the 1200×630
rendition the page head asks for is made once and kept like any other), and points the page at
it with a save of those two fields alone, which names the page so its cached head is drawn
again. An internal case or a page behind a view restriction gets no picture (an existing one is
deleted): the media URL of a picture is public, the page is not.

An editor's own ``social_image`` always wins over the generated one.
"""

from __future__ import annotations

import io
import logging
from decimal import Decimal

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import Image

from . import social_cards
from .formatting import format_number, format_percent

logger = logging.getLogger(__name__)

COLLECTION_NAME = "Generated social images"
#: the rendition the page head's og:image asks for (templates/base.html)
OG_RENDITION = "fill-1200x630"


class GeneratedImage(Image):
    """A drawn picture (a proxy of Wagtail's image): its save or delete names only
    ``generated-images``, not everything as an editor's upload does. Nothing shows a new
    picture until its page points at it (that save names the page), and a picture is deleted
    only once no page shows it; so drawing one after a publish does not empty every cached
    page, and the first visitor after it stays within the page's query budget."""

    change_tags = ("generated-images",)

    class Meta:
        proxy = True
        verbose_name = _("generated social image")
        verbose_name_plural = _("generated social images")


class SocialImageMixin(models.Model):
    """A page whose cover and Open Graph picture are drawn from its data (see module doc).

    Put it before ``SeoMixin`` in the bases; add ``"generated_image"`` to the page's
    ``route_select_related`` so rendering it costs no query."""

    generated_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("generated social image"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # sha256 of what the picture shows (``Card.digest``): drawn again only when it changes
    generated_image_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def with_content_json(self, content):
        """A revision does not carry the generated picture: the live page's stays (publishing
        an older revision must not point back at a deleted picture, nor draw again)."""
        obj = super().with_content_json(content)
        obj.generated_image_id = self.generated_image_id
        obj.generated_image_digest = self.generated_image_digest
        return obj

    def shares_generated_image(self) -> bool:
        """Whether the generated picture may be shown: not for an internal case."""
        return not getattr(self, "is_internal", False)

    def get_social_image(self):
        own = super().get_social_image()
        if own is not None:
            return own
        return self.generated_image if self.shares_generated_image() else None

    def get_cover_image(self):
        """The page's own picture (``cover_field``), else the generated one."""
        own = getattr(self, getattr(self, "cover_field", ""), None)
        if own is not None:
            return own
        return self.generated_image if self.shares_generated_image() else None

    def social_card(self) -> social_cards.Card:  # pragma: no cover - each page type says
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# What each kind of page shows


def _site_look(page) -> tuple[str, str]:
    """The company's name and brand colour (``SiteSettings.brand_colour`` once it exists)."""
    from .models import SiteSettings

    site = page.get_site()
    site_settings = SiteSettings.for_site(site) if site else None
    colour = getattr(site_settings, "brand_colour", "") or social_cards.DEFAULT_COLOUR
    return (site_settings.company_name if site_settings else ""), colour


def _with_unit(value, unit: str, language: str) -> str:
    if unit.strip() == "%":
        return format_percent(value, language=language)
    number = format_number(value, language=language)
    return f"{number} {unit}".strip() if unit else number


def _strength(metric) -> Decimal:
    """How strong an improvement reads: the ratio of the larger value to the smaller (×4 for
    4.8 s → 1.2 s beats +217 % for 6 → 19); from or to zero is strongest; none for a worse
    or unchanged figure."""
    if not metric.is_improvement:
        return Decimal(-1)
    before, after = abs(metric.value_before), abs(metric.value_after)
    if not before or not after:
        return Decimal("Infinity")
    return max(before, after) / min(before, after)


def strongest_metric(metrics):
    """The case's strongest improvement (the first of equals); its first metric when none
    improved; None without metrics."""
    metrics = list(metrics)
    if not metrics:
        return None
    best = max(metrics, key=_strength)
    return best if _strength(best) >= 0 else metrics[0]


def case_card(page, language: str) -> social_cards.Card:
    company, colour = _site_look(page)
    metric = strongest_metric(page.metrics.all())
    panel: tuple[str, ...] = ()
    if metric is not None:
        before = _with_unit(metric.value_before, metric.unit, language)
        after = _with_unit(metric.value_after, metric.unit, language)
        change = metric.change_percent
        note = format_percent(change, signed="+" if change and change > 0 else "") if change else ""
        panel = (metric.label, f"{before} → {after}", note)
    industry = getattr(page.industry, "name", "") if page.industry_id else ""
    return social_cards.Card(
        kind="case",
        title=page.title,
        subtitle=page.client_display,
        eyebrow=" · ".join(p for p in (gettext("Case study"), industry) if p),
        panel=panel,
        footer=company,
        colour=colour,
        language=language,
    )


def service_card(page, language: str) -> social_cards.Card:
    company, colour = _site_look(page)
    price = page.price_text()  # "from ₽350,000", "₽3,500 – ₽5,000 per hour"
    duration = ""
    if page.duration_min or page.duration_max:
        low, high = page.duration_min, page.duration_max
        span = f"{low}–{high}" if low and high and low != high else str(low or high)
        duration = f"{span} {page.get_duration_unit_display()}"
    panel = tuple(p for p in (page.get_pricing_model_display(), price, duration) if p)
    category = getattr(page.category, "name", "") if page.category_id else ""
    return social_cards.Card(
        kind="service",
        title=page.title,
        subtitle=page.summary,
        eyebrow=" · ".join(p for p in (gettext("Service"), category) if p),
        panel=panel if price or duration else (),
        footer=company,
        colour=colour,
        language=language,
    )


def expert_card(page, language: str) -> social_cards.Card:
    company, colour = _site_look(page)
    photo, photo_key = None, ""
    if page.photo_id and page.photo is not None:
        try:
            with page.photo.open_file() as handle:
                photo = handle.read()
            photo_key = f"{page.photo_id}:{page.photo.file.name}"
        except OSError:  # the file is missing: the initials instead
            logger.warning("Photo %s of expert %s could not be read", page.photo_id, page.pk)
    years = ""
    if page.years_of_experience:
        count = page.years_of_experience
        years = ngettext("%(years)s year of practice", "%(years)s years of practice", count) % {
            "years": count
        }
    return social_cards.Card(
        kind="expert",
        title=page.title,
        subtitle=page.short_bio,
        eyebrow=gettext("Expert"),
        panel=tuple(p for p in (page.position, years) if p),
        footer=company,
        colour=colour,
        language=language,
        photo_key=photo_key,
        photo=photo,
    )


# ---------------------------------------------------------------------------------------------
# Drawing, keeping and forgetting


def may_share(page) -> bool:
    """Live, not internal, and seen by anyone: only then is a picture drawn."""
    if not page.live or not page.shares_generated_image():
        return False
    return not page.get_view_restrictions().exists()


def _collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=COLLECTION_NAME).first()
    return found or root.add_child(name=COLLECTION_NAME)


def _store(page, card: social_cards.Card, data: bytes):
    image = GeneratedImage(
        title=card.alt_text() or page.title,
        description=card.alt_text(),
        collection=_collection(),
    )
    image.file = ImageFile(io.BytesIO(data), name=f"social-{page.pk}-{card.digest()[:12]}.jpg")
    image.save()
    return image


def _point_at(page, image, digest: str) -> None:
    """Point the live page at ``image``: a save of these two fields (no revision, no
    publish), which names the page so its cached head shows the new picture."""
    old = page.generated_image
    page.generated_image = image
    page.generated_image_digest = digest
    page.save(update_fields=["generated_image", "generated_image_digest"], clean=False)
    if old is not None and (image is None or old.pk != image.pk) and not _used_elsewhere(old):
        _delete(old)


def _delete(image) -> None:
    """Delete a drawn picture and, once committed, its file (Wagtail's cleanup listens to its
    own image class only); its renditions go with it."""
    storage, name = image.file.storage, image.file.name
    GeneratedImage.objects.filter(pk=image.pk).delete()
    transaction.on_commit(lambda: storage.delete(name), robust=True)


def _used_elsewhere(image) -> bool:
    """Whether an editor chose the generated ``image`` for some page (a hero, a gallery):
    then it is kept in the library rather than deleted from under them."""
    from wagtail.models import ReferenceIndex

    references = ReferenceIndex.get_references_to(image)
    if references.exclude(model_path="generated_image").exists():
        return True
    # models the reference index does not cover (the site settings' logo): their foreign keys
    rendition_model = Image.renditions.rel.related_model
    for relation in Image._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.field.many_to_one):
            continue
        model = relation.related_model
        if relation.field.name == "generated_image" or issubclass(model, rendition_model):
            continue
        if model._default_manager.filter(**{relation.field.name: image.pk}).exists():
            return True
    return False


def refresh_social_image(page) -> bool:
    """Draw ``page``'s picture if what it shows changed; True when it drew."""
    if not may_share(page):
        if page.generated_image_id or page.generated_image_digest:
            _point_at(page, None, "")
        return False
    language = settings.LANGUAGE_CODE.split("-")[0]
    with translation.override(language):
        card = page.social_card()
    digest = card.digest()
    if page.generated_image_id and page.generated_image_digest == digest:
        return False
    data = social_cards.encode(social_cards.draw_card(card))
    with transaction.atomic():
        image = _store(page, card, data)
        image.get_rendition(OG_RENDITION)  # made here, so the first visitor only reads it
        _point_at(page, image, digest)
    return True


def withdraw_stale_picture(page) -> None:
    """At once, in the publish or unpublish itself: a picture the page may no longer show (it is
    not live, internal or restricted now, or the picture shows what the page no longer says,
    such as the name of a client the case now hides) is deleted, not left to the worker; the
    page shows none until the worker draws the new one."""
    if not page.generated_image_id:
        return
    if may_share(page):
        with translation.override(settings.LANGUAGE_CODE.split("-")[0]):
            if page.social_card().digest() == page.generated_image_digest:
                return
    _point_at(page, None, "")


def on_publish(sender, instance, **kwargs) -> None:
    """page_published: withdraw a picture the page may no longer show, and queue the new
    picture once the publish has committed."""
    if not isinstance(instance, SocialImageMixin):
        return
    from .tasks import draw_social_image

    withdraw_stale_picture(instance)
    page_id = instance.pk
    transaction.on_commit(lambda: draw_social_image.enqueue(page_id), robust=True)


def on_unpublish(sender, instance, **kwargs) -> None:
    """page_unpublished: the picture of a page nobody may see goes with it."""
    if isinstance(instance, SocialImageMixin):
        withdraw_stale_picture(instance)


def on_delete(sender, instance, **kwargs) -> None:
    """post_delete: a deleted page's picture goes with it (its media address is public), unless
    an editor chose it for another page."""
    if isinstance(instance, SocialImageMixin) and instance.generated_image_id:
        image = Image.objects.filter(pk=instance.generated_image_id).first()
        if image is not None and not _used_elsewhere(image):
            _delete(image)


def on_settings_saved(sender, instance, **kwargs) -> None:
    """The site settings saved: the pictures showing its colour and name are drawn again."""
    from .tasks import redraw_site_social_images

    site_id = instance.site_id
    transaction.on_commit(lambda: redraw_site_social_images.enqueue(site_id), robust=True)


def on_restriction_change(sender, instance, **kwargs) -> None:
    """A view restriction added or removed: the pictures below it are drawn or deleted. A new
    restriction deletes them at once (their media addresses are public), not when the worker
    runs."""
    from wagtail.models import Page

    from .tasks import draw_social_image

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    below = Page.objects.descendant_of(page, inclusive=True)
    models_below = set()
    for pk, content_type in below.values_list("pk", "content_type"):
        model = _model_of(content_type)
        if model is not None and issubclass(model, SocialImageMixin):
            models_below.add(model)
            transaction.on_commit(lambda pk=pk: draw_social_image.enqueue(pk), robust=True)
    if "created" in kwargs:  # post_save: the restriction stands
        for model in models_below:
            shown = model.objects.descendant_of(page, inclusive=True).exclude(generated_image=None)
            for restricted in shown.select_related("generated_image"):
                _point_at(restricted, None, "")


def _model_of(content_type_id):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_id(content_type_id).model_class()
