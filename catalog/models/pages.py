"""The catalog's pages: the index of every service and the service card."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from rest_framework import serializers

from core.blocks import BodyStreamBlock, FAQBlock
from core.choices import CURRENCY_SYMBOLS, Currency, DurationUnit
from core.models import SeoMixin
from core.paged_index import PagedIndexMixin
from core.social_images import SocialImageMixin, service_card
from experts.models import ExpertPage
from serving.public import NEWEST_FIRST, listable
from serving.routing import stored_pages

from ..blocks import CostFactorBlock, PartnerBlock, TeamRoleBlock
from ..choices import Complexity, PricingModel, ServiceTypeCode
from ..pricing import service_price
from .snippets import ServiceCategory, ServiceType

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
MAX_RELATED = 6


class ServiceIndexPage(PagedIndexMixin, SeoMixin, Page):
    """The catalog: the services grouped by category, filterable by service type, a page of
    them at a time (a catalog of a thousand services costs what one of a dozen does)."""

    change_tags = ()  # a change names this page alone (serving.change_tags)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    subpage_types = ["catalog.ServicePage"]
    max_count_per_parent = 1
    #: The service type filter and the list's page (``serving.page_cache`` keys on them).
    cache_query_params = ("page", "type")

    class Meta:
        verbose_name = _("service index page")

    #: the catalog's order: by category (the editors' order), then by title
    ORDER = ("category__sort_order", "category__pk", "title")

    def unfiltered_count(self) -> int:
        return ServicePage.listable().child_of(self).count()

    def category_urls(self) -> dict[str, str]:
        """Each category's section (``#category-<slug>``) on the page of the plain list where
        it begins: a category further down a long catalog is on a later page."""
        slugs = ServicePage.listable().child_of(self).order_by(*self.ORDER)
        urls: dict[str, str] = {}
        for position, slug in enumerate(slugs.values_list("category__slug", flat=True)):
            if slug and slug not in urls:
                urls[slug] = f"{self.page_url(position // self.per_page + 1)}#category-{slug}"
        return urls

    def get_context(self, request, *args, page_number=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = ServicePage.listable().child_of(self).order_by(*self.ORDER)
        selected = request.GET.get("type", "")
        if selected in ServiceTypeCode.values:
            services = services.filter(service_types__code=selected)
        else:
            selected = ""
        page_obj = self.list_page(services, request, page_number, key=("type", selected))
        groups: dict = {}
        for service in page_obj.object_list:
            groups.setdefault(service.category, []).append(service)
        context.update(self.page_links(page_obj, request))
        context.update(
            groups=list(groups.items()),
            service_types=ServiceTypeCode.choices,
            selected_type=selected,
        )
        return context


class ServicePage(SocialImageMixin, SeoMixin, Page):
    """A service card: what it is, for whom, how it is done, how long it takes and what it costs."""

    change_tags = ("services",)  # what a change of it touches (serving.change_tags)
    #: what lists of services select, sort or count by: a change of one names ``services:listed``
    listing_fields = ("title", "category", "service_types", "required_competencies")

    route_select_related = ("social_image", "generated_image", "image", "category")
    cover_field = "image"  # its own cover; else the generated one (core.social_images)

    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    summary = models.TextField(_("summary"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = RichTextField(_("who it is for"), blank=True, features=TEXT_FEATURES)
    applicability = RichTextField(_("when it applies"), blank=True, features=TEXT_FEATURES)
    methodology = RichTextField(_("methodology"), blank=True, features=TEXT_FEATURES)
    duration_min = models.PositiveSmallIntegerField(_("duration from"), null=True, blank=True)
    duration_max = models.PositiveSmallIntegerField(_("duration to"), null=True, blank=True)
    duration_unit = models.CharField(
        _("duration unit"), max_length=10, choices=DurationUnit.choices, default=DurationUnit.WEEKS
    )
    service_types = ParentalManyToManyField(
        ServiceType, verbose_name=_("service types"), related_name="services", blank=False
    )
    pricing_model = models.CharField(
        _("pricing model"), max_length=20, choices=PricingModel.choices
    )
    price_from = models.DecimalField(
        _("price from"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_to = models.DecimalField(
        _("price to"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to show the price as “from …”."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    cost_factors = StreamField(
        [("factor", CostFactorBlock())], verbose_name=_("cost factors"), blank=True
    )
    required_competencies = ParentalManyToManyField(
        "experts.Competency",
        verbose_name=_("required competencies"),
        related_name="services",
        blank=True,
    )
    typical_team = StreamField(
        [("role", TeamRoleBlock())], verbose_name=_("typical team"), blank=True
    )
    complexity = models.CharField(
        _("complexity"), max_length=10, choices=Complexity.choices, default=Complexity.MEDIUM
    )
    partners = StreamField(
        [("partner", PartnerBlock())], verbose_name=_("partners and subcontractors"), blank=True
    )
    faq = StreamField([("faq", FAQBlock())], verbose_name=_("FAQ"), blank=True, max_num=1)
    body = StreamField(BodyStreamBlock(), verbose_name=_("more about the service"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("service_types", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("applicability")], heading=_("For whom and when")
        ),
        FieldPanel("methodology"),
        InlinePanel("process_steps", label=_("Step"), heading=_("Process steps")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("duration_min"),
                        FieldPanel("duration_max"),
                        FieldPanel("duration_unit"),
                    ]
                ),
            ],
            heading=_("Typical duration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pricing_model"),
                FieldRowPanel(
                    [FieldPanel("price_from"), FieldPanel("price_to"), FieldPanel("currency")]
                ),
                FieldPanel("cost_factors"),
            ],
            heading=_("Price"),
        ),
        InlinePanel("packages", label=_("Package"), heading=_("Packages")),
        MultiFieldPanel(
            [
                FieldPanel("required_competencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("typical_team"),
                FieldPanel("complexity"),
                FieldPanel("partners"),
            ],
            heading=_("Delivery"),
        ),
        FieldPanel("faq"),
        FieldPanel("body"),
    ]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("applicability"),
        index.SearchField("methodology"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("category"),
        index.RelatedFields("category", [index.SearchField("name")]),
        # the technologies the page lists: "Terraform" finds the services built on it
        index.RelatedFields("required_competencies", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("category", serializer=serializers.StringRelatedField()),
        APIField("service_types", serializer=serializers.StringRelatedField(many=True)),
        APIField("pricing_model"),
        APIField("price_from"),
        APIField("price_to"),
        APIField("currency"),
        APIField("duration_min"),
        APIField("duration_max"),
        APIField("duration_unit"),
        APIField("complexity"),
        APIField("audience"),
        APIField("applicability"),
        APIField("methodology"),
        APIField("process_steps"),
        APIField("packages"),
        APIField("required_competencies", serializer=serializers.StringRelatedField(many=True)),
    ]
    parent_page_types = ["catalog.ServiceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("service page")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.price_from is not None
            and self.price_to is not None
            and self.price_to < self.price_from
        ):
            errors["price_to"] = _("The upper price must not be lower than the lower price.")
        if self.price_to is not None and self.price_from is None:
            errors["price_from"] = _("Give the lower price, or leave both empty.")
        if (
            self.duration_min is not None
            and self.duration_max is not None
            and self.duration_max < self.duration_min
        ):
            errors["duration_max"] = _(
                "The longest duration must not be shorter than the shortest."
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def listable(cls):
        """Live, public services, ready for cards."""
        return listable(cls).select_related("category", "image", "generated_image")

    @property
    def currency_symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.currency, self.currency)

    def price_text(self) -> str:
        """The price as visitors read it (``catalog.pricing.service_price``)."""
        return service_price(self)

    @cached_property
    def package_list(self):
        return list(self.packages.all())

    @cached_property
    def step_list(self):
        return list(self.process_steps.all())

    @cached_property
    def type_list(self):
        return list(self.service_types.all())

    @cached_property
    def competency_list(self):
        return list(self.required_competencies.all())

    @cached_property
    def case_list(self):
        """The newest public cases that used this service (reverse relation, no import of cases);
        each case from memory unless a change named it."""
        ids = list(
            listable(self.case_pages)
            .order_by("-year", *NEWEST_FIRST)
            .values_list("pk", flat=True)[:MAX_RELATED]
        )
        by_pk = stored_pages(self.case_pages.model, ids)
        return [by_pk[pk] for pk in ids if pk in by_pk]

    @cached_property
    def testimonial_case_list(self):
        return [case for case in self.case_list if case.testimonial_quote][:2]

    @cached_property
    def expert_list(self):
        """Experts who hold a required competency or worked on this service's cases."""
        competency_ids = [c.pk for c in self.competency_list]
        case_ids = [c.pk for c in self.case_list]
        # Two id subqueries instead of joins: no DISTINCT over every expert of a large portfolio.
        links = ExpertPage.competency_links.rel.related_model.objects
        roles = ExpertPage.case_roles.rel.related_model.objects
        ids = list(
            ExpertPage.listable()
            .filter(
                models.Q(pk__in=links.filter(competency_id__in=competency_ids).values("expert_id"))
                | models.Q(pk__in=roles.filter(case_id__in=case_ids).values("expert_id"))
            )
            .order_by("title")
            .values_list("pk", flat=True)[: MAX_RELATED + 2]
        )
        by_pk = stored_pages(ExpertPage, ids)
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def social_card(self):
        """What its generated cover shows: category, title, price and duration."""
        from django.utils.translation import get_language

        return service_card(self, get_language())

    def get_json_ld(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "Service",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "category": self.category.name,
        }
        if self.price_from is not None:
            offer = {
                "@type": "Offer",
                "priceCurrency": self.currency,
                "price": str(self.price_from),
            }
            if self.price_to is not None:
                offer = {
                    "@type": "AggregateOffer",
                    "priceCurrency": self.currency,
                    "lowPrice": str(self.price_from),
                    "highPrice": str(self.price_to),
                }
            data["offers"] = offer
        return data
