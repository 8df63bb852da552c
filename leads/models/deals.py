import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Currency
from core.expressions import Seconds

from ..choices import ActivityKind, DealStatus, Qualification, StageKind, TaskKind
from ..touch import TouchColumns
from .crm import Company, Contact
from .pipeline import LostReason, Pipeline, Stage


class Deal(TouchColumns, models.Model):
    """A sales opportunity moving through a pipeline, from a request to won or lost."""

    title = models.CharField(_("title"), max_length=255)
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.PROTECT, related_name="deals"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    pipeline = models.ForeignKey(
        Pipeline, verbose_name=_("pipeline"), on_delete=models.PROTECT, related_name="deals"
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="deals"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_deals",
    )
    services = models.ManyToManyField(
        "catalog.ServicePage", verbose_name=_("services"), blank=True, related_name="deals"
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    expected_close_date = models.DateField(_("expected close date"), null=True, blank=True)
    #: the seller's own estimate; empty means the stage's win probability (the forecast's weight)
    probability = models.PositiveSmallIntegerField(
        _("win probability, %"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("From 0 to 100. Leave empty to use the stage's probability."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DealStatus.choices, default=DealStatus.OPEN
    )
    qualification = models.CharField(
        _("qualification"), max_length=12, choices=Qualification.choices, default=Qualification.NEW
    )
    lost_reason = models.ForeignKey(
        LostReason,
        verbose_name=_("lost reason"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deals",
    )
    lost_comment = models.TextField(_("why it was lost"), blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("source page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=120, blank=True, help_text=_("Website, API key name, manual…")
    )
    utm = models.JSONField(_("UTM tags"), default=dict, blank=True)
    referrer = models.URLField(_("referrer"), max_length=2000, blank=True)
    landing_page = models.URLField(_("landing page"), max_length=2000, blank=True)
    visitor_path = models.JSONField(_("pages seen before asking"), default=list, blank=True)
    #: the visit that first brought the visitor (landing, referrer, utm, at); utm, referrer and
    #: landing_page above are the last touch, the visit that sent the request
    first_touch = models.JSONField(_("first visit"), default=dict, blank=True)
    custom_values = models.JSONField(_("custom fields"), default=dict, blank=True)
    #: the deal's id in the system it was imported from ("amocrm:123"), for re-imports
    external_ref = models.CharField(
        _("external id"), max_length=120, blank=True, db_index=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    stage_entered_at = models.DateTimeField(_("in stage since"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-created_at"]
        # the analytics reports: deals won / lost in a period, requests per pipeline
        indexes = [
            models.Index(fields=["status", "closed_at"], name="deal_status_closed"),
            models.Index(fields=["pipeline", "created_at"], name="deal_pipeline_created"),
            # a company's earlier deal (repeat business; leads/migrations/0011)
            models.Index(fields=["company", "created_at"], name="deal_company_created"),
        ]
        permissions = [
            ("view_all_deals", _("Can see every deal, not only their own")),
            ("export_deals", _("Can export deals and contacts")),
            ("manage_pipelines", _("Can set up pipelines")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_entered_at).days

    @property
    def is_stale(self) -> bool:
        limit = self.stage.stale_after_days
        return (
            self.status == DealStatus.OPEN
            and limit is not None
            and timezone.now() - self.stage_entered_at > datetime.timedelta(days=limit)
        )

    @property
    def is_closed(self) -> bool:
        return self.stage.kind != StageKind.OPEN


class StageChange(models.Model):
    """One move of a deal from a stage to another: who moved it and when."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the deal entered from_stage: the start of the stay this move ends, known for free
    # at the move (the deal's stage_entered_at), so that the time in stage reads a stay from
    # one row instead of looking for the deal's previous move (None for the first move).
    from_stage_since = models.DateTimeField(_("in the previous stage since"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at"]
        # the analytics reports: a deal's moves in order (the stay a move ends), the entries
        # to / exits from a stage in a period (leads/migrations/0009_analytics_indexes.py)
        indexes = [
            models.Index(fields=["deal", "changed_at"], name="stagechange_deal_time"),
            models.Index(fields=["to_stage", "changed_at"], name="stagechange_to_time"),
            models.Index(fields=["from_stage", "changed_at"], name="stagechange_from_time"),
            # the stays that ended in a period read from the index alone (leads 0010)
            models.Index(
                fields=["from_stage", "changed_at", "deal", "from_stage_since"],
                name="stagechange_stay",
            ),
            # a stage's stays in the order of their length (the same Seconds expression as
            # analytics.stays): SQLite finds the stay at a rank by walking it (leads 0012)
            models.Index(
                models.F("from_stage"),
                Seconds(models.F("changed_at"), models.F("from_stage_since")),
                models.F("changed_at"),
                models.F("deal"),
                models.F("from_stage_since"),
                name="stagechange_stay_length",
            ),
        ]


class TaskQuerySet(models.QuerySet):
    def open(self):
        """Neither done nor cancelled."""
        return self.filter(done_at__isnull=True, cancelled_at__isnull=True)

    def actionable(self):
        """Open tasks that still matter: on an open deal, or on a contact alone."""
        return self.open().filter(
            models.Q(deal__isnull=True) | models.Q(deal__status=DealStatus.OPEN)
        )


class Task(models.Model):
    """Something to do by a date, about a deal or a contact."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TaskKind.choices, default=TaskKind.CALL
    )
    deal = models.ForeignKey(
        Deal,
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    due_at = models.DateTimeField(_("due"), db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crm_tasks",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    #: set when its deal closed before the task was done (leads.services.deal_move_to_stage)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deal__isnull=False) | models.Q(contact__isnull=False),
                name="task_has_deal_or_contact",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()


class Activity(models.Model):
    """One entry of the timeline of a deal, a contact and a company."""

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    text = models.TextField(_("text"), blank=True)
    deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("timeline")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
