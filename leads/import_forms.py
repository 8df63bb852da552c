"""The forms of Sales → Import: the upload, the columns' mapping and the values' mapping.

The mapping forms are built from the job (its columns, its distinct values): their field names
are indexes (``col_3``, ``val_2``), never the file's text, so a header or a value holding
anything (quotes, NUL, 10,000 characters) cannot collide with another field or break the page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import Currency

from .choices import ImportKind, ImportUpdateMode
from .models import LostReason, Pipeline, SavedMapping, Stage
from .services import imports as services
from .services.deals import sales_users
from .services.import_checks import VALUE_TARGETS

#: the presets of ``leads.imports.presets`` (keys fixed by its contract) with their labels
PRESET_CHOICES = [
    ("amocrm_deals", _("amoCRM export: deals")),
    ("amocrm_contacts", _("amoCRM export: contacts")),
    ("bitrix24_deals", _("Bitrix24 export: deals")),
    ("bitrix24_leads", _("Bitrix24 export: leads")),
    ("vitrina", _("Vitrina export")),
]
ENCODING_CHOICES = [
    ("", _("Guess")),
    ("utf-8", "UTF-8"),
    ("cp1251", "Windows-1251"),
    ("koi8_r", "KOI8-R"),
    ("utf_16", "UTF-16"),
    ("mac_cyrillic", "Mac Cyrillic"),
]
DELIMITER_CHOICES = [
    ("", _("Guess")),
    (",", _("Comma")),
    (";", _("Semicolon")),
    ("\t", _("Tab")),
    ("|", _("Vertical bar")),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (any delimiter; UTF-8 or Windows-1251), XLSX or ODS."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.ods,.xls"}),
    )
    kind = forms.ChoiceField(label=_("The rows are"), choices=ImportKind.choices)
    source = forms.ChoiceField(
        label=_("Columns"),
        required=False,
        help_text=_("A saved mapping, another CRM's export, or guessed from the headers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        saved = [
            (f"saved:{pk}", name)
            for pk, name in SavedMapping.objects.order_by("name").values_list("pk", "name")
        ]
        choices = [("", _("Guess from the headers")), (_("Presets"), PRESET_CHOICES)]
        if saved:
            choices.append((_("Saved mappings"), saved))
        self.fields["source"].choices = choices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB: split it into smaller files."),
                params={"mb": services.max_bytes() // (1024 * 1024)},
                code="too_big",
            )
        return upload

    def saved_mapping_and_preset(self) -> tuple[SavedMapping | None, str]:
        source = self.cleaned_data.get("source") or ""
        if source.startswith("saved:"):
            saved = SavedMapping.objects.filter(pk=int(source[6:])).first()
            if saved is None:
                raise forms.ValidationError(_("This saved mapping no longer exists."))
            return saved, ""
        return None, source


class MappingForm(forms.Form):
    """One select per column of the file, and the options of the run."""

    update_mode = forms.ChoiceField(
        label=_("Records found in Vitrina"),
        choices=ImportUpdateMode.choices,
        widget=forms.RadioSelect,
    )
    pipeline = forms.ModelChoiceField(
        label=_("Pipeline"),
        queryset=Pipeline.objects.all(),
        required=False,
        empty_label=_("The default pipeline"),
        help_text=_("For rows whose pipeline is not in the file."),
    )
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODING_CHOICES, required=False)
    delimiter = forms.ChoiceField(label=_("Delimiter"), choices=DELIMITER_CHOICES, required=False)
    save_as = forms.CharField(
        label=_("Save this mapping as"),
        max_length=120,
        required=False,
        help_text=_("Offered for the next file of the same shape."),
    )

    def __init__(self, *args, job, target_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        self.columns = []
        samples = job.options.get("samples") or []
        for index, header in enumerate(job.headers):
            name = f"col_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header,
                choices=[("", _("— skip —")), *target_choices],
                required=False,
                initial=job.mapping.get(str(index), ""),
            )
            self.columns.append(
                {
                    "index": index,
                    "header": header,
                    "samples": samples[index] if index < len(samples) else [],
                    "field": name,
                }
            )
        options = job.options
        self.initial.setdefault("update_mode", options.get("update_mode"))
        self.initial.setdefault("pipeline", options.get("pipeline"))
        self.initial.setdefault("encoding", options.get("encoding", ""))
        self.initial.setdefault("delimiter", options.get("delimiter", ""))

    def bound_columns(self):
        return [{**column, "bound": self[column["field"]]} for column in self.columns]

    def mapping(self) -> dict[str, str]:
        return {
            str(column["index"]): self.cleaned_data[column["field"]]
            for column in self.columns
            if self.cleaned_data.get(column["field"])
        }

    def options(self) -> dict:
        pipeline = self.cleaned_data.get("pipeline")
        return {
            "update_mode": self.cleaned_data["update_mode"],
            "pipeline": pipeline.pk if pipeline else "",
            "encoding": self.cleaned_data.get("encoding", ""),
            "delimiter": self.cleaned_data.get("delimiter", ""),
        }


def _value_choices(target: str, pipeline) -> list:
    if target == "deal.pipeline":
        return [("", _("The default pipeline"))] + [
            (str(pk), name) for pk, name in Pipeline.objects.values_list("pk", "name")
        ]
    if target == "deal.stage":
        stages = Stage.objects.select_related("pipeline").order_by(
            "pipeline__sort_order", "sort_order"
        )
        if pipeline is not None:
            stages = stages.filter(pipeline=pipeline)
        return [("", _("— an error on the row —"))] + [
            (str(stage.pk), f"{stage.pipeline.name}: {stage.name}") for stage in stages
        ]
    if target == "deal.owner":
        users = sales_users().order_by("first_name", "last_name", "username")
        return [("", _("Leave unassigned"))] + [
            (str(user.pk), user.get_full_name() or user.get_username()) for user in users
        ]
    if target == "deal.lost_reason":
        return [
            ("", _("No reason")),
            ("new", _("Create this reason")),
        ] + [(str(pk), name) for pk, name in LostReason.objects.values_list("pk", "name")]
    return [("", _("Russian rouble (₽)"))] + [
        choice for choice in Currency.choices if choice[0] != Currency.RUB
    ]


class ValuesForm(forms.Form):
    """One select per distinct value of the stage, pipeline, owner, reason and currency
    columns: ``groups`` lists them by target for the template."""

    def __init__(self, *args, job, distinct, guesses, pipeline=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        self.keys = []
        for target in VALUE_TARGETS:
            counter = distinct.get(target)
            if not counter:
                continue
            choices = _value_choices(target, pipeline)
            kept = job.value_mapping.get(target, {})
            guessed = guesses.get(target, {})
            rows = []
            for value, count in counter.most_common():
                name = f"val_{len(self.keys)}"
                self.keys.append((name, target, str(value)))
                initial = kept.get(str(value), guessed.get(str(value), ""))
                self.fields[name] = forms.ChoiceField(
                    label=str(value), choices=choices, required=False, initial=str(initial or "")
                )
                rows.append({"value": str(value), "count": count, "field": name})
            self.groups.append({"target": target, "rows": rows})

    def bound_groups(self):
        return [
            {**group, "rows": [{**row, "bound": self[row["field"]]} for row in group["rows"]]}
            for group in self.groups
        ]

    def value_mapping(self) -> dict:
        result: dict[str, dict[str, str]] = {}
        for name, target, value in self.keys:
            result.setdefault(target, {})[value] = self.cleaned_data.get(name) or ""
        return result
