"""The brand outside the pages: the accent colour as CSS custom properties, the favicons and the
web manifest, all drawn from the site settings (the logo, the brand colour, the company name).

Public pages are cached and exported, and their Content-Security-Policy allows no inline style,
so the colour travels in a small stylesheet (``/brand.css``) instead of a ``<style>`` element.
Each answer is drawn once per settings version (``memoize`` on the "settings" and "images"
tags: a new logo, a new colour or a changed logo file draws again); the links in the page head
carry :func:`brand_version`, so a browser fetches the new files after a change.
"""

import hashlib
import io
import json
import logging

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from PIL import Image, ImageDraw, ImageFont

from serving.content_version import memoize
from serving.public import site_for_request

from .models import DEFAULT_BRAND_COLOUR, HEX_COLOUR, SiteSettings

logger = logging.getLogger(__name__)

WHITE = (255, 255, 255)
INK = (17, 24, 39)  # the text colour of site.css (--vt-ink), also its dark bands
PAPER = (246, 245, 241)  # the hero bands of site.css (--vt-paper): links read on it too
ICON_SIZES = (192, 512)
APPLE_TOUCH_SIZE = 180
ICO_SIZES = (16, 32, 48)
MAX_AGE = 24 * 3600  # the links carry the version: a day only for /favicon.ico's own address
FONT_NAMES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")
#: a larger logo (a PNG of 89 million pixels is 260 KB and passes Wagtail's upload check) would
#: take gigabytes to decode for each icon: the favicons show the company's initial instead
MAX_LOGO_PIXELS = 4096 * 4096


# Colours -------------------------------------------------------------------------------------


def parse_hex(value: str) -> tuple[int, int, int]:
    """``"#0f766e"`` → ``(15, 118, 110)``; anything else is the default colour."""
    try:
        HEX_COLOUR(value or "")
    except ValidationError:
        value = DEFAULT_BRAND_COLOUR
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))


def to_hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def relative_luminance(rgb) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0–255 channels)."""

    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first, second) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21 (either may be ``#rrggbb``)."""
    first = parse_hex(first) if isinstance(first, str) else first
    second = parse_hex(second) if isinstance(second, str) else second
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(rgb, other, amount: float):
    """``rgb`` moved ``amount`` (0–1) of the way towards ``other``."""
    return tuple(c + (o - c) * amount for c, o in zip(rgb, other, strict=True))


def readable_on(rgb, background=WHITE, ratio: float = 4.5):
    """``rgb`` darkened (towards black) until text in it reads at ``ratio`` on ``background``."""
    candidate = rgb
    step = 0
    while contrast_ratio(candidate, background) < ratio and step < 20:
        step += 1
        candidate = mix(rgb, (0, 0, 0), step * 0.05)
    return tuple(round(c) for c in candidate)


def palette(colour: str) -> dict[str, str]:
    """The CSS custom properties of one brand colour: the colour itself (decoration), a variant
    that reads on white at 4.5:1 (links, buttons with white text), a darker one for hover, a
    light tint for backgrounds, and the colour readable on the dark footer."""
    accent = parse_hex(colour)
    text = readable_on(accent, PAPER)
    strong = mix(text, (0, 0, 0), 0.18)
    soft = mix(accent, WHITE, 0.9)
    on_dark = accent
    step = 0
    while contrast_ratio(on_dark, INK) < 4.5 and step < 20:
        step += 1
        on_dark = mix(accent, WHITE, step * 0.05)
    return {
        "--vt-accent": to_hex(accent),
        "--vt-accent-rgb": ", ".join(str(c) for c in accent),
        "--vt-accent-text": to_hex(text),
        "--vt-accent-text-rgb": ", ".join(str(round(c)) for c in text),
        "--vt-accent-strong": to_hex(strong),
        "--vt-accent-soft": to_hex(soft),
        "--vt-accent-on-dark": to_hex(on_dark),
    }


def brand_css_text(colour: str) -> str:
    properties = "".join(f"{name}:{value};" for name, value in palette(colour).items())
    return f":root{{{properties}}}\n"


# What is drawn from the settings -------------------------------------------------------------


def _settings(request) -> SiteSettings:
    return SiteSettings.for_request(request)


