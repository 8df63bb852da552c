"""The case study page: the client, the challenge, the solution and the results."""

import logging

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from rest_framework import serializers

from core.blocks import GalleryStreamBlock
from core.choices import CURRENCY_SYMBOLS, Currency
from core.models import SeoMixin
from core.social_images import SocialImageMixin, case_card
from serving.public import listable

from ..choices import Visibility
from ..confirmed_results import metrics_digest
from ..publishing import is_being_published, refusal
from .snippets import Industry

logger = logging.getLogger(__name__)

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ul", "ol"]


class CasePage(SocialImageMixin, SeoMixin, Page):
    """A case study: the client's challenge, our solution and the results before → after."""

    change_tags = ("cases",)  # what a change of it touches (serving.change_tags)
    #: what lists of cases select, sort or count by (and the client names search keeps hidden):
    #: a change of one names ``cases:listed``
    listing_fields = (
        "title",
        "visibility",
        "client_name",
        "year",
        "industry",
        "services",
        "first_published_at",
    )

    route_select_related = (
        "social_image",
        "generated_image",
        "hero_image",
        "testimonial_photo",
        "industry",
    )
    cover_field = "hero_image"  # its own cover; else the generated one (core.social_images)

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
    # Set by the client's answer to a confirmation link (projects), in a draft revision: shown
    # publicly once an editor publishes it. A date only, so the public case page needs no join.
    results_confirmed_on = models.DateField(
        _("results confirmed by the client on"), null=True, blank=True
    )
    # sha256 of the metrics as the client confirmed them (``cases.confirmed_results``): not
    # public, not searchable, not editable; ``clean`` drops the date when the metrics differ
    confirmed_results_digest = models.CharField(max_length=64, blank=True, editable=False)
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
        FieldPanel("results_confirmed_on", read_only=True),
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
        # What a visitor may read about the client: the name of a public client, the
        # description of an anonymised one; never ``client_name`` (a hidden name must not find
        # its case). Publishing saves the page and Wagtail reindexes it, so a change of
        # visibility takes the name out of the index at once.
        index.SearchField("client_display", boost=2),
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
        APIField("results_confirmed_on"),
        APIField(
            "services",
            serializer=serializers.ListField(
                source="public_service_ids", child=serializers.IntegerField(), read_only=True
            ),
        ),
    ]
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types: list[str] = []
    #: Cases kept out of everything public (see ``serving.public.listable``).
    unlisted_when = models.Q(visibility=Visibility.INTERNAL)

    class Meta:
        verbose_name = _("case page")

    @classmethod
    def listable(cls):
        """Live, public cases that visitors may see, ready for cards."""
        return listable(cls).select_related("hero_image", "generated_image", "industry")

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

    def clean(self):
        """The "confirmed by the client" date stands only while the results are the ones the
        client confirmed: a revision or a publication with other metrics loses it."""
        super().clean()
        if self.results_confirmed_on or self.confirmed_results_digest:
            digest = self.confirmed_results_digest
            if not digest or digest != metrics_digest(self.metrics.all()):
                self.results_confirmed_on = None
                self.confirmed_results_digest = ""

    def save(self, *args, **kwargs):
        """Refuse to make a revision live more openly than allowed (``cases.publishing``):
        every publishing path of Wagtail ends here. Saves of named fields (a draft's
        bookkeeping) are not publications."""
        if kwargs.get("update_fields") is None and is_being_published(self):
            refused = refusal(self)
            if refused is not None:
                raise refused
        return super().save(*args, **kwargs)

    def publish(self, revision, user=None, changed=True, log_action=True, **kwargs):
        """The scheduled command (``publish_scheduled``) skips a refused case with a warning
        and drops its schedule instead of stopping every later page; interactive publishing
        raises the refusal for the view to show."""
        if log_action == "wagtail.publish.scheduled":
            refused = refusal(revision.as_object())
            if refused is not None:
                logger.warning("Scheduled publishing of case %s skipped: %s", self.pk, refused)
                type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                return None
        return super().publish(
            revision, user=user, changed=changed, log_action=log_action, **kwargs
        )

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
        experts = listable(self.team.model.expert.field.related_model).values("pk")
        return list(self.team.select_related("expert", "expert__photo").filter(expert__in=experts))

    @cached_property
    def service_list(self):
        return list(listable(self.services).only("id", "title", "url_path"))

    @property
    def public_service_ids(self) -> list[int]:
        """The API's ``services``: ids of the listable services only."""
        return [service.pk for service in self.service_list]

    def social_card(self):
        """What its generated cover shows: title, public client, strongest result."""
        from django.utils.translation import get_language

        return case_card(self, get_language())

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
