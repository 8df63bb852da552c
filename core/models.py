"""Home page, plain content pages, site-wide settings and the SEO mixin."""

import copy

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock, CallToActionBlock, KeyFigureBlock
from .content_version import memoize
from .public import NEWEST_FIRST, PublicPageMixin, site_for_request
from .routing import page_for_path

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

    # Relations the page's own template shows, joined when the page is routed (core/routing.py).
    route_select_related: tuple[str, ...] = ("social_image",)
    #: Query parameters the page reads; the page cache keys pages on these only and renders
    #: them without any other (``core.page_cache``). A page with filters names them.
    cache_query_params: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or ""

    def get_social_image(self):
        return self.social_image

    def get_json_ld(self, request) -> dict | None:
        return None


class HomePage(SeoMixin, Page):
    """The front page: the promise, the proof (featured services, cases, experts) and a call to act."""

    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    value_proposition = RichTextField(
        _("value proposition"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    featured_services = StreamField(
        [("service", blocks.PageChooserBlock(page_type="catalog.ServicePage"))],
        verbose_name=_("featured services"),
        blank=True,
        max_num=6,
        help_text=_("Leave empty to show the newest services."),
    )
    featured_cases = StreamField(
        [("case", blocks.PageChooserBlock(page_type="cases.CasePage"))],
        verbose_name=_("featured cases"),
        blank=True,
        max_num=6,
        help_text=_("Leave empty to show the newest public cases."),
    )
    featured_experts = StreamField(
        [("expert", blocks.PageChooserBlock(page_type="experts.ExpertPage"))],
        verbose_name=_("featured experts"),
        blank=True,
        max_num=8,
        help_text=_("Leave empty to show the newest experts."),
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True, max_num=6
    )
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        verbose_name=_("call to action"),
        blank=True,
        max_num=1,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("value_proposition"),
        FieldPanel("key_figures"),
        FieldPanel("featured_services"),
        FieldPanel("featured_cases"),
        FieldPanel("featured_experts"),
        FieldPanel("call_to_action"),
    ]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def featured(self, field_name: str, model_label: str, limit: int) -> list[Page]:
        """The pages editors chose in ``field_name``, or the newest ones of that kind.

        Pages that are not publicly listable (drafts, internal-only cases) are skipped
        even when an editor chose them.
        """
        model = apps.get_model(model_label)
        listable = model.listable()
        chosen_ids = [item["value"] for item in getattr(self, field_name).raw_data if item["value"]]
        if chosen_ids:
            by_id = {page.pk: page for page in listable.filter(pk__in=chosen_ids)}
            return [by_id[pk] for pk in chosen_ids if pk in by_id][:limit]
        return list(listable.order_by(*NEWEST_FIRST)[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.featured("featured_services", "catalog.ServicePage", 6)
        context["cases"] = self.featured("featured_cases", "cases.CasePage", 6)
        context["experts"] = self.featured("featured_experts", "experts.ExpertPage", 8)
        return context

    def route(self, request, path_components):
        """Resolve a URL below the home page in two queries; anything unusual takes Wagtail's walk."""
        if path_components:
            found = page_for_path(self, path_components)
            if found is not None:
                page, rest = found
                return page.route(request, rest)
        return super().route(request, path_components)

    def get_json_ld(self, request) -> dict:
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.title,
            "url": self.get_full_url(request),
        }


class ContentPage(SeoMixin, Page):
    """A plain page of text: about the company, privacy policy, terms."""

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


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who the company is: name, logo, contacts, legal details and the consent text of request forms."""

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
            [FieldPanel("company_name"), FieldPanel("tagline"), FieldPanel("logo")],
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
    def for_request(cls, request):
        """The site's settings from memory (a copy per request); one query per content version."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = site_for_request(request)
            shared = memoize(
                ("site-settings", site.pk if site else None),
                # no site for this host (and no default site): the defaults, not an error
                lambda: cls.for_site(site) if site else cls(),
            )
            instance = copy.copy(shared)
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)
