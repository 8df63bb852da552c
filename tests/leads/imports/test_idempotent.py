"""The same file twice changes nothing; a matched record is filled, never blanked."""

import pytest

from leads.models import Company, Contact, Deal, ImportRecord
from tests.leads.imports.jobs import counts, run

pytestmark = pytest.mark.django_db

HEAD = ["Title", "Amount", "Name", "Email", "Phone", "Position", "Company", "INN"]
ROWS = [
    HEAD,
    [
        "Shop",
        "100",
        "Anna",
        "anna@example.com",
        "+7 916 123-45-67",
        "",
        "ООО Ромашка",
        "7707083893",
    ],
    ["Site", "200", "Anna", "ANNA@example.com", "", "CEO", "Ромашка", ""],
    ["Audit", "", "", "", "", "", "Лютик", ""],  # no contact: one named after the company
    [
        "Shop",
        "100",
        "Anna",
        "anna@example.com",
        "+7 916 123-45-67",
        "",
        "ООО Ромашка",
        "7707083893",
    ],
]


def test_same_deals_file_twice_creates_nothing_the_second_time():
    first = run(ROWS)
    assert first.status == "done", first.error
    # the fourth row repeats the first: the same deal (its fingerprint), not a second one
    assert Deal.objects.count() == 3
    assert Contact.objects.count() == 2  # Anna once (rows 2, 3 and 5), the Лютик stand-in
    assert Company.objects.count() == 2
    anna = Contact.objects.get(email="anna@example.com")
    assert anna.position == "CEO"  # row 3 completed what row 2 created
    second = run(ROWS)
    assert counts(second) == {"created": 0, "updated": 0, "skipped": 4, "failed": 0}
    assert (Deal.objects.count(), Contact.objects.count(), Company.objects.count()) == (3, 2, 2)
    assert not ImportRecord.objects.filter(job=second).exists()


def test_dry_run_of_a_file_already_imported_says_skipped():
    run(ROWS)
    preview = run(ROWS, dry_run=True)
    assert counts(preview) == {"created": 0, "updated": 0, "skipped": 4, "failed": 0}


@pytest.mark.parametrize(("mode", "position"), [("fill_empty", "CEO"), ("overwrite", "CTO")])
def test_matched_contact_is_filled_or_overwritten_never_blanked(mode, position):
    Contact.objects.create(name="Anna", email="anna@example.com", position="CEO")
    job = run(
        [
            ["Name", "Email", "Phone", "Position"],
            ["", "Anna@example.com", "+7 916 123-45-67", "CTO"],
        ],
        kind="contacts",
        options={"update_mode": mode},
    )
    assert counts(job) == {"created": 0, "updated": 1, "skipped": 0, "failed": 0}
    anna = Contact.objects.get()
    assert (anna.name, anna.position, anna.phone) == ("Anna", position, "+79161234567")


def test_phone_of_another_contact_is_not_taken():
    Contact.objects.create(name="Anna", email="anna@example.com")
    Contact.objects.create(name="Boris", phone="+79161234567")
    job = run(
        [["Name", "Email", "Phone"], ["Anna", "anna@example.com", "+7 916 123-45-67"]],
        kind="contacts",
        dry_run=True,
    )
    assert counts(job)["failed"] == 0
    assert any("two contacts" in note for note in job.preview["rows"][0]["notes"])
    job = run(
        [["Name", "Email", "Phone"], ["Anna", "anna@example.com", "+7 916 123-45-67"]],
        kind="contacts",
    )
    assert job.status == "done"
    assert Contact.objects.get(name="Anna").phone == ""
    assert Contact.objects.get(name="Boris").phone == "+79161234567"
