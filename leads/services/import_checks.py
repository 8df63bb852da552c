"""The checks of a job's mapping before it is kept (``leads.services.imports``): every column
maps to a field of the kind, single-valued fields take one column, the kind's key fields are
mapped, and each mapped value names a row that still exists."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.choices import Currency
from core.formatting import person_name
from core.untrusted import storable_text

from ..choices import ImportKind
from ..imports import csv_reading, targets
from ..imports.context import VALUE_TARGETS
from ..models import LostReason, Pipeline, Stage
from .deals import sales_users

#: targets several columns may map to (the first valid phone wins; notes all go to the timeline)
MULTI_TARGETS = {"contact.phone", "note", ""}
#: per kind, the targets of which at least one must be mapped (a row needs something to match on)
REQUIRED = {
    ImportKind.CONTACTS: {
        "contact.name",
        "contact.first_name",
        "contact.last_name",
        "contact.email",
        "contact.phone",
    },
    ImportKind.COMPANIES: {"company.name", "company.tax_number"},
    ImportKind.DEALS: {"deal.title", "company.name", "contact.name", "contact.email"},
}
#: encodings and delimiters a person may force when the guess was wrong: UTF-8 and the ones the
#: reader guesses among
ENCODINGS = ("utf-8", *csv_reading.ENCODINGS)
DELIMITERS = tuple(csv_reading.DELIMITERS)


def check_mapping(job, mapping: dict[str, str], pipeline_obj) -> None:
    keys = {target.key for target in targets.targets_for(job.kind, pipeline=pipeline_obj)}
    if job.kind == ImportKind.DEALS and pipeline_obj is None:
        # each row names its pipeline; the cleaner checks the field against that one
        keys |= {target.key for target in targets.every_custom_target()}
    seen: dict[str, str] = {}
    errors = []
    for index, key in mapping.items():
        if not (index.isdigit() and int(index) < len(job.headers)):
            errors.append(_("The file has no such column."))
            continue
        if key and key not in keys:
            errors.append(
                _("Unknown field for column %(column)s.") % {"column": job.headers[int(index)]}
            )
        elif key not in MULTI_TARGETS and key in seen:
            errors.append(
                _("Columns %(first)s and %(second)s both map to the same field: keep one.")
                % {"first": seen[key], "second": job.headers[int(index)]}
            )
        seen.setdefault(key, job.headers[int(index)] if index.isdigit() else index)
    if not REQUIRED[job.kind] & set(mapping.values()):
        errors.append(
            {
                ImportKind.CONTACTS: _("Map a column to the contact's name, email or phone."),
                ImportKind.COMPANIES: _("Map a column to the company's name or tax number."),
                ImportKind.DEALS: _(
                    "Map a column to the deal's title, the company's name or the contact's "
                    "name or email."
                ),
            }[job.kind]
        )
    if errors:
        raise ValidationError(errors, code="mapping")


def _check_owner(choice: str) -> None:
    """A deal goes only to someone who may own one (``sales_users``): not to an editor, nor to
    someone who has left."""
    user = get_user_model().objects.filter(pk=choice).first() if choice.isdigit() else None
    if user is None:
        raise ValidationError(_("A chosen value no longer exists: choose again."), code="value")
    if not sales_users().filter(pk=user.pk).exists():
        raise ValidationError(
            _(
                "%(user)s is not an active member of Sales and cannot own deals: choose "
                "someone else or leave the deals unassigned."
            )
            % {"user": person_name(user)},
            code="owner",
        )


def check_value_mapping(value_mapping) -> dict:
    """Only the value targets, each value mapped to an id of a row that exists, "" or "new"."""
    allowed = {
        "deal.pipeline": {str(pk) for pk in Pipeline.objects.values_list("pk", flat=True)},
        "deal.stage": {str(pk) for pk in Stage.objects.values_list("pk", flat=True)},
        "deal.lost_reason": {str(pk) for pk in LostReason.objects.values_list("pk", flat=True)}
        | {"new"},
        "deal.currency": set(Currency.values),
    }
    clean = {}
    for target, values in (value_mapping or {}).items():
        if target not in VALUE_TARGETS or not isinstance(values, dict):
            continue
        kept = {}
        for value, choice in values.items():
            choice = str(choice or "")
            if choice and target in allowed and choice not in allowed[target]:
                raise ValidationError(
                    _("A chosen value no longer exists: choose again."), code="value"
                )
            if choice and target == "deal.owner":
                _check_owner(choice)
            kept[storable_text(str(value))] = choice
        clean[target] = kept
    return clean
