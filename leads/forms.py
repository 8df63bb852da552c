"""The request form: one set of fields and rules for the website form and the JSON API."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Layout, Row

from core.untrusted import strip_nul

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


class ConsentCheckbox(forms.CheckboxInput):
    """Hands a posted value holding a NUL to the field as it is (not as a tick) to be refused."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, str) and "\x00" in value:
            return value
        return super().value_from_datadict(data, files, name)


class ConsentField(forms.BooleanField):
    """The consent checkbox: a value holding a NUL is refused like in a text field (Django's
    ``BooleanField`` would take it as a tick, and PostgreSQL refuses it in the stored request)."""

    widget = ConsentCheckbox

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(
                ProhibitNullCharactersValidator.message, code="null_characters_not_allowed"
            )
        return super().to_python(value)


class MetadataField(forms.CharField):
    """A hidden field filled by our pages' scripts: a NUL in it is dropped and an overlong value
    cut, not shown to the visitor as an error they cannot fix (the request is kept)."""

    def to_python(self, value):
        return strip_nul(super().to_python(value))[: self.max_length]


class LeadCaptureForm(forms.Form):
    """What a request must contain: ``leads.services.lead_clean`` validates every request with
    it (the site's view with its subclass :class:`RequestForm`, handing over the cleaned data)."""

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
    consent = ConsentField(label=_("I agree to the processing of my personal data"), required=True)

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
        no_contact = not cleaned.get("email") and not cleaned.get("phone")
        if no_contact and not self.errors.get("email") and not self.errors.get("phone"):
            error = _("Leave an email or a phone number so we can answer.")
            self.add_error("email", error)
            self.add_error("phone", error)
        return cleaned


class RequestForm(LeadCaptureForm):
    """The public request form: the lead fields plus hidden context and spam traps."""

    source_page = MetadataField(required=False, max_length=20, widget=forms.HiddenInput)
    form_token = MetadataField(required=False, max_length=64, widget=forms.HiddenInput)
    started = MetadataField(required=False, max_length=200, widget=forms.HiddenInput)
    visitor_path = MetadataField(required=False, max_length=20_000, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS, filled by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, consent_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if consent_text:
            self.fields["consent"].label = consent_text

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the form is drawn, not for every post it only validates."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the form works without a CSRF cookie (serving/origin.py)
        helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("company", css_class="col-md-6")),
            Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            "message",
            Row(
                Column("budget", css_class="col-md-6"),
                Column("preferred_channel", css_class="col-md-6"),
            ),
            "consent",
            Div("website", css_class="vt-hp", aria_hidden="true"),
            "form_token",
            "visitor_path",
            # source_page and started differ per page and visitor: templates render them
            # outside the crispy layout, so the rest is cached once (serving/templatetags/fragments.py)
        )
        return helper
