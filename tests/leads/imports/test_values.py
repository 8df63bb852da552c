"""The file's stage/owner/… values with their counts, and the first guess of what they mean."""

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

import pytest

from leads.choices import StageKind
from leads.imports.reading import Table
from leads.imports.values import distinct_values, guess_values
from leads.models import Deal, LostReason, Pipeline
from leads.services.import_checks import check_value_mapping
from tests.leads.imports.jobs import run

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
    olga.groups.add(Group.objects.get(name="Sales"))
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


def test_owners_are_guessed_only_among_active_sales_users():
    """An editor or someone who has left Sales is not offered as a deal owner, even when the
    file names them exactly: the manager chooses (or leaves the deals unassigned)."""
    editor = User.objects.create_user("ed", "editor@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    gone = User.objects.create_user("gone", "gone@example.com", "pw", is_active=False)
    gone.groups.add(Group.objects.get(name="Sales"))
    boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
    pavel = User.objects.create_user("pavel", "pavel@example.com", "pw")
    pavel.groups.add(Group.objects.get(name="Sales managers"))
    distinct = {
        "deal.owner": {
            "editor@example.com": 1,
            "gone@example.com": 1,
            boss.email: 1,
            "pavel@example.com": 1,
        }
    }
    guessed = guess_values(distinct, pipeline=Pipeline.objects.get(is_default=True))
    assert guessed["deal.owner"] == {"pavel@example.com": str(pavel.pk)}


def test_a_chosen_owner_outside_sales_is_refused(sales_users):
    editor = User.objects.create_user("ed", "editor@example.com", "pw", first_name="Ed")
    editor.groups.add(Group.objects.get(name="Editors"))
    with pytest.raises(ValidationError, match="Ed is not an active member of Sales"):
        check_value_mapping({"deal.owner": {"Ed": str(editor.pk)}})
    olga = sales_users[0]
    olga.is_active = False
    olga.save()
    with pytest.raises(ValidationError, match="olga is not an active member of Sales"):
        check_value_mapping({"deal.owner": {"Olga": str(olga.pk)}})
    pavel = sales_users[1]
    assert check_value_mapping({"deal.owner": {"Pavel": str(pavel.pk), "Nobody": ""}}) == {
        "deal.owner": {"Pavel": str(pavel.pk), "Nobody": ""}
    }


def test_a_saved_owner_who_left_sales_leaves_the_deal_unassigned_with_a_warning(sales_users):
    olga = sales_users[0]
    olga.groups.clear()  # moved to another team since the mapping was saved
    rows = [["Title", "Name", "Owner"], ["Shop", "Anna", "Ольга"]]
    value_mapping = {"deal.owner": {"Ольга": str(olga.pk)}}
    preview = run(rows, dry_run=True, value_mapping=value_mapping).preview
    (row,) = preview["rows"]
    assert row["outcome"] == "created"
    assert any("no longer an active member of Sales" in note for note in row["notes"]), row
    run(rows, value_mapping=value_mapping)
    assert Deal.objects.get().owner is None
