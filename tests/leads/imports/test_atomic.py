"""Each row all or nothing: a row the database refuses leaves nothing, the others are written."""

import pytest

from leads.models import Activity, Contact, Deal, ImportRecord
from tests.leads.imports.jobs import counts, email_taken_after_the_match, run

pytestmark = pytest.mark.django_db

ROWS = [
    ["Title", "Name", "Email"],
    ["One", "Anna", "anna@example.com"],
    ["Two", "Boris", "boris@example.com"],
    ["Three", "Vera", "vera@example.com"],
]


def test_a_refused_row_leaves_nothing_and_the_others_stay(monkeypatch):
    # Boris's email is taken between the match and the write (a request from the site)
    taken = email_taken_after_the_match(monkeypatch, "boris@example.com")
    job = run(ROWS)
    assert job.status == "done"
    assert counts(job) == {"created": 2, "updated": 0, "skipped": 0, "failed": 1}
    assert sorted(Deal.objects.values_list("title", flat=True)) == ["One", "Three"]
    assert list(Contact.objects.filter(email="boris@example.com")) == [taken]
    assert not Contact.objects.filter(name="Boris").exists()
    assert not ImportRecord.objects.filter(job=job, row=3).exists()
    assert Activity.objects.filter(data__import_job=job.pk).count() == 2
    text = job.failed_rows_file.open("rb").read().decode("utf-8-sig")
    assert "Boris" in text and "Anna" not in text


def test_invalid_rows_never_stop_the_valid_ones():
    job = run([*ROWS, ["Four", "Gleb", "not an email"]])
    assert counts(job) == {"created": 3, "updated": 0, "skipped": 0, "failed": 1}
    assert Deal.objects.count() == 3