def brand_version(site_settings: SiteSettings) -> str:
    """A short fingerprint of what the brand files are drawn from (for the links' ``?v=``)."""
    logo = site_settings.logo
    logo_key = f"{logo.pk}:{logo.file_hash or logo.file.name}" if logo else ""
    text = f"{site_settings.brand_colour}|{site_settings.company_name}|{logo_key}"
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _font(size: int):
    for name in FONT_NAMES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _initial_icon(site_settings: SiteSettings, size: int) -> Image.Image:
    """The company's initial in white on a rounded square of the brand colour."""
    scale = 4  # drawn large, then reduced: smooth edges at 16 px too
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = readable_on(parse_hex(site_settings.brand_colour))
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=(*colour, 255))
    name = (site_settings.company_name or "").strip()
    initial = name[:1].upper() or "·"
    font = _font(int(big * 0.62))
    box = draw.textbbox((0, 0), initial, font=font)
    x = (big - (box[2] - box[0])) / 2 - box[0]
    y = (big - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), initial, font=font, fill=(255, 255, 255, 255))
    return image.resize((size, size), Image.LANCZOS)


def _logo_icon(site_settings: SiteSettings, size: int) -> Image.Image | None:
    """The logo, whole, centred on a white square with a margin; None if it cannot be read, or
    would take more than :data:`MAX_LOGO_PIXELS` to decode (a JPEG is decoded reduced)."""
    logo = site_settings.logo
    inner = round(size * 0.84)
    try:
        with logo.open_file() as handle:
            source = Image.open(handle)
            source.draft("RGB", (inner, inner))  # a JPEG decodes at down to 1/8 of its size
            if source.width * source.height > MAX_LOGO_PIXELS:
                logger.warning("The logo (image %s) is too large for the favicon", logo.pk)
                return None
            source.load()
    except (OSError, ValueError, Image.DecompressionBombError):  # the initial instead
        logger.warning("The logo (image %s) could not be read for the favicon", logo.pk)
        return None
    source = source.convert("RGBA")
    source.thumbnail((inner, inner), Image.LANCZOS)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    image.alpha_composite(source, ((size - source.width) // 2, (size - source.height) // 2))
    return image


def draw_icon(site_settings: SiteSettings, size: int) -> Image.Image:
    image = _logo_icon(site_settings, size) if site_settings.logo else None
    return image or _initial_icon(site_settings, size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _ico(site_settings: SiteSettings) -> bytes:
    buffer = io.BytesIO()
    largest = draw_icon(site_settings, max(ICO_SIZES))
    largest.save(buffer, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return buffer.getvalue()


def _kept(request, name: str, compute):
    """``compute(settings)`` kept per site until the settings or an image change."""
    site = site_for_request(request)
    site_settings = _settings(request)
    return memoize(
        ("brand", name, site.pk if site else None, get_language()),
        lambda: compute(site_settings),
        tags=("settings", "images"),
    )


# Views ---------------------------------------------------------------------------------------


def _answer(body: bytes | str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_GET
def brand_css(request):
    text = _kept(request, "css", lambda s: brand_css_text(s.brand_colour))
    return _answer(text, "text/css; charset=utf-8")


@require_GET
def favicon_ico(request):
    return _answer(_kept(request, "ico", _ico), "image/x-icon")


@require_GET
def icon_png(request, size: int):
    if size not in (*ICON_SIZES, APPLE_TOUCH_SIZE):
        return HttpResponse(status=404)
    body = _kept(request, f"png-{size}", lambda s: _png(draw_icon(s, size)))
    return _answer(body, "image/png")


def _short_name(name: str) -> str:
    """The name under a home-screen icon: whole up to 12 characters, else its first word."""
    name = (name or "").strip()
    return name if len(name) <= 12 else name.split()[0][:12]


@require_GET
def web_manifest(request):
    def compute(site_settings):
        version = brand_version(site_settings)
        colour = to_hex(readable_on(parse_hex(site_settings.brand_colour)))
        manifest = {
            "name": site_settings.company_name,
            "short_name": _short_name(site_settings.company_name),
            "description": site_settings.tagline or _("Services, case studies and experts"),
            "start_url": "/",
            "display": "browser",
            "background_color": "#ffffff",
            "theme_color": colour,
            "icons": [
                {
                    "src": f"/icon-{size}.png?v={version}",
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any",
                }
                for size in ICON_SIZES
            ],
        }
        return json.dumps(manifest, ensure_ascii=False, indent=1)

    return _answer(_kept(request, "manifest", compute), "application/manifest+json")


urlpatterns = [
    path("brand.css", brand_css, name="brand_css"),
    path("favicon.ico", favicon_ico, name="favicon"),
    path("icon-<int:size>.png", icon_png, name="icon_png"),
    path("apple-touch-icon.png", icon_png, {"size": APPLE_TOUCH_SIZE}, name="apple_touch_icon"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
]
