"""The client's confirmation of a case: a private link sent to the client, and their answer
(the results, a testimonial, a score, what may be published), kept verbatim with the consent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Publication


class ClientConfirmation(models.Model):
    """One link sent for a case and the one answer it takes. The answer goes into a draft
    revision of the case; ``answer`` keeps it as the client sent it, so an editor who saved
    over that revision can still read (and apply again) what the client wrote."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    case = models.ForeignKey(
        "cases.CasePage",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    link_expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.JSONField(_("answer as sent"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    publication = models.CharField(
        _("publication allowed"), max_length=12, choices=Publication.choices, blank=True
    )
    may_be_reference = models.BooleanField(_("may act as a reference"), default=False)
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_ip = models.GenericIPAddressField(_("consent address"), null=True, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("case revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("client confirmation")
        verbose_name_plural = _("client confirmations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return str(self.case)
