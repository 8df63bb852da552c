from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PreferredChannel
from ..normalise import company_key


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
    tax_number = models.CharField(
        _("tax number"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("ИНН: 10 digits for an organisation, 12 for a sole proprietor."),
    )
    #: the name as matched on import (see ``leads.normalise.company_key``)
    name_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    #: the record's id in the system it was imported from ("amocrm:123"), for re-imports
    external_ref = models.CharField(
        _("external id"), max_length=120, blank=True, db_index=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = company_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)


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
    external_ref = models.CharField(
        _("external id"), max_length=120, blank=True, db_index=True, editable=False
    )
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
