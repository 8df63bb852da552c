"""Expert profiles: the people who deliver, with competencies, certificates and publications."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rest_framework import serializers

from core.blocks import BodyStreamBlock
from core.models import SeoMixin
from core.paged_index import PagedIndexMixin
from core.social_images import SocialImageMixin, expert_card
from serving.content_version import memoize
from serving.public import listable

from .choices import CompetencyArea, CompetencyLevel, PublicationKind, Seniority


class Competency(index.Indexed, models.Model):
    """A skill the company sells and its experts hold ("Kubernetes", "SEO audit").

    Services name the competencies they require; experts list the ones they have.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    area = models.CharField(_("area"), max_length=20, choices=CompetencyArea.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("area"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExpertIndexPage(PagedIndexMixin, SeoMixin, Page):
    """The team page: the experts, filterable by competency, a page of them at a time."""

    change_tags = ()  # a change names this page alone (serving.change_tags)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    subpage_types = ["experts.ExpertPage"]
    max_count_per_parent = 1
    #: The competency filter and the list's page (``serving.page_cache`` keys on them).
    cache_query_params = ("competency", "page")

    class Meta:
        verbose_name = _("expert index page")

    def unfiltered_count(self) -> int:
        return ExpertPage.listable().child_of(self).count()

    def get_context(self, request, *args, page_number=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        experts = ExpertPage.listable().child_of(self).order_by("title")
        competencies = memoize(
            ("expert-index-competencies", self.pk),
            lambda: list(
                Competency.objects.filter(
                    expert_links__expert__in=ExpertPage.listable().child_of(self).values("pk")
                ).distinct()
            ),
            tags=(f"page:{self.pk}", "experts:listed", "tree"),
        )
        selected = request.GET.get("competency", "")
        if selected:
            experts = experts.filter(competency_links__competency__slug=selected).distinct()
        # only a competency the page offers is a key worth keeping (the parameter is raw input)
        known = selected == "" or any(c.slug == selected for c in competencies)
        key = ("competency", selected) if known else None
        page_obj = self.list_page(experts, request, page_number, key=key)
        context.update(self.page_links(page_obj, request))
        context.update(
            experts=page_obj.object_list, competencies=competencies, selected_competency=selected
        )
        return context


CASES_SHOWN = 12  # cases on an expert's page, newest first


class ExpertPage(SocialImageMixin, SeoMixin, Page):
    """One person of the team: what they know, what they proved, what they delivered."""

    change_tags = ("experts",)  # what a change of it touches (serving.change_tags)
    #: what lists of experts select, sort or count by: a change of one names ``experts:listed``
    listing_fields = ("title",)

    route_select_related = ("social_image", "generated_image", "photo")
    cover_field = ""  # the photo is a portrait: the generated picture is its cover

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.CharField(_("position"), max_length=160)
    short_bio = models.TextField(_("short bio"), max_length=600)
    body = StreamField(BodyStreamBlock(), verbose_name=_("about"), blank=True)
    seniority = models.CharField(_("seniority"), max_length=20, choices=Seniority.choices)
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), validators=[MaxValueValidator(70)]
    )
    languages = models.CharField(
        _("languages"), max_length=255, blank=True, help_text=_("For example: English, Russian")
    )
    # Internal fields: never shown on a public page or in the public API. Superseded by the
    # assignments' workload (projects); kept for old data, no longer edited or read.
    workload_percent = models.PositiveSmallIntegerField(
        _("current workload, %"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Internal: never shown to visitors."),
    )
    available_from = models.DateField(
        _("available from"),
        null=True,
        blank=True,
        help_text=_("Internal: never shown to visitors."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldPanel("position"),
                FieldPanel("seniority"),
                FieldPanel("years_of_experience"),
                FieldPanel("languages"),
            ],
            heading=_("Profile"),
        ),
        FieldPanel("short_bio"),
        FieldPanel("body"),
        InlinePanel("competency_links", label=_("Competencies"), heading=_("Competencies")),
        InlinePanel("certificates", label=_("Certificates"), heading=_("Certificates")),
        InlinePanel(
            "publications", label=_("Publications and talks"), heading=_("Publications and talks")
        ),
        # workload_percent / available_from are no longer edited here: the workload comes from
        # the experts' assignments (Sales → Team workload, projects); the columns stay, unread.
    ]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("position"),
        index.SearchField("short_bio"),
        index.SearchField("body"),
        index.RelatedFields(
            "competency_links",
            [index.RelatedFields("competency", [index.SearchField("name", boost=4)])],
        ),
    ]
    api_fields = [
        APIField("position"),
        APIField("short_bio"),
        APIField("seniority"),
        APIField("years_of_experience"),
        APIField("languages"),
        APIField("competency_links"),
        APIField("certificates"),
        APIField("publications"),
    ]
    parent_page_types = ["experts.ExpertIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("expert page")

    @classmethod
    def listable(cls):
        """Live, public experts, ready for cards."""
        return listable(cls).select_related("photo")

    @cached_property
    def competency_list(self):
        return list(self.competency_links.select_related("competency"))

    def _public_case_roles(self):
        cases = listable(self.case_roles.model.case.field.related_model).values("pk")
        return self.case_roles.filter(case__in=cases)

    @cached_property
    def case_list(self):
        """The newest public cases this expert worked on (at most ``CASES_SHOWN``), with the
        role they had: a long career must not make a page of hundreds of cards."""
        return list(
            self._public_case_roles()
            .select_related("case", "case__hero_image", "case__industry")
            .order_by("-case__year", "case__title")[:CASES_SHOWN]
        )

    @cached_property
    def case_count(self) -> int:
        if len(self.case_list) < CASES_SHOWN:
            return len(self.case_list)
        return self._public_case_roles().count()

    def social_card(self):
        """What its generated cover shows: name, position, photo."""
        from django.utils.translation import get_language

        return expert_card(self, get_language())

    def get_json_ld(self, request) -> dict:
        return {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "jobTitle": self.position,
            "description": self.short_bio,
            "url": self.get_full_url(request),
            "knowsAbout": [link.competency.name for link in self.competency_list],
        }


class ExpertCompetency(Orderable):
    """A competency an expert holds, with the level and the years of practice."""

    expert = ParentalKey(ExpertPage, on_delete=models.CASCADE, related_name="competency_links")
    #: the team page filters by it, a service lists who holds what it needs (serving.change_tags)
    listing_fields = ("competency",)
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="expert_links",
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=CompetencyLevel.choices, default=CompetencyLevel.ADVANCED
    )
    years = models.PositiveSmallIntegerField(
        _("years"), default=1, validators=[MaxValueValidator(70)]
    )

    panels = [FieldPanel("competency"), FieldPanel("level"), FieldPanel("years")]
    api_fields = [
        APIField("competency", serializer=serializers.StringRelatedField()),
        APIField("level"),
        APIField("years"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "competency"], name="unique_expert_competency"
            )
        ]


class Certificate(Orderable):
    """A certificate an expert earned."""

    expert = ParentalKey(ExpertPage, on_delete=models.CASCADE, related_name="certificates")
    listing_fields = ()  # no list selects, sorts or counts by it (serving.change_tags)
    title = models.CharField(_("title"), max_length=255)
    issuer = models.CharField(_("issuer"), max_length=255)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    credential_url = models.URLField(_("credential URL"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("issuer"),
        FieldPanel("year"),
        FieldPanel("credential_url"),
    ]
    api_fields = [
        APIField("title"),
        APIField("issuer"),
        APIField("year"),
        APIField("credential_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")


class Publication(Orderable):
    """An article, talk, book or podcast by an expert."""

    expert = ParentalKey(ExpertPage, on_delete=models.CASCADE, related_name="publications")
    listing_fields = ()  # no list selects, sorts or counts by it (serving.change_tags)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=255)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("URL"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("venue"),
        FieldPanel("date"),
        FieldPanel("url"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("title"),
        APIField("venue"),
        APIField("date"),
        APIField("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
