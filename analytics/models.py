"""Analytics' own caches: figures it derives from other apps' data, rebuilt from them at will."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _by_deal(related_name: str):
    """A join from a row with a ``deal`` column to the deal's :class:`DealFacts` row, on that
    column (``DealFacts.<related_name>`` is the reverse): a path for the ORM, no column, no
    constraint."""
    return models.ForeignObject(
        "analytics.DealFacts",
        on_delete=models.DO_NOTHING,
        from_fields=["deal"],
        to_fields=["deal"],
        related_name=related_name,
        null=True,
    )


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

    #: the deal's facts row, joined on the same column (no column of its own): the content
    #: report reads the deal's dates, status, amount and currency there, not in the deal's
    #: wide table
    facts = _by_deal("page_views")

    class Meta:
        verbose_name = _("page read before a request")
        verbose_name_plural = _("pages read before requests")
        # The content report reads the content pages read (or landed on) by the period's deals:
        # every column it reads is in the index, in the deal's order (its facts row is found by
        # the deal), so no row of the table is read
        indexes = [
            models.Index(
                fields=["role", "deal", "content", "page", "split"], name="dealpageview_content"
            )
        ]

    def __str__(self) -> str:
        return self.path


class DealServiceLink(models.Model):
    """Leads' own table of each deal's services (``Deal.services``), read here with a join to the
    deal's facts row (:func:`_by_deal`), so the "by service" figures group the facts rows. Not
    managed: leads creates and writes the table."""

    deal = models.ForeignKey("leads.Deal", on_delete=models.DO_NOTHING, related_name="+")
    servicepage = models.ForeignKey(
        "catalog.ServicePage", on_delete=models.DO_NOTHING, related_name="+"
    )
    facts = _by_deal("service_links")

    class Meta:
        managed = False
        db_table = "leads_deal_services"

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.servicepage_id}"


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
    #: the deal's facts row, joined on the same column (no column of its own): the figures group
    #: the facts rows by type without a join through the deal's wide table
    facts = _by_deal("type_links")

    class Meta:
        verbose_name = _("service type of a deal")
        verbose_name_plural = _("service types of deals")
        constraints = [
            models.UniqueConstraint(fields=["deal", "service_type"], name="dealservicetype_unique")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.service_type_id}"


#: the facts row's columns after its dates (see DealFacts.Meta.indexes)
GROUPS = (
    "amount",
    "currency",
    "channel",
    "first_source",
    # not the last-touch UTM tags (200 characters each) nor the landing path (up to 2,000),
    # which the visitor chooses: beside them an index entry could pass PostgreSQL's 2,704 bytes
    # and the deal would get no row; their groups read the (narrow) row itself
    "pipeline",
    "owner",
    "deal",
    "read_content",
    "has_path",
    "landed_content",
)


class DealFacts(models.Model):
    """A deal as the core figures count and group it (:mod:`analytics.figures`): its pipeline,
    owner, status, dates, amount and currency, request channel, first-touch source, last-touch
    UTM tags and landing path, one narrow row per deal; and what its page views say (the
    content report, :mod:`analytics.page_views`).

    The deal's own table is wide (its visitor's path, UTM tags and first visit as JSON come
    before its dates), so reading the dates and amounts of 100,000 deals walks every row's JSON;
    the sources' groups were JSON keys and a URL's path cut in SQL, computed for every deal of
    the period in each query. Here they are stored once, when the deal changes, in a table the
    reports scan by index. Written only by :mod:`analytics.deal_facts` (kept up to date by
    :mod:`analytics.receivers`; ``rebuild_deal_facts`` and the migration fill it)."""

    deal = models.OneToOneField(
        "leads.Deal",
        verbose_name=_("deal"),
        on_delete=models.CASCADE,
        related_name="analytics_facts",
    )
    pipeline = models.ForeignKey(
        "leads.Pipeline",
        verbose_name=_("pipeline"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,  # as the deal's own owner
        related_name="+",
        db_index=False,
    )
    status = models.CharField(_("status"), max_length=10)
    created_at = models.DateTimeField(_("created"))
    closed_at = models.DateTimeField(_("closed"), null=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3)
    # None is "no value", as the reports group it (never "")
    channel = models.CharField(_("request channel"), max_length=120, null=True)  # noqa: DJ001
    first_source = models.TextField(_("first-touch source"), null=True)  # noqa: DJ001
    utm_source = models.TextField(_("UTM source"), null=True)  # noqa: DJ001
    utm_medium = models.TextField(_("UTM medium"), null=True)  # noqa: DJ001
    utm_campaign = models.TextField(_("UTM campaign"), null=True)  # noqa: DJ001
    landing_path = models.TextField(_("landing page"), null=True)  # noqa: DJ001
    # what the deal's page views say (analytics.page_views writes them with the rows, so the
    # content report's totals count the facts rows instead of probing the page views per deal;
    # the database's default for rows written by a model without them, as a migration's)
    #: its visitor read a content page (a case, a service, an expert) before asking
    read_content = models.BooleanField(_("read a content page"), default=False, db_default=False)
    #: its visitor's path has any page of the site
    has_path = models.BooleanField(_("has pages read"), default=False, db_default=False)
    #: its visitor's first visit landed on a content page
    landed_content = models.BooleanField(
        _("landed on a content page"), default=False, db_default=False
    )

    class Meta:
        verbose_name = _("deal as counted")
        verbose_name_plural = _("deals as counted")
        # Each query reads the deals created in the period or those closed in it, by range: both
        # indexes hold every column after their range's, so a query reads only the index (on
        # SQLite a row read by an index entry is one more B-tree search per deal: 145 -> 70 ms
        # for the requests per first-touch source at 100,000 deals)
        indexes = [
            models.Index(
                fields=["status", "closed_at", "created_at", *GROUPS], name="dealfacts_closed"
            ),
            models.Index(
                fields=["created_at", "status", "closed_at", *GROUPS], name="dealfacts_created"
            ),
        ]

    def __str__(self) -> str:
        return str(self.deal_id)
