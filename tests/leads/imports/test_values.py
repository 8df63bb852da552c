"""The file's stage/owner/… values with their counts, and the first guess of what they mean."""

from django.contrib.auth.models import User

import pytest

from leads.choices import StageKind
from leads.imports.reading import Table
from leads.imports.values import distinct_values, guess_values
from leads.models import LostReason, Pipeline

pytestmark = pytest.mark.django_db


def table(headers, rows):
    return Table(headers, {}, [], lambda: iter(enumerate(rows, start=2)))


def test_distinct_values_counts_and_caps():
    rows = [["Переговоры", "Ольга"], ["Переговоры", " Ольга "], ["Успешно реализовано", ""]]
    rows += [[f"Этап {n}", None] for n in range(10)]
    found = distinct_values(
        table(["Этап", "Отв"], rows), {"0": "deal.stage", "1": "deal.owner"}, cap=3
    )
    assert found["deal.stage"]["Переговоры"] == 2
    assert len([v for v in found["deal.stage"] if v]) == 3 and found["deal.stage"][None] == 9
    assert found["deal.owner"] == {"Ольга": 2}


def test_guess_values():
    olga = User.objects.create_user(
        "olga", "olga@example.com", "pw", first_name="Ольга", last_name="Смирнова"
    )
    pipeline = Pipeline.objects.get(is_default=True)
    first = pipeline.stages.order_by("sort_order").first()
    won = pipeline.stages.get(kind=StageKind.WON)
    lost = pipeline.stages.get(kind=StageKind.LOST)
    reason = LostReason.objects.first()
    distinct = {
        "deal.stage": {first.name.upper(): 1, "Успешно реализовано": 2, "Закрыто и не реализовано": 1,
                       "Сделка успешна": 1, "Непонятно": 1},
        "deal.owner": {"OLGA@example.com": 1, "Смирнова Ольга": 1, "Кто-то": 1},
        "deal.lost_reason": {reason.name: 1, "Дорого очень": 1},
        "deal.currency": {"Российский рубль": 1, "$": 1, "тугрик": 1},
    }  # fmt: skip
    guessed = guess_values(distinct, pipeline=pipeline)
    assert guessed["deal.stage"] == {
        first.name.upper(): str(first.pk),
        "Успешно реализовано": str(won.pk),
        "Закрыто и не реализовано": str(lost.pk),
        "Сделка успешна": str(won.pk),
    }
    assert guessed["deal.owner"] == {
        "OLGA@example.com": str(olga.pk),
        "Смирнова Ольга": str(olga.pk),
    }
    assert guessed["deal.lost_reason"] == {reason.name: str(reason.pk), "Дорого очень": "new"}
    assert guessed["deal.currency"] == {"Российский рубль": "RUB", "$": "USD"}
