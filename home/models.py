"""The home page.

It lives in its own app because it names the content apps (``catalog``, ``cases``, ``experts``);
``core`` below them keeps only what every app shares.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import CallToActionBlock, KeyFigureBlock
from core.models import SeoMixin
from serving.change_tags import listed_tags
from serving.content_version import memoize
from serving.public import NEWEST_FIRST
from serving.routing import page_for_path, stored_pages


class HomePage(SeoMixin, Page):
    """The front page: the promise, the proof (featured services, cases, experts) and a call to act."""

    change_tags = ()  # a change names this page alone (serving.change_tags)
    #: its call-to-action buttons hold the pages they link to: a new address re-reads it
    stored_page_tags = ("tree",)

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

    def featured(self, field_name: str, model_label: str, limit: int, *, fresh=False) -> list[Page]:
        """The pages editors chose in ``field_name``, or the newest ones of that kind.

        Pages that are not publicly listable (drafts, internal-only cases) are skipped
        even when an editor chose them.
        """
        model = apps.get_model(model_label)
        if fresh:  # a preview: the editor's unsaved choice
            ids = self.featured_ids(field_name, model, limit)
            by_id = model.objects.in_bulk(ids)
        else:
            ids = memoize(
                ("featured-ids", self.pk, field_name),
                lambda: self.featured_ids(field_name, model, limit),
                tags=(f"page:{self.pk}", *listed_tags(model), "tree"),
            )
            by_id = stored_pages(model, ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def featured_ids(self, field_name: str, model, limit: int) -> list[int]:
        listable = model.listable()
        chosen_ids = [item["value"] for item in getattr(self, field_name).raw_data if item["value"]]
        if chosen_ids:
            found = set(listable.filter(pk__in=chosen_ids).values_list("pk", flat=True))
            return [pk for pk in chosen_ids if pk in found][:limit]
        return list(listable.order_by(*NEWEST_FIRST).values_list("pk", flat=True)[:limit])

    FEATURED = {  # context name: (field, model, how many)
        "services": ("featured_services", "catalog.ServicePage", 6),
        "cases": ("featured_cases", "cases.CasePage", 6),
        "experts": ("featured_experts", "experts.ExpertPage", 8),
    }

    def get_context(self, request, *args, **kwargs):
        """The featured pages; live, which of them is kept per kind (a case's publish reads
        the cases' again, not the services'), and each page until a change names it."""
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)  # the editor's choice, not the live one
        for name, (field_name, label, limit) in self.FEATURED.items():
            context[name] = self.featured(field_name, label, limit, fresh=preview)
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
