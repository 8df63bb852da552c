"""The brand from the site settings: the accent colour in the page's CSS variables, the
favicons and the web manifest drawn from the logo (or the company's initial), and the admin
refusing a colour that is not one."""

import io
import json
import re
from pathlib import Path

from django.urls import reverse

from wagtail.models import Site

import pytest
from PIL import Image
from wagtail_factories import ImageFactory

from core.brand import contrast_ratio, palette
from core.models import DEFAULT_BRAND_COLOUR, SiteSettings

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"

pytestmark = pytest.mark.django_db


def _settings(**values) -> SiteSettings:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(site_settings, name, value)
    site_settings.save()
    return site_settings


def _brand_css_url(html: str) -> str:
    match = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=\w+)">', html)
    assert match, "the page links no brand stylesheet"
    return match.group(1)


def test_the_brand_colour_from_the_settings_is_in_the_pages_css_variables(client, site_tree):
    _settings(brand_colour="#7c3aed")
    html = client.get("/").content.decode()
    css = client.get(_brand_css_url(html))
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    text = css.content.decode()
    assert "--vt-accent:#7c3aed;" in text
    assert "--vt-accent-rgb:124, 58, 237;" in text

    _settings(brand_colour="#b91c1c")  # an editor changes it: the page links the new colour
    html_after = client.get("/").content.decode()
    assert _brand_css_url(html_after) != _brand_css_url(html)
    assert "--vt-accent:#b91c1c;" in client.get(_brand_css_url(html_after)).content.decode()


def test_the_default_colour_is_the_one_site_css_falls_back_to():
    site_css = SITE_CSS.read_text(encoding="utf-8")
    for name, value in palette(DEFAULT_BRAND_COLOUR).items():
        assert f"{name}: {value};" in site_css, name


@pytest.mark.parametrize("colour", ["#ffd400", "#a5f3fc", "#ffffff", "#0f766e", "#000000"])
def test_links_and_buttons_in_any_brand_colour_read_at_4_5_to_1(colour):
    colours = palette(colour)
    assert contrast_ratio(colours["--vt-accent-text"], "#ffffff") >= 4.5  # links, white on buttons
    assert contrast_ratio(colours["--vt-accent-text"], "#f6f5f1") >= 4.5  # links on hero bands
    assert contrast_ratio(colours["--vt-accent-on-dark"], "#111827") >= 4.5  # the result panel


@pytest.mark.parametrize("bad", ["red", "#12345", "#12345g", "0f766e", "#0f766e;}", "#fff"])
def test_a_colour_that_is_not_hex_is_refused_with_a_clear_error(admin_client, site_tree, bad):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    form = admin_client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "company_name": "Acme",
            "brand_colour": bad,
            "consent_text": "I agree.",
            "social_links-count": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    errors = response.context["form"].errors
    assert "brand_colour" in errors
    expected = "six hexadecimal digits" if len(bad) <= 7 else "at most 7 characters"
    assert any(expected in error for error in errors["brand_colour"])
    assert SiteSettings.for_site(site).brand_colour == DEFAULT_BRAND_COLOUR


def _near(pixel, colour) -> bool:
    """The same colour but for resampling's rounding."""
    return all(abs(a - b) <= 8 for a, b in zip(pixel, colour, strict=True))


def _icon(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response)))


def test_favicon_and_manifest_answer_with_the_right_types_without_a_logo(client, site_tree):
    _settings(company_name="Zephyr Labs", brand_colour="#0f766e", logo=None)
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert favicon["Content-Type"] == "image/x-icon"
    assert "max-age" in favicon["Cache-Control"]
    icon = _icon(favicon)
    assert icon.format == "ICO" and (48, 48) in icon.info["sizes"]

    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["name"] == "Zephyr Labs" and data["short_name"] == "Zephyr Labs"
    assert data["theme_color"] == "#0f766e"
    for entry in data["icons"]:
        png = client.get(entry["src"])
        assert png.status_code == 200 and png["Content-Type"] == "image/png"
        image = _icon(png).convert("RGB")
        assert f"{image.width}x{image.height}" == entry["sizes"]
        # the initial on the brand colour: the corner is the colour, the middle has white
        assert image.getpixel((image.width // 4, image.height // 8)) == (15, 118, 110)
        middle = image.crop(
            (image.width // 4, image.height // 4, 3 * image.width // 4, 3 * image.height // 4)
        )
        assert (255, 255, 255) in {pixel for _, pixel in middle.getcolors(100000)}
    assert client.get("/apple-touch-icon.png")["Content-Type"] == "image/png"
    assert client.get("/icon-7.png").status_code == 404


def test_the_favicon_follows_a_logo_change(client, site_tree):
    _settings(logo=None, brand_colour="#0f766e")
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/favicon\.ico\?v=\w+"', html)
    assert '<link rel="manifest" href="/manifest.webmanifest?v=' in html
    without_logo = client.get("/icon-192.png").content

    logo = ImageFactory(file__width=300, file__height=100, file__color="red")
    _settings(logo=logo)
    with_logo = client.get("/icon-192.png")
    assert with_logo.content != without_logo
    image = _icon(with_logo).convert("RGB")
    assert _near(image.getpixel((96, 96)), (255, 0, 0))  # the logo, centred
    assert image.getpixel((96, 5)) == (255, 255, 255)  # on white, whole (not cropped)
    favicon = _icon(client.get("/favicon.ico")).convert("RGB")
    assert _near(favicon.getpixel((favicon.width // 2, favicon.height // 2)), (255, 0, 0))
    assert client.get("/").content.decode() != html  # new ?v= on the links

    second = ImageFactory(file__width=100, file__height=100, file__color="blue")
    _settings(logo=second)
    image = _icon(client.get("/icon-192.png")).convert("RGB")
    assert _near(image.getpixel((96, 96)), (0, 0, 255))
