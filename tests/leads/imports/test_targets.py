"""Columns are guessed from English and Russian headers, whatever their case and punctuation."""

from django.utils import translation

import pytest

from leads.choices import ImportKind
from leads.imports.targets import guess_mapping, header_key, targets_for
from leads.models import CustomField, Pipeline


def test_header_key_ignores_case_yo_and_punctuation():
    assert header_key(" Бюджет, ₽ ") == "бюджет"
    assert header_key("E-MAIL") == header_key("e mail")
    assert header_key("Ещё поле") == "еще поле"


def test_guess_deals_in_english_and_russian():
    headers = [
        "Deal title",
        "AMOUNT",
        "Stage",
        "Owner",
        "Created",
        "E-mail",
        "Телефон",
        "ИНН",
        "Comment",
        "???",
    ]
    mapping = guess_mapping(headers, ImportKind.DEALS)
    assert mapping == {
        0: "deal.title",
        1: "deal.amount",
        2: "deal.stage",
        3: "deal.owner",
        4: "deal.created_at",
        5: "contact.email",
        6: "contact.phone",
        7: "company.tax_number",
        8: "note",
    }


def test_one_column_per_single_target_several_for_phones():
    mapping = guess_mapping(["Сумма", "Бюджет", "Телефон", "Мобильный телефон"], ImportKind.DEALS)
    assert mapping == {0: "deal.amount", 2: "contact.phone", 3: "contact.phone"}


def test_kind_decides_what_a_header_means():
    assert guess_mapping(["Name", "ID", "Phone"], ImportKind.COMPANIES) == {
        0: "company.name",
        1: "company.external_ref",
        2: "company.phone",
    }
    assert guess_mapping(["Name", "ID"], ImportKind.CONTACTS) == {
        0: "contact.name",
        1: "contact.external_ref",
    }
    # a contacts file has no deal targets
    assert guess_mapping(["Бюджет"], ImportKind.CONTACTS) == {}


def test_target_labels_in_both_languages_map_back():
    with translation.override("ru"):
        label = str(
            next(t.label for t in targets_for(ImportKind.DEALS) if t.key == "deal.lost_reason")
        )
    assert guess_mapping([label], ImportKind.DEALS) == {0: "deal.lost_reason"}


@pytest.mark.django_db
def test_custom_fields_of_the_pipeline_are_targets():
    pipeline = Pipeline.objects.get(is_default=True)
    CustomField.objects.create(
        pipeline=pipeline, name="Бюджет проекта по смете", key="estimate", field_type="number"
    )
    keys = [t.key for t in targets_for(ImportKind.DEALS, pipeline=pipeline)]
    assert "custom.estimate" in keys
    assert guess_mapping(["бюджет проекта по смете"], ImportKind.DEALS, pipeline=pipeline) == {
        0: "custom.estimate"
    }
