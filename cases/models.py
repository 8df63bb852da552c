"""The portfolio: case studies with measurable results, testimonials and the team."""

import math
from decimal import Decimal

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from rest_framework import serializers

from catalog.models import ServicePage
from core.blocks import GalleryStreamBlock
from core.choices import CURRENCY_SYMBOLS, Currency
from core.content_version import memoize
from core.models import SeoMixin
from core.public import NEWEST_FIRST, listable
from core.untrusted import parse_positive_int

from .choices import Visibility

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ul", "ol"]
PER_PAGE = 12


class Industry(index.Indexed, models.Model):
    """The client's industry ("Retail", "Banking"), used to filter and match cases."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseIndexPage(SeoMixin, Page):
    """The portfolio: public cases, filterable by service, industry and year, paginated."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1
    #: The filters and the filtered list's page number (``core.page_cache`` keys on these).
    cache_query_params = ("industry", "page", "service", "year")

    class Meta:
        verbose_name = _("case index page")

    def route(self, request, path_components):
        """``page/N/``: the unfiltered list's page N as a path, so a static export can hold it."""
        if len(path_components) == 2 and path_components[0] == "page":
            number = parse_positive_int(path_components[1])
            if number is not None and number > 1 and str(number) == path_components[1]:
                return RouteResult(self, kwargs={"page_number": number})
            raise Http404
        return super().route(request, path_components)

    def _newest_first(self):
        return CasePage.listable().child_of(self).order_by("-year", *NEWEST_FIRST)

    def _plain_order(self) -> list[int]:
        """Ids of the unfiltered list in order: a site fact, sorted once per content version, so
        page N reads only its twelve cases however many there are."""
        return memoize(
            ("case-order", self.pk), lambda: list(self._newest_first().values_list("pk", flat=True))
        )

    def unfiltered_page_count(self) -> int:
        return max(1, math.ceil(len(self._plain_order()) / PER_PAGE))

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def export_subpaths(self) -> list[str]:
        """The extra pages a static copy needs: every page of the unfiltered list."""
        return [f"page/{n}/" for n in range(2, self.unfiltered_page_count() + 1)]

    def get_context(self, request, *args, page_number=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = self._newest_first()
        filters = {
            "service": request.GET.get("service", ""),
            "industry": request.GET.get("industry", ""),
            "year": request.GET.get("year", ""),
        }
        service_id = parse_positive_int(filters["service"])
        if service_id is not None:
            cases = cases.filter(services__id=service_id)
        else:
            filters["service"] = ""
        if filters["industry"]:
            cases = cases.filter(industry__slug=filters["industry"])
        year = parse_positive_int(filters["year"], maximum=9999)
        if year is not None and len(filters["year"]) == 4:
            cases = cases.filter(year=year)
        else:
            filters["year"] = ""
        if not any(filters.values()):
            cases = self._plain_order()
        paginator = Paginator(cases, PER_PAGE)
        if page_number and page_number > paginator.num_pages:
            raise Http404
        page_obj = paginator.get_page(page_number or request.GET.get("page"))
        if not any(filters.values()):
            by_pk = CasePage.listable().in_bulk(page_obj.object_list)
            page_obj.object_list = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        query = request.GET.copy()
        query.pop("page", None)
        context.update(self._page_links(page_obj, query.urlencode()))
        context.update(
            cases=page_obj.object_list,
            page_obj=page_obj,
            filters=filters,
            filter_query=query.urlencode(),
            **memoize("case-filter-choices", self._filter_choices),
        )
        return context

    @staticmethod
    def _filter_choices() -> dict:
        """Only what some listable case has: an internal-only or draft case, a draft service
        must not show up as a choice."""
        cases = CasePage.listable().values("pk")
        return {
            "services": list(
                listable(ServicePage)
                .filter(
                    pk__in=CasePage.services.through.objects.filter(casepage__in=cases).values(
                        "servicepage_id"
                    )
                )
                .only("id", "title")
                .order_by("title")
            ),
            "industries": list(Industry.objects.filter(cases__in=cases).distinct()),
            "years": list(
                CasePage.listable().order_by("-year").values_list("year", flat=True).distinct()
            ),
        }

    def _page_links(self, page_obj, filter_query: str) -> dict:
        """Previous/next links: paths for the plain list, query strings for a filtered one."""

        def link(number):
            if filter_query:
                return f"?{filter_query}&page={number}"
            return self.page_url(number)

        return {
            "previous_url": link(page_obj.previous_page_number())
            if page_obj.has_previous()
            else "",
            "next_url": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        }


class CasePage(SeoMixin, Page):
    """A case study: the client's challenge, our solution and the results before → after."""

    route_select_related = ("social_image", "hero_image", "testimonial_photo", "industry")

    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    client_name = models.CharField(_("client name"), max_length=160)
    client_description = models.CharField(
        _("client description"),
        max_length=255,
        help_text=_(
            "Shown instead of the name when the case is anonymised: “Retail chain, 200 stores”."
        ),
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="cases"
    )
    services = ParentalManyToManyField(
        "catalog.ServicePage", verbose_name=_("services"), related_name="case_pages", blank=True
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration, months"), null=True, blank=True, validators=[MaxValueValidator(240)]
    )
    summary = models.TextField(_("summary"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    challenge = RichTextField(_("challenge"), features=TEXT_FEATURES)
    solution = RichTextField(_("solution"), features=TEXT_FEATURES)
    testimonial_quote = models.TextField(_("testimonial"), blank=True)
    testimonial_author = models.CharField(_("testimonial author"), max_length=160, blank=True)
    testimonial_position = models.CharField(_("author's position"), max_length=160, blank=True)
    testimonial_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("author's photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gallery = StreamField(GalleryStreamBlock(), verbose_name=_("gallery"), blank=True)
    # Internal fields: never shown on a public page or in the public API.
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Internal."),
    )
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    client_contact = models.CharField(
        _("contact at the client"), max_length=255, blank=True, help_text=_("Internal.")
    )
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Internal."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("visibility"),
        MultiFieldPanel(
            [FieldPanel("client_name"), FieldPanel("client_description"), FieldPanel("industry")],
            heading=_("Client"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("services"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("duration_months")]),
        InlinePanel("team", label=_("Team member"), heading=_("Team")),
        FieldPanel("challenge"),
        FieldPanel("solution"),
        InlinePanel("metrics", label=_("Result"), heading=_("Results")),
        MultiFieldPanel(
            [
                FieldPanel("testimonial_quote"),
                FieldPanel("testimonial_author"),
                FieldPanel("testimonial_position"),
                FieldPanel("testimonial_photo"),
            ],
            heading=_("Testimonial"),
        ),
        FieldPanel("gallery"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("budget"), FieldPanel("budget_currency")]),
                FieldPanel("client_contact"),
                FieldPanel("internal_notes"),
            ],
            heading=_("Internal (sales only)"),
        ),
    ]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("challenge"),
        index.SearchField("solution"),
        index.SearchField("testimonial_quote"),
        index.AutocompleteField("title"),
        index.FilterField("visibility"),
        index.FilterField("year"),
        index.FilterField("industry"),
        index.RelatedFields("industry", [index.SearchField("name")]),
        index.RelatedFields("services", [index.SearchField("title")]),
        index.RelatedFields("metrics", [index.SearchField("label")]),
    ]
    # Only public fields; the client's name goes out as ``client`` (the description when anonymised).
    api_fields = [
        APIField(
            "client", serializer=serializers.CharField(source="client_display", read_only=True)
        ),
        APIField("industry", serializer=serializers.StringRelatedField()),
        APIField("year"),
        APIField("duration_months"),
        APIField("summary"),
        APIField("challenge"),
        APIField("solution"),
        APIField("metrics"),
        APIField("testimonial_quote"),
        APIField("testimonial_author"),
        APIField("testimonial_position"),
        APIField(
            "services",
            serializer=serializers.ListField(
                source="public_service_ids", child=serializers.IntegerField(), read_only=True
            ),
        ),
    ]
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types: list[str] = []
    #: Cases kept out of everything public (see ``core.public.listable``).
    unlisted_when = models.Q(visibility=Visibility.INTERNAL)

    class Meta:
        verbose_name = _("case page")

    @classmethod
    def listable(cls):
        """Live, public cases that visitors may see, ready for cards."""
        return listable(cls).select_related("hero_image", "industry")

    @property
    def is_internal(self) -> bool:
        return self.visibility == Visibility.INTERNAL

    @property
    def is_anonymous(self) -> bool:
        return self.visibility != Visibility.PUBLIC

    @property
    def client_display(self) -> str:
        """What a visitor may read about the client."""
        return self.client_description if self.is_anonymous else self.client_name

    @property
    def budget_currency_symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.budget_currency, self.budget_currency)

    def serve(self, request, *args, **kwargs):
        if self.is_internal and not request.user.has_perm("wagtailadmin.access_admin"):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_internal else super().get_sitemap_urls(request)

    @cached_property
    def metric_list(self):
        return list(self.metrics.all())

    def export_related_pages(self) -> list[Page]:
        """Pages whose copies show this case: its services and the experts of its team."""
        experts = [member.expert for member in self.team.select_related("expert")]
        return [*self.services.all(), *experts]

    @cached_property
    def team_list(self):
        experts = listable(CaseTeamMember.expert.field.related_model).values("pk")
        return list(self.team.select_related("expert", "expert__photo").filter(expert__in=experts))

    @cached_property
    def service_list(self):
        return list(listable(self.services).only("id", "title", "url_path"))

    @property
    def public_service_ids(self) -> list[int]:
        """The API's ``services``: ids of the listable services only."""
        return [service.pk for service in self.service_list]

    def get_json_ld(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "dateCreated": str(self.year),
            "about": self.client_display,
        }
        if self.testimonial_quote:
            data["review"] = {
                "@type": "Review",
                "reviewBody": self.testimonial_quote,
                "author": {
                    "@type": "Person",
                    "name": self.testimonial_author or self.client_display,
                },
            }
        return data


