"""Small forms of the sales admin screens (each posts to one service function)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.untrusted import sane_date, sane_datetime

from .choices import ActivityKind, CustomFieldType, TaskKind
from .models import Contact, LostReason
from .permissions import can_merge_contacts, contact_policy


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (k, v) for k, v in ActivityKind.choices if k in ("note", "call", "meeting", "email")
        ],
    )
    text = forms.CharField(
        label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices)
    due_at = forms.DateTimeField(
        label=_("Due"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[sane_datetime],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_at"].initial = (timezone.localtime() + datetime.timedelta(days=1)).replace(
            minute=0, second=0, microsecond=0
        )


class MoveForm(forms.Form):
    stage = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Amount"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    lost_reason = forms.ModelChoiceField(
        label=_("Lost reason"), required=False, queryset=LostReason.objects.filter(is_active=True)
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


class CloseWonForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0)


class CloseLostForm(forms.Form):
    lost_reason = forms.ModelChoiceField(
        label=_("Reason"), queryset=LostReason.objects.filter(is_active=True)
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Duplicate to merge into this contact"), queryset=Contact.objects.none()
    )

    def __init__(self, *args, contact: Contact, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact, self.user = contact, user
        self.fields["duplicate"].queryset = contact_policy.scope(
            user, Contact.objects.exclude(pk=contact.pk).order_by("name")
        )

    def clean(self):
        duplicate = self.cleaned_data.get("duplicate")
        if duplicate and not can_merge_contacts(self.user, [self.contact, duplicate]):
            raise forms.ValidationError(
                _(
                    "Only a sales manager can merge these contacts: "
                    "some of their deals belong to colleagues."
                )
            )
        return self.cleaned_data


def custom_fields_form(pipeline, *, data=None, initial=None):
    """A form with one field per custom field of the pipeline."""
    fields = {}
    for custom in pipeline.custom_fields.all():
        common = {"label": custom.name, "required": custom.required}
        if custom.field_type == CustomFieldType.NUMBER:
            # A bound on digits: "1e999" passed as a number before and was stored as "1E+999".
            field = forms.DecimalField(max_digits=18, decimal_places=4, **common)
        elif custom.field_type == CustomFieldType.DATE:
            field = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}), validators=[sane_date], **common
            )
        elif custom.field_type == CustomFieldType.CHOICE:
            field = forms.ChoiceField(
                choices=[("", "—"), *[(c, c) for c in custom.choice_list]], **common
            )
        elif custom.field_type == CustomFieldType.BOOLEAN:
            field = forms.BooleanField(label=custom.name, required=custom.required)
        else:
            field = forms.CharField(max_length=1000, **common)
        fields[custom.key] = field
    form_class = type("CustomFieldsForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)
