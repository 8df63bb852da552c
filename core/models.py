"""Plain content pages, site-wide settings and the SEO mixin: what every content app shares."""

import copy

from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from serving.content_version import memoize
from serving.public import PublicPageMixin, site_for_request

from .blocks import BodyStreamBlock

DEFAULT_BRAND_COLOUR = "#0f766e"  # a deep teal: 5.5:1 on white, calm beside the neutrals
HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Enter a colour as # and six hexadecimal digits, for example #0f766e."),
    code="invalid_colour",
)

DEFAULT_CONSENT_TEXT = _(
    "I agree to the processing of my personal data to answer this request, "
    "as described in the privacy policy."
)


class SeoMixin(PublicPageMixin, models.Model):
    """Fields and helpers every public page uses for search engines and social networks.

    Wagtail's own ``seo_title`` and ``search_description`` are used as the title and
    description; ``social_image`` is the Open Graph picture. Subclasses override
    ``get_json_ld(request)`` to describe themselves in schema.org terms.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; 1200×630 works best."),
    )

    seo_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("For search engines and social networks"),
        ),
    ]

    # Relations the page's own template shows, joined when the page is routed (serving/routing.py).
    route_select_related: tuple[str, ...] = ("social_image",)
    #: Query parameters the page reads; the page cache keys pages on these only and renders
    #: them without any other (``serving.page_cache``). A page with filters names them.
    cache_query_params: tuple[str, ...] = ()

    class Meta:
        abstract = True

    #: Text fields the description falls back to when an editor left ``search_description``
    #: empty, first non-empty wins: a case's or service's summary, an expert's short bio, an
    #: index's introduction, the home page's hero text (search engines and Lighthouse want one).
    meta_description_fields: tuple[str, ...] = ("summary", "short_bio", "introduction", "hero_text")

    def get_meta_description(self) -> str:
        if self.search_description:
            return self.search_description
        for name in self.meta_description_fields:
            text = " ".join(str(getattr(self, name, "") or "").split())
            if text:
                return Truncator(text).chars(160)
        return ""

    def get_social_image(self):
        return self.social_image

    def get_json_ld(self, request) -> dict | None:
        return None


class ContentPage(SeoMixin, Page):
    """A plain page of text: about the company, privacy policy, terms."""

    change_tags = ()  # a change names this page alone (serving.change_tags)

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="site", name="site-settings")  # not "Настройки-сайта" (core.admin_viewsets)
class SiteSettings(BaseSiteSetting):
    """Who the company is: name, logo, contacts, legal details and the consent text of request forms."""

    change_tags = ("settings",)  # what a change of it touches (serving.change_tags)

    company_name = models.CharField(_("company name"), max_length=120, default="Vitrina")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default=DEFAULT_BRAND_COLOUR,
        validators=[HEX_COLOUR],
        help_text=_(
            "The accent of buttons, links and highlights, as #rrggbb. Too light a colour is "
            "darkened where text must stay readable."
        ),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    social_links = StreamField(
        [
            (
                "link",
                blocks.StructBlock(
                    [
                        ("name", blocks.CharBlock(label=_("Network"), max_length=40)),
                        ("url", blocks.URLBlock(label=_("URL"))),
                    ],
                    icon="link",
                ),
            )
        ],
        verbose_name=_("social links"),
        blank=True,
    )
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    legal_details = models.TextField(
        _("legal details"), blank=True, help_text=_("Registration numbers, tax ID, bank.")
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_text = models.TextField(
        _("consent text"),
        default=DEFAULT_CONSENT_TEXT,
        help_text=_("Shown beside the consent checkbox of every request form."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("company_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
            ],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("social_links"),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("legal_details"),
                FieldPanel("privacy_policy_page"),
                FieldPanel("consent_text"),
            ],
            heading=_("Legal information"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def _with_relations(cls, site):
        """The site's settings with the logo and the privacy page loaded: every copy shares them."""
        if site is None:  # no site for this host (and no default site): the defaults, not an error
            return cls()
        instance = cls.for_site(site)
        for relation in ("logo", "privacy_policy_page"):
            getattr(instance, relation)
        return instance

    @classmethod
    def for_request(cls, request):
        """The site's settings from memory (a copy per request); read again when the settings or
        the tree change."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = site_for_request(request)
            shared = memoize(
                ("site-settings", site.pk if site else None),
                lambda: cls._with_relations(site),
                tags=("settings", "tree"),
            )
            instance = copy.copy(shared)
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)