class CaseTeamMember(Orderable):
    """An expert who worked on the case, and their role on it."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="team")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="case_roles",
    )
    role = models.CharField(_("role on the project"), max_length=160)

    panels = [FieldPanel("expert"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team")


class CaseMetric(Orderable):
    """A measured result: a value before and after, and which direction is better."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="metrics")
    label = models.CharField(_("what was measured"), max_length=160)
    value_before = models.DecimalField(_("before"), max_digits=16, decimal_places=2)
    value_after = models.DecimalField(_("after"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    period = models.CharField(
        _("period"), max_length=80, blank=True, help_text=_("For example: per month")
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value_before"), FieldPanel("value_after"), FieldPanel("unit")]),
        FieldPanel("period"),
        FieldPanel("higher_is_better"),
    ]
    api_fields = [
        APIField("label"),
        APIField("value_before"),
        APIField("value_after"),
        APIField("unit"),
        APIField("period"),
        APIField("higher_is_better"),
        APIField("change_percent"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("result metric")
        verbose_name_plural = _("result metrics")

    @property
    def change_percent(self) -> Decimal | None:
        """The change from before to after in percent, or None when "before" is zero."""
        if not self.value_before:
            return None
        change = (self.value_after - self.value_before) / abs(self.value_before) * 100
        return change.quantize(Decimal("1"))

    @property
    def is_improvement(self) -> bool:
        if self.value_after == self.value_before:
            return False
        went_up = self.value_after > self.value_before
        return went_up == self.higher_is_better

    @property
    def direction(self) -> str:
        if self.value_after == self.value_before:
            return "same"
        return "up" if self.value_after > self.value_before else "down"
