"""core.bulk writes new rows as save() would leave them: defaults, times, JSON, ids in order."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from core.bulk import insert, insert_rows
from leads.choices import ActivityKind
from leads.models import Activity, Company

pytestmark = pytest.mark.django_db


def test_rows_get_their_ids_in_order_and_the_defaults_of_what_they_leave_out():
    before = timezone.now()
    ids = insert_rows(
        Company,
        [{"name": "Ромашка", "tax_number": "7707083893"}, {"name": "Lonely LLC"}],
        returning=True,
    )
    first, second = (Company.objects.get(pk=pk) for pk in ids)
    assert (first.name, first.tax_number) == ("Ромашка", "7707083893")
    assert (second.name, second.tax_number, second.website) == ("Lonely LLC", "", "")
    assert before <= first.created_at <= timezone.now()  # auto_now_add, as save() sets it


def test_a_callable_default_is_called_for_each_row_and_json_is_stored_as_json():
    moment = datetime.datetime(2024, 3, 1, 10, tzinfo=datetime.UTC)
    rows = [
        {"kind": ActivityKind.IMPORTED, "text": "a", "data": {"row": 2, "name": "Анна"}},
        {"kind": ActivityKind.IMPORTED, "text": "b", "created_at": moment},
    ]
    with CaptureQueriesContext(connection) as queries:
        assert insert_rows(Activity, rows) is None
    assert len(queries) == 1  # one statement for all the rows
    a, b = Activity.objects.order_by("text")
    assert a.data == {"row": 2, "name": "Анна"} and b.data == {}
    assert b.created_at == moment and a.created_at > moment


def test_rows_naming_a_relation_instead_of_its_column_are_written_through_instances():
    company = Company.objects.create(name="Acme")
    [pk] = insert_rows(Activity, [{"kind": ActivityKind.NOTE, "company": company}], returning=True)
    assert Activity.objects.get(pk=pk).company == company


def test_instances_are_marked_saved_with_their_ids():
    objs = insert([Company(name="One"), Company(name="Two")], returning=True)
    assert [
        obj.name for obj in Company.objects.filter(pk__in=[o.pk for o in objs]).order_by("pk")
    ] == [
        "One",
        "Two",
    ]
    assert not objs[0]._state.adding
