"""Proposals assembled from a deal, the catalog, the portfolio and the team."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.choices import Currency
from core.untrusted import sane_date

from . import money
from .choices import LineUnit, ProposalStatus


class ProposalTemplate(ClusterableModel):
    """A standard offer: introduction, terms and the services it usually contains."""

    name = models.CharField(_("name"), max_length=160)
    introduction = models.TextField(_("introduction"), blank=True)
    terms = models.TextField(_("terms"), blank=True)
    default_services = ParentalManyToManyField(
        "catalog.ServicePage", verbose_name=_("default services"), blank=True, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("introduction"),
        FieldPanel("terms"),
        FieldPanel("default_services"),
    ]

    class Meta:
        verbose_name = _("proposal template")
        verbose_name_plural = _("proposal templates")

    def __str__(self) -> str:
        return self.name


class Proposal(ClusterableModel):
    """An offer to the client of a deal; once sent it is frozen in ``snapshot``."""

    deal = models.ForeignKey(
        "leads.Deal", verbose_name=_("deal"), on_delete=models.CASCADE, related_name="proposals"
    )
    number = models.CharField(_("number"), max_length=40, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="next_version",
    )
    title = models.CharField(_("title"), max_length=255)
    #: the standard offer the draft was filled from (kept by its new versions): the proposals
    #: report's acceptance per template
    template = models.ForeignKey(
        ProposalTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        editable=False,
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    introduction = models.TextField(_("introduction"), blank=True)
    terms = models.TextField(_("terms"), blank=True)
    discount_percent = models.DecimalField(
        _("discount, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    tax_rate = models.DecimalField(
        _("tax rate, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    subtotal = models.DecimalField(
        _("subtotal"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    discount_amount = models.DecimalField(
        _("discount"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    tax_amount = models.DecimalField(
        _("tax"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    total = models.DecimalField(
        _("total"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    link_expires_at = models.DateTimeField(_("link expires"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("link revoked"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    first_viewed_at = models.DateTimeField(_("first viewed"), null=True, blank=True, editable=False)
    last_viewed_at = models.DateTimeField(_("last viewed"), null=True, blank=True, editable=False)
    accepted_name = models.CharField(_("accepted by"), max_length=255, blank=True, editable=False)
    accepted_position = models.CharField(_("position"), max_length=255, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True, editable=False)
    decline_reason = models.TextField(_("decline reason"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # The PDF of the sent version, rendered once (proposals.pdf); a random, unguessable name.
    pdf_file = models.FileField(_("PDF"), upload_to="proposals/pdf/", blank=True, editable=False)
    pdf_render_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("valid_until"), FieldPanel("currency")]),
        FieldPanel("introduction"),
        InlinePanel("lines", heading=_("Scope and prices"), label=_("Line")),
        FieldRowPanel(
            [FieldPanel("discount_percent"), FieldPanel("tax_rate")], heading=_("Discount and tax")
        ),
        InlinePanel("phases", heading=_("Phases"), label=_("Phase")),
        InlinePanel("chosen_cases", heading=_("Cases"), label=_("Case")),
        InlinePanel("chosen_experts", heading=_("Team"), label=_("Expert")),
        MultiFieldPanel([FieldPanel("terms")], heading=_("Terms")),
    ]

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        permissions = [("send_proposal", _("Can send proposals"))]

    def __str__(self) -> str:
        return f"{self.number} v{self.version}: {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == ProposalStatus.DRAFT

    def compute_totals(self) -> dict[str, Decimal]:
        return money.totals(
            [line.compute_total(self.currency) for line in self.lines.all()],
            discount_percent=self.discount_percent,
            tax_rate=self.tax_rate,
            currency=self.currency,
        )


@receiver(post_delete, sender=Proposal)
def _delete_kept_pdf(sender, instance: Proposal, **kwargs) -> None:
    """A deleted proposal (or deal) leaves no PDF behind in storage."""
    if instance.pdf_file:
        name, storage = instance.pdf_file.name, instance.pdf_file.storage
        transaction.on_commit(lambda: storage.delete(name))


class ProposalLine(Orderable):
    """One line of scope: a service package or a free line, with quantity and unit price."""

    proposal = ParentalKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    service = models.ForeignKey(
        "catalog.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    package = models.ForeignKey(
        "catalog.ServicePackage",
        verbose_name=_("package"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=LineUnit.choices, default=LineUnit.PROJECT
    )
    unit_price = models.DecimalField(
        _("unit price"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    line_total = models.DecimalField(
        _("line total"), max_digits=16, decimal_places=2, default=0, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("service"), FieldPanel("package")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit"), FieldPanel("unit_price")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("line")
        verbose_name_plural = _("lines")

    def compute_total(self, currency: str) -> Decimal:
        return money.line_total(self.quantity, self.unit_price, currency)

    def clean(self):
        """A line whose total no column (and no deal) could hold is refused at its price."""
        super().clean()
        proposal = getattr(self, "proposal", None)
        problem = money.line_problem(
            self.quantity, self.unit_price, proposal.currency if proposal else Currency.RUB
        )
        if problem is not None:
            raise ValidationError({"unit_price": problem})


class ProposalCase(Orderable):
    proposal = ParentalKey(Proposal, on_delete=models.CASCADE, related_name="chosen_cases")
    case = models.ForeignKey(
        "cases.CasePage", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("case")]


#: the most hours a week one person can be planned for on one phase (a sane upper bound)
MAX_HOURS_PER_WEEK = Decimal(80)


class ProposalExpert(Orderable):
    """An expert on the proposal's team; the hours (or share of their week) and the phase say
    how much of their time the project takes once accepted (projects turns them into
    assignments, the experts' workload)."""

    proposal = ParentalKey(Proposal, on_delete=models.CASCADE, related_name="chosen_experts")
    expert = models.ForeignKey(
        "experts.ExpertPage", verbose_name=_("expert"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=160, blank=True)
    hours_per_week = models.DecimalField(
        _("hours a week"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS_PER_WEEK)],
        help_text=_("Hours a week on the project; or give a share of the expert's week."),
    )
    share_percent = models.PositiveSmallIntegerField(
        _("share of the week, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Used when no hours are given: the part of the expert's usual week."),
    )
    phase_number = models.PositiveSmallIntegerField(
        _("phase"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The number of the phase (1 = the first) the expert works on; empty = all."),
    )

    panels = [
        FieldPanel("expert"),
        FieldPanel("role"),
        FieldRowPanel(
            [FieldPanel("hours_per_week"), FieldPanel("share_percent"), FieldPanel("phase_number")]
        ),
    ]


class ProposalPhase(Orderable):
    """A stage of the work; its dates place the team's hours in the calendar."""

    proposal = ParentalKey(Proposal, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=160)
    duration = models.CharField(_("duration"), max_length=80, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True, validators=[sane_date])
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[sane_date])
    deliverables = models.TextField(_("deliverables"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("deliverables"),
    ]

    def clean(self):
        """Both dates or neither, the end not before the start."""
        super().clean()
        if (self.starts_on is None) != (self.ends_on is None):
            missing = "ends_on" if self.ends_on is None else "starts_on"
            raise ValidationError({missing: _("Give both the start and the end, or neither.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The phase cannot end before it starts.")})
