"""Analytics' own caches: figures it derives from other apps' data, rebuilt from them at will."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DealPageView(models.Model):
    """A page of the site a deal's visitor read before sending the request (``READ``, one row per
    distinct page of ``Deal.visitor_path``), or the page their first visit landed on
    (``LANDING``, from ``Deal.first_touch``): the deals' JSON paths as rows, so the content
    report is plain GROUP BY queries on every database. Written only by
    :mod:`analytics.page_views` (kept up to date by :mod:`analytics.receivers`; the
    ``rebuild_page_views`` command and the migration fill it from scratch)."""

    READ = "read"
    LANDING = "landing"
    ROLES = [(READ, _("read before asking")), (LANDING, _("first-touch landing page"))]

    deal = models.ForeignKey(
        "leads.Deal", verbose_name=_("deal"), on_delete=models.CASCADE, related_name="+"
    )
    #: the page the path resolved to when the row was written; None: no page has that address
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: the address as the browser recorded it, reduced to its path ("/cases/x/")
    path = models.CharField(_("path"), max_length=2000)
    role = models.CharField(_("role"), max_length=8, choices=ROLES)
    #: where the page first appears in the visitor's path (0 for the landing page)
    position = models.PositiveSmallIntegerField(_("position"))
    #: the page is a case, a service or an expert (what the content report counts)
    content = models.BooleanField(_("content page"), default=False)
    #: the number of distinct content pages of the deal's path its amount is split over
    #: (1 for a landing page, 0 for a page that is not content)
    split = models.PositiveSmallIntegerField(_("split over"), default=0)

    class Meta:
        verbose_name = _("page read before a request")
        verbose_name_plural = _("pages read before requests")
        indexes = [models.Index(fields=["role", "content", "page"], name="dealpageview_page")]

    def __str__(self) -> str:
        return self.path


class DealServiceType(models.Model):
    """A service type a deal is of (the type of one of its services): one row per deal and type,
    so the "by service type" figures group a plain join instead of de-duplicating the
    deal → service → type rows of two many-to-many relations in every query. Written only by
    :mod:`analytics.deal_facts` (kept up to date by :mod:`analytics.receivers`; the
    ``rebuild_deal_facts`` command and the migration fill it from scratch)."""

    deal = models.ForeignKey(
        "leads.Deal",
        verbose_name=_("deal"),
        on_delete=models.CASCADE,
        related_name="analytics_service_types",
    )
    service_type = models.ForeignKey(
        "catalog.ServiceType",
        verbose_name=_("service type"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service type of a deal")
        verbose_name_plural = _("service types of deals")
        constraints = [
            models.UniqueConstraint(fields=["deal", "service_type"], name="dealservicetype_unique")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.service_type_id}"


class DealTouch(models.Model):
    """A deal's first-touch UTM source and its landing page's path, as the sources report groups
    them (the SQL expressions of :mod:`analytics.reports.sources`, evaluated once when the deal's
    visit is written rather than on every deal of the period in each of the report's three
    queries). A deal with neither has no row. Written only by :mod:`analytics.deal_facts` (kept
    up to date by :mod:`analytics.receivers`; ``rebuild_deal_facts`` and the migration fill it)."""

    deal = models.OneToOneField(
        "leads.Deal",
        verbose_name=_("deal"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="analytics_touch",
    )
    # None is "no value", as the report groups it (the expressions give None, never "")
    first_source = models.TextField(_("first-touch source"), null=True, blank=True)  # noqa: DJ001
    landing_path = models.TextField(_("landing page"), null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("source of a deal")
        verbose_name_plural = _("sources of deals")

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.first_source} {self.landing_path}"
