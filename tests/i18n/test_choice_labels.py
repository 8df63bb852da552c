"""Every choice list reads in Russian: each label translated, no two labels of a list alike.

A salesperson picks a contact channel, a budget, a stage kind or a task kind from these lists;
a label left in English or two options shown with the same word ("Meeting" translated as
"Маркетинг", the same word as "Marketing") make the choice a guess.
"""

import inspect

from django.db import models
from django.utils import translation

import pytest

from cases import choices as case_choices
from catalog import choices as catalog_choices
from core import choices as core_choices
from experts import choices as expert_choices
from leads import choices as lead_choices
from proposals import choices as proposal_choices

MODULES = [
    lead_choices,
    proposal_choices,
    core_choices,
    catalog_choices,
    case_choices,
    expert_choices,
]
#: labels that read the same in both languages
SAME_IN_RUSSIAN = {"B2B", "B2C", "—"}


def choice_lists():
    """Every TextChoices / IntegerChoices class defined in the apps' choices modules."""
    found = []
    for module in MODULES:
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, models.Choices) and value.__module__ == module.__name__:
                found.append(value)
    return found


CHOICE_LISTS = choice_lists()


def test_the_lists_named_in_the_sales_flow_are_all_checked():
    names = {choices.__name__ for choices in CHOICE_LISTS}
    assert {
        "PreferredChannel",
        "TaskKind",
        "StageKind",
        "DealStatus",
        "Qualification",
        "ActivityKind",
        "BudgetRange",
        "ProposalMilestone",
        "SpamStatus",
        "CustomFieldType",
        "ProposalStatus",
        "LineUnit",
        "Currency",
        "ServiceTypeCode",
    } <= names


@pytest.mark.parametrize("choices", CHOICE_LISTS, ids=lambda choices: choices.__name__)
def test_labels_are_translated_and_distinct_in_russian(choices):
    with translation.override("en"):
        english = [str(label) for label in choices.labels]
    with translation.override("ru"):
        russian = [str(label) for label in choices.labels]

    untranslated = [
        label
        for label, source in zip(russian, english, strict=True)
        if label == source and source not in SAME_IN_RUSSIAN
    ]
    assert not untranslated, f"{choices.__name__}: not translated: {untranslated}"
    duplicates = sorted({label for label in russian if russian.count(label) > 1})
    assert not duplicates, f"{choices.__name__}: the same Russian label twice: {duplicates}"


def test_a_meeting_is_a_meeting():
    with translation.override("ru"):
        assert str(lead_choices.PreferredChannel.MEETING.label) == "Встреча"
        assert str(lead_choices.TaskKind.MEETING.label) == "Встреча"
        assert str(lead_choices.ActivityKind.MEETING.label) == "Встреча"
