"""The site itself: the home page in place of Wagtail's welcome page, the default site, the
site settings and the plain content pages (about, privacy policy)."""

from urllib.parse import urlsplit

from django.conf import settings as django_settings

from wagtail.models import Page, Site

from core.models import ContentPage, SiteSettings
from home.models import HomePage

from .. import images
from ..data import catalog as catalog_data
from ..data import privacy as privacy_data
from .base import Seeding


def home_page() -> HomePage | None:
    """The demo's home page, if it has been seeded."""
    return HomePage.objects.first()


def seed_home(ctx: Seeding) -> HomePage:
    """The home page at the root of the default site (created once, then found)."""
    home = home_page()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = _build_home(ctx)
    # Take the place of Wagtail's welcome page, keeping the default site.
    welcome = (
        root.get_children().exclude(content_type__model="homepage").filter(slug="home").first()
    )
    if welcome:
        welcome.slug = "wagtail-welcome"
        welcome.save(update_fields=["slug"])
    ctx.add_page(root, home)
    _point_default_site_at(ctx, home)
    if welcome:
        welcome.delete()
    return home


def _build_home(ctx: Seeding) -> HomePage:
    company = catalog_data.COMPANY
    hero = images.make_image("Demo: hero", images.draw_cover("hero", (1200, 800)), "hero.jpg")
    return HomePage(
        title=ctx.t(company["name"]),
        slug="home",
        hero_title=ctx.t(company["hero_title"]),
        hero_text=ctx.t(company["hero_text"]),
        hero_image=hero,
        value_proposition=ctx.t(company["value_proposition"]),
        key_figures=[
            ("figure", {"value": value, "label": ctx.t(label)})
            for value, label in company["figures"]
        ],
        call_to_action=[
            (
                "call_to_action",
                {
                    "title": ctx.t(("Tell us about your task", "Расскажите о своей задаче")),
                    "text": ctx.t(
                        (
                            "We will answer within one working day and propose a team.",
                            "Ответим в течение рабочего дня и предложим команду.",
                        )
                    ),
                    "button_text": ctx.t(("Send a request", "Оставить заявку")),
                    "page": None,
                    "url": "/contact/",
                },
            )
        ],
    )


def _point_default_site_at(ctx: Seeding, home: HomePage) -> None:
    base_url = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = base_url.hostname or "localhost"
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.root_page = home
    site.site_name = ctx.t(catalog_data.COMPANY["name"])
    site.save()


def seed_about(ctx: Seeding, home: HomePage) -> ContentPage:
    return ctx.add_page(
        home,
        ContentPage(
            title=ctx.t(("About us", "О компании")),
            slug="about",
            show_in_menus=True,
            introduction=ctx.t(catalog_data.COMPANY["tagline"]),
            body=[("rich_text", ctx.t(catalog_data.COMPANY["value_proposition"]))],
        ),
    )


def seed_privacy(ctx: Seeding, home: HomePage) -> ContentPage:
    return ctx.add_page(
        home,
        ContentPage(
            title=ctx.t(("Privacy policy", "Политика конфиденциальности")),
            slug="privacy",
            introduction=ctx.t(
                (
                    "How we process the personal data you send us.",
                    "Как мы обрабатываем персональные данные, которые вы нам передаёте.",
                )
            ),
            body=[("rich_text", ctx.t(privacy_data.POLICY))],
        ),
    )


def seed_settings(ctx: Seeding, home: HomePage, *, privacy: ContentPage) -> None:
    """Company details, logo and links, once: settings with a legal name are left alone."""
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if settings.legal_name:
        return
    company = catalog_data.COMPANY
    settings.company_name = ctx.t(company["name"])
    settings.tagline = ctx.t(company["tagline"])
    settings.legal_name = ctx.t(company["legal_name"])
    settings.legal_details = ctx.t(company["legal_details"])
    settings.address = ctx.t(company["address"])
    settings.email = company["email"]
    settings.phone = company["phone"]
    settings.logo = images.make_image("Demo: logo", images.draw_logo("logo"), "logo.jpg")
    settings.privacy_policy_page = privacy
    settings.social_links = [
        ("link", {"name": "Telegram", "url": "https://t.me/northwind_example"}),
        ("link", {"name": "GitHub", "url": "https://github.com/northwind-example"}),
    ]
    if ctx.lang == "ru":
        settings.consent_text = (
            "Я даю согласие на обработку моих персональных данных для ответа на эту заявку "
            "в соответствии с политикой конфиденциальности."
        )
    settings.save()
