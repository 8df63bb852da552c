"""Review of issue 17's public design as an attacker would try it: generated pictures must not
outlive what a case may show, the brand files must survive any logo."""

import io
import re
from decimal import Decimal

from django.core.cache import cache

from wagtail.models import Site

import pytest
from PIL import Image
from wagtail_factories import ImageFactory

from cases.factories import CaseMetricFactory, CasePageFactory
from core.models import SiteSettings
from core.social_images import GeneratedImage
from tests.edits import fresh, publish
from tests.module_data import bare_site_tree_once, site_tree_rows  # noqa: F401 - built once here

HIDDEN = "Hidden Bank PLC"
OG_IMAGE = re.compile(r'<meta property="og:image" content="https?://[^/]+(/[^"]+)">')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_renditions():
    cache.clear()


def _case(site_tree, **fields):
    case = CasePageFactory(parent=site_tree.cases, client_name=HIDDEN, **fields)
    CaseMetricFactory(
        case=case, label="Conversion", value_before=Decimal("10"), value_after=Decimal("15")
    )
    return case


def _drawn_case(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(_case(site_tree, visibility="public", client_description="Regional bank"))
    case = CasePageFactory._meta.model.objects.get(client_name=HIDDEN)
    assert case.generated_image is not None
    return case


@pytest.mark.parametrize("visibility", ["anonymised", "internal"])
def test_a_picture_naming_the_client_is_gone_as_the_case_hides_it(
    client, admin_client, site_tree, django_capture_on_commit_callbacks, visibility
):
    """The worker draws later (or is down): from the publish that hides the client on, no
    page shows, and no address serves, the picture drawn while the client was public."""
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run yet
        publish(case, visibility=visibility)
    case = fresh(case)
    assert case.get_social_image() is None and case.get_cover_image() is None
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()
    viewer = client if visibility == "anonymised" else admin_client
    html = viewer.get(case.url).content.decode()
    assert HIDDEN not in html
    assert f"social-{case.pk}-" not in html  # no rendition of its picture either


def test_an_unpublished_case_keeps_no_public_picture(site_tree, django_capture_on_commit_callbacks):
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).unpublish()
    assert fresh(case).generated_image is None
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()


# The favicons from any logo an editor may upload ----------------------------------------------


def _logo_file(kind: str) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if kind == "16-bit grey png":
        Image.new("I;16", (64, 32), 40000).save(buffer, format="PNG")
    elif kind == "cmyk jpeg":
        Image.new("CMYK", (64, 32), (0, 200, 200, 0)).save(buffer, format="JPEG")
    elif kind == "transparent palette png":
        image = Image.new("P", (64, 32), 1)
        image.putpalette([0, 0, 0, 255, 0, 0] * 128)
        image.save(buffer, format="PNG", transparency=0)
    elif kind == "animated gif":
        frames = [Image.new("P", (64, 32), c) for c in (1, 2, 3)]
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    elif kind == "svg":
        return b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"/>', "svg"
    elif kind == "corrupt":
        return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "png"
    elif kind == "truncated png":
        Image.effect_noise((64, 64), 64).save(buffer, format="PNG")
        return buffer.getvalue()[:200], "png"
    return buffer.getvalue(), "gif" if "gif" in kind else "jpg" if "jpeg" in kind else "png"


def _set_logo(data: bytes, extension: str, width=64, height=32):
    from django.core.files.base import ContentFile

    from wagtail.images.models import Image as WagtailImage

    logo = WagtailImage(title="Logo")
    logo.file.save(f"logo.{extension}", ContentFile(data), save=False)
    logo.width, logo.height = width, height  # what Wagtail read, or a guess for a bad file
    logo.save()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = logo
    site_settings.save()
    return logo


BRAND_FILES = (
    "/favicon.ico",
    "/icon-192.png",
    "/icon-512.png",
    "/apple-touch-icon.png",
    "/manifest.webmanifest",
    "/brand.css",
)


@pytest.mark.parametrize(
    "kind",
    [
        "16-bit grey png",
        "cmyk jpeg",
        "transparent palette png",
        "animated gif",
        "svg",
        "corrupt",
        "truncated png",
    ],
)
def test_any_logo_gives_favicons(client, site_tree, kind):
    _set_logo(*_logo_file(kind))
    for url in BRAND_FILES:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith((".png", ".ico")):
            Image.open(io.BytesIO(response.content)).load()


