"""Covers and Open Graph pictures drawn with Pillow from a page's own words and figures.

This module only draws: it knows nothing of pages. :mod:`core.social_images` says what a page
shows (a :class:`Card`) and keeps the picture. One visual system for cases, services and
experts: the brand colour as a diagonal gradient, a small eyebrow line (kind · industry or
category), the title in bold, a subtitle (the client as visitors may read it, the position),
and on the right a white panel with what sells the page: a case's strongest before → after
result, a service's price and duration, an expert's photo.

Fonts: nothing is downloaded. DejaVu Sans (Debian's ``fonts-dejavu-core``, on nearly every
Linux machine and in the project's images) covers Latin and Cyrillic and has a bold face;
Liberation Sans is the second choice; Pillow's own font (Latin only) the last resort, so a
machine without fonts still draws something rather than failing a publish.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

SIZE = (1200, 630)
#: searched in order; the first that exists is used (regular, bold)
FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
)
DEFAULT_COLOUR = "#0f766e"
WHITE = (255, 255, 255)
INK = (17, 24, 39)
MUTED = (75, 85, 99)
MARGIN = 72
#: a version of the drawing: bump it when the layout changes, so every picture is drawn again
LAYOUT = "2"


@dataclass(frozen=True)
class Card:
    """Everything drawn on one picture; its :meth:`digest` says whether a picture is current.

    ``panel`` holds up to three lines for the white panel: a small label, a large figure and a
    line below it (a case: the metric's name, "6 % → 19 %", "+217 %"). ``photo`` is an image
    file's bytes (an expert's photo) and ``photo_key`` what identifies them in the digest."""

    kind: str
    title: str
    subtitle: str = ""
    eyebrow: str = ""
    panel: tuple[str, ...] = ()
    footer: str = ""
    colour: str = DEFAULT_COLOUR
    language: str = "en"
    photo_key: str = ""
    photo: bytes | None = field(default=None, compare=False, repr=False)

    def texts(self) -> list[str]:
        """Every piece of text the picture shows."""
        return [t for t in (self.eyebrow, self.title, self.subtitle, *self.panel, self.footer) if t]

    def digest(self) -> str:
        data = asdict(self)
        data.pop("photo")
        data["layout"] = LAYOUT
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def alt_text(self) -> str:
        """What the picture says, for ``og:image:alt`` and the image library."""
        parts = [self.title, self.subtitle, ": ".join(p for p in self.panel[:2] if p)]
        return " — ".join(p for p in parts if p)[:255]


@lru_cache(maxsize=1)
def font_paths() -> tuple[str, str] | None:
    """(regular, bold) of the first font of :data:`FONT_CANDIDATES` on this machine."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            return regular, bold
    return None


@lru_cache(maxsize=64)
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    paths = font_paths()
    if paths is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(paths[1 if bold else 0], size=size)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    text = (colour or "").strip().lstrip("#")
    if len(text) != 6:
        text = DEFAULT_COLOUR[1:]
    try:
        return tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        return hex_rgb(DEFAULT_COLOUR)


def _mix(colour, other, amount: float) -> tuple[int, int, int]:
    return tuple(round(c + (o - c) * amount) for c, o in zip(colour, other, strict=True))


def _readable_base(rgb) -> tuple[int, int, int]:
    """The brand colour, darkened until white text on it reads (luminance under about 0.3)."""
    colour = rgb
    for _ in range(10):
        r, g, b = (c / 255 for c in colour)
        if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.3:
            break
        colour = _mix(colour, (0, 0, 0), 0.15)
    return colour


def _background(size, rgb) -> Image.Image:
    start = _readable_base(rgb)
    end = _mix(start, (0, 0, 0), 0.45)
    base = Image.new("RGB", size, start)
    vertical = Image.linear_gradient("L").resize(size)
    horizontal = Image.linear_gradient("L").rotate(90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = ImageChops.add(vertical, horizontal.resize(size), scale=2)
    base.paste(Image.new("RGB", size, end), (0, 0), mask)
    return base


def _wrap(draw, text: str, fnt, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines``; the last line ends in "…" when cut."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=fnt) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while draw.textlength(line, font=fnt) > width and len(line) > 1:  # one very long word
            cut = len(line) - 1
            while cut > 1 and draw.textlength(line[:cut], font=fnt) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=fnt) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]  # whole words
        lines[-1] = last.rstrip() + "…"
    return lines


def _fit(draw, text, width, max_lines, sizes, *, bold=False):
    """The largest of ``sizes`` at which ``text`` fits in ``max_lines``, and its lines."""
    for size in sizes:
        fnt = font(size, bold=bold)
        lines = _wrap(draw, text, fnt, width, max_lines + 1)
        if len(lines) <= max_lines:
            return fnt, lines
    fnt = font(sizes[-1], bold=bold)
    return fnt, _wrap(draw, text, fnt, width, max_lines)


def _line_height(fnt) -> int:
    ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (fnt.size, 0)
    return round((ascent + descent) * 1.12)


