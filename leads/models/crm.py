from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PreferredChannel


class Company(models.Model):
    """A client organisation: the deals and contacts that belong to it, and its timeline."""

    name = models.CharField(_("name"), max_length=255)
    website = models.URLField(_("website"), blank=True)
    industry = models.ForeignKey(
        "cases.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person who asked us something: found again by normalised email or phone."""

    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, db_index=True, help_text=_("E.164")
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=PreferredChannel.choices, blank=True
    )
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # refers to no page, image or document

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="unique_contact_email"
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=~models.Q(phone=""), name="unique_contact_phone"
            ),
        ]

    def __str__(self) -> str:
        return self.name