def _decoded_sizes(monkeypatch) -> list:
    """The sizes of the images Pillow decodes from now on."""
    decoded = []
    load = Image.Image.load

    def spy(self):
        decoded.append(self.size)
        return load(self)

    monkeypatch.setattr(Image.Image, "load", spy)
    return decoded


def test_a_logo_of_many_pixels_is_never_decoded_whole(client, site_tree, monkeypatch):
    """A 9000×9000 PNG of one colour is 260 KB and passes Wagtail's upload check (89 million
    pixels); decoding it whole for a favicon took 640 MB, in each process, after every image
    change. It gives the company's initial instead."""
    buffer = io.BytesIO()
    Image.new("P", (6000, 6000), 1).save(buffer, format="PNG")
    _set_logo(buffer.getvalue(), "png", 6000, 6000)
    decoded = _decoded_sizes(monkeypatch)
    for url in BRAND_FILES:
        assert client.get(url).status_code == 200, url
    assert decoded and max(w * h for w, h in decoded) <= 4096 * 4096


def test_a_large_jpeg_logo_is_decoded_reduced(client, site_tree, monkeypatch):
    buffer = io.BytesIO()
    Image.new("RGB", (6000, 3000), (255, 0, 0)).save(buffer, format="JPEG", quality=30)
    _set_logo(buffer.getvalue(), "jpg", 6000, 3000)
    decoded = _decoded_sizes(monkeypatch)
    icon = Image.open(io.BytesIO(client.get("/icon-192.png").content)).convert("RGB")
    assert max(w * h for w, h in decoded) < 6000 * 3000 // 4  # JPEG's draft mode
    assert icon.getpixel((96, 96))[0] > 200  # still the logo, not the initial


# The static copy ------------------------------------------------------------------------------


def test_the_static_copy_keeps_no_picture_naming_a_client_the_case_now_hides(
    site_tree, tmp_path, settings, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    settings.PUBLIC_APP_URL = "https://app.example"
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    call_command("export_site", str(tmp_path), app_url="https://app.example", verbosity=0)
    # renditions shorten the original's name: the page's id names its pictures
    copies = [path for path in tmp_path.rglob(f"social-{case.pk}-*") if path.is_file()]
    assert copies, "the export copies the page's picture"

    settings.EXPORT_DIR = str(tmp_path)  # the worker re-exports what a publish affects
    with django_capture_on_commit_callbacks(execute=True):
        publish(case, visibility="anonymised")
    with django_capture_on_commit_callbacks(execute=True):
        publish(fresh(case), summary="Another summary.")  # a second re-export
    assert [path for path in copies if path.exists()] == []
    page = (tmp_path / case.url.lstrip("/") / "index.html").read_text()
    assert HIDDEN not in page


# The search page's canonical address and description -------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        'kubernetes "><script>alert(1)</script>',
        "kubernetes' onmouseover='alert(1)",
        "kubernetes\x00",
        "kubernetes </title><svg onload=alert(1)>",
        "kubernetes " + "k" * 5000,
        "kubernetes",  # indexable: the head names the titles found
    ],
)
def test_the_search_head_never_carries_markup_from_the_query(client, site_tree, query):
    title = 'Kubernetes "platform" <svg onload=alert(1)>'
    CasePageFactory(parent=site_tree.cases, title=title, summary="Kubernetes.")
    response = client.get("/search/", {"q": query})
    if "\x00" in query:
        assert response.status_code == 400  # refused before any view (core.untrusted)
        return
    assert response.status_code == 200
    head = response.content.decode().split("</head>", 1)[0]
    assert "<script>alert" not in head and "<svg" not in head and "\x00" not in head
    assert "onmouseover='" not in head
    for tag in re.findall(r"<(?:meta|link)[^>]*>", head):
        assert tag.count('"') % 2 == 0, tag
    if query == "kubernetes":
        assert '<link rel="canonical" href="http://testserver/search/?q=kubernetes">' in head
        assert "&quot;platform&quot; &lt;svg" in head


# Roles -----------------------------------------------------------------------------------------


