"""The request form: one set of fields and rules for the website form and the JSON API."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import phonenumbers

from .choices import BudgetRange, PreferredChannel

MAX_MESSAGE = 5000


def normalise_phone(value: str) -> str:
    """``8 (916) 123-45-67`` → ``+79161234567``; raises ValidationError when it is not a phone number."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Enter a phone number with its country code, e.g. +7 916 123-45-67."), code="phone"
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist; check the digits."), code="phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class LeadCaptureForm(forms.Form):
    """What a request must contain; ``lead_capture`` validates every request with it."""

    name = forms.CharField(label=_("Your name"), max_length=255)
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    company = forms.CharField(label=_("Company"), required=False, max_length=255)
    message = forms.CharField(
        label=_("What do you need?"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    budget = forms.ChoiceField(label=_("Budget"), required=False, choices=BudgetRange.choices)
    preferred_channel = forms.ChoiceField(
        label=_("How should we contact you?"),
        required=False,
        choices=[("", _("Any way")), *PreferredChannel.choices],
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"), required=True
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Tell us your name."), code="required")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("email") and not self.errors.get("phone"):
            if not cleaned.get("email") and not cleaned.get("phone"):
                error = _("Leave an email or a phone number so we can answer.")
                self.add_error("email", error)
                self.add_error("phone", error)
        return cleaned
