"""Edits of a deal's own fields that follow a rule outside the stage machine (``deals``):
its owner, whose open tasks go along, and its pipeline's custom fields."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.formatting import person_name

from ..choices import ActivityKind
from ..models import Deal
from .deals import activity_log


@transaction.atomic
def deal_reassign(*, deal: Deal, owner, user=None) -> Deal:
    """Hand a deal to another owner (or to nobody): the open tasks the previous owner held on it
    go along, so they leave the previous owner's list, and the timeline says who took it."""
    previous = deal.owner
    if previous == owner:
        return deal
    deal.owner = owner
    deal.save(update_fields=["owner"])
    deal.tasks.open().filter(assignee=previous).update(assignee=owner)
    activity_log(
        kind=ActivityKind.NOTE,
        text=_("Owner: %(previous)s → %(owner)s")
        % {
            "previous": person_name(previous, _("Unassigned")),
            "owner": person_name(owner, _("Unassigned")),
        },
        deal=deal,
        author=user,
    )
    return deal


@transaction.atomic
def deal_set_custom_values(*, deal: Deal, values: dict[str, Any], user=None) -> Deal:
    """Store the values of the deal's pipeline's custom fields (cleaned by the deal page's form).

    A key the pipeline does not define, or a required field left empty, is a field error; dates
    and numbers are kept as the text JSON can hold. The row is locked so that two people saving
    the card at once do not interleave."""
    deal = Deal.objects.select_for_update(of=("self",)).select_related("pipeline").get(pk=deal.pk)
    fields = {custom.key: custom for custom in deal.pipeline.custom_fields.all()}
    errors = {}
    for key in values:
        if key not in fields:
            errors[key] = _("This pipeline has no such field.")
    for key, custom in fields.items():
        value = values.get(key)
        if custom.required and (value is None or value == "" or value is False):
            errors[key] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    deal.custom_values = json.loads(json.dumps(values, default=str))
    deal.save(update_fields=["custom_values"])
    return deal