def _user(group_name):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"u-{group_name}", f"{group_name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize("group_name", ["Editors", "Sales", "Sales managers"])
def test_only_a_superuser_changes_the_brand_colour(client, site_tree, group_name):
    from django.urls import reverse

    site = Site.objects.get(is_default_site=True)
    client.force_login(_user(group_name))
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"company_name": "Owned", "brand_colour": "#ff0000"})
    assert response.status_code in (302, 403)
    stored = SiteSettings.for_site(site)
    assert stored.brand_colour != "#ff0000" and stored.company_name != "Owned"


def test_an_editor_deleting_a_generated_picture_breaks_no_page(
    client, site_tree, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    editor = _user("Editors")
    client.force_login(editor)
    image = case.generated_image
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    client.logout()
    html = client.get(case.url)
    assert html.status_code == 200 and 'property="og:image"' not in html.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the next publish draws again
        publish(fresh(case))
    assert fresh(case).generated_image is not None


def test_a_view_restriction_deletes_the_picture_at_once(
    site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run yet
        PageViewRestriction.objects.create(page=site_tree.cases, restriction_type="login")
    assert fresh(case).generated_image is None
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("brand_colour", "#0f766e\x00"),
        ("brand_colour", "#0f7\x0066"),
        ("brand_colour", "#0f766e" + "0" * 100_000),
        ("brand_colour", "#0f766e\n"),
        ("brand_colour", "#0f766e}body{x:url(//evil)"),
        ("company_name", "Acme\x00"),
    ],
)
def test_the_settings_form_refuses_hostile_values(admin_client, site_tree, field, value):
    from django.urls import reverse

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    data = {
        "company_name": "Acme",
        "brand_colour": "#0f766e",
        "consent_text": "I agree.",
        "social_links-count": "0",
        field: value,
    }
    response = admin_client.post(url, data)
    if value == "#0f766e\n":  # the form strips it: the colour itself is stored
        assert response.status_code == 302
        assert SiteSettings.for_site(site).brand_colour == "#0f766e"
    else:
        assert response.status_code == 200 and field in response.context["form"].errors
    css = admin_client.get("/brand.css").content.decode()
    assert "evil" not in css and "\x00" not in css


# Caching ---------------------------------------------------------------------------------------


def _version(html: str) -> str:
    return re.search(r'href="/favicon\.ico\?v=(\w+)"', html).group(1)


def test_a_new_colour_or_logo_file_reaches_cached_pages(client, admin_client, site_tree, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.PAGE_CACHE_SECONDS = 600
    logo = ImageFactory(file__width=200, file__height=100, file__color="red")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = logo
    site_settings.save()
    for _ in range(2):
        first = client.get("/")
    assert first["X-Page-Cache"] == "hit"
    red = Image.open(io.BytesIO(client.get("/icon-192.png").content)).convert("RGB")
    assert red.getpixel((96, 96))[0] > 200

    # an editor replaces the logo's file in the image library (same image, new file)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (0, 0, 255)).save(buffer, format="PNG")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[logo.pk]),
        {
            "title": logo.title,
            "collection": logo.collection_id,
            "file": SimpleUploadedFile("blue.png", buffer.getvalue(), "image/png"),
            "tags": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
            "description": "Logo",
        },
    )
    assert response.status_code == 302
    after_logo = client.get("/")
    assert _version(after_logo.content.decode()) != _version(first.content.decode())
    blue = Image.open(io.BytesIO(client.get("/icon-192.png").content)).convert("RGB")
    assert blue.getpixel((96, 96))[2] > 200

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.brand_colour = "#b91c1c"
    site_settings.save()
    after_colour = client.get("/").content.decode()
    assert _version(after_colour) != _version(after_logo.content.decode())
    assert "--vt-accent:#b91c1c;" in client.get("/brand.css").content.decode()


def test_a_deleted_case_leaves_no_picture_behind(site_tree, django_capture_on_commit_callbacks):
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).delete()
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()


def test_a_generated_picture_chosen_as_the_logo_is_kept(
    client, site_tree, django_capture_on_commit_callbacks
):
    """The site settings are not in Wagtail's reference index: a redraw deleted the picture an
    editor had made the logo, and the logo vanished."""
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    image = case.generated_image
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = image
    site_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(case, title="Another title")  # drawn again
    assert fresh(case).generated_image_id != image.pk
    assert GeneratedImage.objects.filter(pk=image.pk).exists()
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).logo_id == image.pk