def _photo(data: bytes, diameter: int) -> Image.Image | None:
    try:
        picture = Image.open(io.BytesIO(data))
        picture = ImageOps.exif_transpose(picture).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):  # damaged: the initials
        return None
    picture = ImageOps.fit(picture, (diameter, diameter), Image.Resampling.LANCZOS)
    mask = Image.new("L", (diameter * 4, diameter * 4), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, diameter * 4, diameter * 4), fill=255)
    picture.putalpha(mask.resize((diameter, diameter), Image.Resampling.LANCZOS))
    return picture


def draw_card(card: Card, size: tuple[int, int] = SIZE) -> Image.Image:
    """The picture of ``card``, ``size`` pixels (1200×630 for Open Graph)."""
    width, height = size
    rgb = hex_rgb(card.colour)
    base = _readable_base(rgb)
    image = _background(size, rgb)
    draw = ImageDraw.Draw(image, "RGBA")
    # two soft circles give depth without competing with the text
    draw.ellipse((width - 420, -260, width + 260, 420), fill=(255, 255, 255, 22))
    draw.ellipse((width - 260, height - 200, width + 140, height + 200), fill=(255, 255, 255, 14))

    has_panel = bool(card.panel) or card.kind == "expert"
    panel_left = width - MARGIN - 400 if has_panel else width
    text_width = panel_left - MARGIN - 48

    y = MARGIN
    if card.eyebrow:
        eyebrow = font(24, bold=True)
        line = _wrap(draw, card.eyebrow.upper(), eyebrow, text_width, 1)[0]
        draw.text((MARGIN, y), line, font=eyebrow, fill=(255, 255, 255, 200))
        y += _line_height(eyebrow) + 18
    title_font, title_lines = _fit(draw, card.title, text_width, 3, (64, 58, 52, 46, 40), bold=True)
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += _line_height(title_font)
    if card.subtitle:
        y += 18
        sub_font = font(30)
        for line in _wrap(draw, card.subtitle, sub_font, text_width, 2):
            draw.text((MARGIN, y), line, font=sub_font, fill=(255, 255, 255, 215))
            y += _line_height(sub_font)

    # the footer: a bar of the brand colour's light tint and the company's name
    footer_font = font(26, bold=True)
    draw.rectangle((MARGIN, height - MARGIN - 44, MARGIN + 56, height - MARGIN - 38), fill=WHITE)
    if card.footer:
        footer = _wrap(draw, card.footer, footer_font, text_width, 1)[0]
        draw.text((MARGIN, height - MARGIN - 24), footer, font=footer_font, fill=WHITE)

    if has_panel:
        _draw_panel(image, draw, card, (panel_left, MARGIN, width - MARGIN, height - MARGIN), base)
    return image


def _draw_panel(image, draw, card: Card, box, accent) -> None:
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=28, fill=(255, 255, 255, 245))
    inner = right - left - 80
    if card.kind == "expert":
        diameter = 240
        x, y = left + (right - left - diameter) // 2, top + 56
        picture = _photo(card.photo, diameter) if card.photo else None
        if picture is not None:
            image.paste(picture, (x, y), picture)
        else:
            draw.ellipse((x, y, x + diameter, y + diameter), fill=accent)
            initials = "".join(word[0] for word in card.title.split()[:2]).upper()
            fnt = font(96, bold=True)
            draw.text(
                (x + diameter / 2, y + diameter / 2), initials, font=fnt, fill=WHITE, anchor="mm"
            )
        y += diameter + 40
        for index, text in enumerate(card.panel[:2]):
            fnt = font(28 if index == 0 else 24, bold=index == 0)
            for line in _wrap(draw, text, fnt, inner, 2):
                draw.text(((left + right) / 2, y), line, font=fnt, fill=INK, anchor="ma")
                y += _line_height(fnt)
        return
    label, figure, note = (*card.panel, "", "", "")[:3]
    blocks = []  # (font, lines, colour, space after), centred in the panel as a whole
    if label:
        fnt = font(26)
        blocks.append((fnt, _wrap(draw, label, fnt, inner, 2), MUTED, 20))
    if figure:
        fnt, lines = _fit(draw, figure, inner, 2, (76, 66, 58, 50, 44, 38), bold=True)
        blocks.append((fnt, lines, INK, 24))
    if note:
        fnt, lines = _fit(draw, note, inner, 2, (48, 40, 32, 28), bold=True)
        blocks.append((fnt, lines, accent, 0))
    total = sum(_line_height(f) * len(lines) + gap for f, lines, _c, gap in blocks)
    y = top + max(40, (bottom - top - total) // 2)
    for fnt, lines, colour, gap in blocks:
        for line in lines:
            draw.text((left + 40, y), line, font=fnt, fill=colour)
            y += _line_height(fnt)
        y += gap


def encode(image: Image.Image) -> bytes:
    """JPEG at quality 88: a 1200×630 card weighs 50–90 KB (a PNG of the gradient, ten times)."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, optimize=True, progressive=True)
    return buffer.getvalue()
