"""Demo pictures drawn with Pillow: nothing is downloaded."""

import hashlib
import io
import random

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = [
    ((13, 110, 253), (111, 66, 193)),
    ((25, 135, 84), (32, 201, 151)),
    ((253, 126, 20), (220, 53, 69)),
    ((13, 202, 240), (13, 110, 253)),
    ((102, 16, 242), (214, 51, 132)),
    ((33, 37, 41), (108, 117, 125)),
]


def _gradient(size: tuple[int, int], start, end) -> PILImage.Image:
    width, height = size
    base = PILImage.new("RGB", size, start)
    top = PILImage.new("RGB", size, end)
    mask = PILImage.linear_gradient("L").resize(size).rotate(45, expand=False)
    base.paste(top, (0, 0), mask)
    return base


def draw_cover(seed: str, size: tuple[int, int] = (800, 450)) -> bytes:
    """An abstract illustration: a gradient with circles and bars, fixed by ``seed``."""
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    start, end = rng.choice(PALETTES)
    image = _gradient(size, start, end)
    draw = ImageDraw.Draw(image, "RGBA")
    width, height = size
    for _ in range(6):
        radius = rng.randint(height // 10, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(255, 255, 255, rng.randint(20, 60)),
        )
    bar_width = width // 14
    for index in range(5):
        bar_height = rng.randint(height // 6, int(height * 0.7))
        left = width // 10 + index * (bar_width + bar_width // 2)
        draw.rectangle(
            (left, height - height // 10 - bar_height, left + bar_width, height - height // 10),
            fill=(255, 255, 255, 170),
        )
    return _to_jpeg(image)


def draw_portrait(seed: str, size: int = 480) -> bytes:
    """An abstract avatar: head and shoulders on a coloured background."""
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    start, end = rng.choice(PALETTES)
    image = _gradient((size, size), start, end)
    draw = ImageDraw.Draw(image, "RGBA")
    skin = rng.choice([(241, 194, 125), (224, 172, 105), (198, 134, 66), (255, 219, 172)])
    draw.ellipse((size * 0.2, size * 0.62, size * 0.8, size * 1.2), fill=(255, 255, 255, 220))
    draw.ellipse((size * 0.33, size * 0.2, size * 0.67, size * 0.58), fill=skin)
    return _to_jpeg(image)


def draw_logo(text_seed: str, size: tuple[int, int] = (240, 80)) -> bytes:
    rng = random.Random(text_seed)
    start, end = rng.choice(PALETTES)
    image = _gradient(size, start, end)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 70, 70), radius=14, fill=(255, 255, 255))
    draw.ellipse((25, 25, 55, 55), fill=start)
    return _to_jpeg(image)


def _to_jpeg(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def make_image(title: str, data: bytes, filename: str):
    """Create a Wagtail image from JPEG bytes, or return the one already made with that title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


#: the demo's drawn gradients each page type replaces with its generated cover, by field
DEMO_COVERS = {
    "cases.casepage": ("hero_image", "Demo: case "),
    "catalog.servicepage": ("image", "Demo: service "),
}


def use_generated_covers() -> int:
    """Draw each demo case's, service's and expert's cover and social picture from its own data
    (``core.social_images``, what publishing queues) and show it where the page had one of the
    demo's abstract gradients (every card looked alike). Generated ``--scale`` pages keep
    theirs: thousands of drawings would only slow benchmarks. Drawn once: a second run finds
    every picture current. Returns how many pictures were drawn."""
    from django.apps import apps

    from core.social_images import refresh_social_image

    from .seeders.base import GENERATED_PREFIX

    drawn = 0
    for label in ("cases.casepage", "catalog.servicepage", "experts.expertpage"):
        model = apps.get_model(label)
        field, demo_title = DEMO_COVERS.get(label, ("", ""))
        pages = model.objects.live().exclude(slug__startswith=GENERATED_PREFIX)
        for page in pages.select_related(*([field] if field else [])):
            drawn += refresh_social_image(page)
            cover = getattr(page, field, None) if field else None
            if cover is not None and cover.title.startswith(demo_title) and page.generated_image:
                # a copy: the generated picture is replaced when the page's data changes
                with page.generated_image.open_file() as handle:
                    data = handle.read()
                title = f"Demo cover: {page.slug}"
                setattr(page, field, make_image(title, data, f"cover-{page.slug}.jpg"))
                page.save(update_fields=[field], clean=False)
                cover.delete()
    return drawn
