from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.formatting import format_date
from core.models import SeoMixin

from ..choices import SpamStatus


class LeadSubmission(models.Model):
    """A request exactly as it arrived (form or API): never edited, kept even when processing fails."""

    data = models.JSONField(_("fields as posted"))
    channel = models.CharField(_("channel"), max_length=20, default="form")
    source = models.CharField(_("source"), max_length=120, blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("source page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_url = models.URLField(_("source URL"), max_length=2000, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.TextField(_("browser"), blank=True)
    utm = models.JSONField(_("UTM tags"), default=dict, blank=True)
    referrer = models.URLField(_("referrer"), max_length=2000, blank=True)
    landing_page = models.URLField(_("landing page"), max_length=2000, blank=True)
    visitor_path = models.JSONField(_("pages seen before asking"), default=list, blank=True)
    #: the visit that first brought the visitor; utm, referrer and landing_page are this visit's
    first_touch = models.JSONField(_("first visit"), default=dict, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=64, unique=True)
    deal = models.ForeignKey(
        "leads.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    #: what the rate limit counts: the IPv4 address or the IPv6 /64 (leads/spam.py rate_key)
    rate_key = models.CharField(max_length=50, blank=True, editable=False)
    #: a valid request that looked automated (sent too fast) is kept but gets no deal until a
    #: manager accepts it (leads.services.lead_accept_suspected)
    spam_status = models.CharField(
        _("spam check"), max_length=20, choices=SpamStatus.choices, default=SpamStatus.CLEAN
    )
    spam_reason = models.CharField(_("why suspected"), max_length=255, blank=True)

    # A raw record, never edited: Wagtail's reference index ("usage" of pages) would queue a
    # background task on each of its saves for nothing; the deal it becomes is indexed.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        indexes = [
            # the rate limit counts one sender's recent requests (leads/spam.py)
            models.Index(fields=["rate_key", "created_at"], name="leadsubmission_rate_recent"),
        ]

    def __str__(self) -> str:
        name = self.data.get("name", "") if isinstance(self.data, dict) else ""
        return f"{name} ({format_date(self.created_at)})"


class ApiKey(models.Model):
    """A key for one external source (a landing page elsewhere) that posts to /api/leads/. Stored hashed."""

    name = models.CharField(_("source name"), max_length=120, unique=True)
    prefix = models.CharField(_("key starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("is_active")]

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ContactPage(SeoMixin, Page):
    """The contact page: company contacts and the request form."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + [FieldPanel("show_in_menus")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")
