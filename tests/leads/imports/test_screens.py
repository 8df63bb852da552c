"""Sales → Import as a manager uses it: upload, columns, values, preview, import, result, undo."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from leads.models import Deal, ImportJob, SavedMapping
from tests.leads.imports.screens import DEALS, SECRET_EMAIL, make_users, stage, upload


@pytest.fixture
def users(db):
    return make_users()


@pytest.fixture
def manager_client(client, users):
    client.force_login(users["manager"])
    return client


def _upload(client, rows=None, **data):
    return client.post(
        reverse("leads_import:index"),
        {"file": upload(rows), "kind": "deals", "source": "", **data},
    )


def _map_and_preview(client, job):
    """Accept the guessed columns, map the stages, run the preview."""
    response = client.post(
        reverse("leads_import:mapping", args=[job.pk]),
        {
            **{f"col_{index}": key for index, key in job.mapping.items()},
            "update_mode": "fill_empty",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert response["Location"] == reverse("leads_import:values", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "New request" in page and "Paid" in page
    job.refresh_from_db()
    response = client.post(
        reverse("leads_import:values", args=[job.pk]),
        {"val_0": str(stage("New request").pk), "val_1": str(stage("Paid").pk)},
    )
    assert response["Location"] == reverse("leads_import:preview", args=[job.pk])
    client.post(reverse("leads_import:preview", args=[job.pk]))
    job.refresh_from_db()
    return job


def test_upload_stores_the_file_privately_and_guesses_the_columns(manager_client, users):
    response = _upload(manager_client)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("leads_import:mapping", args=[job.pk])
    assert job.created_by == users["manager"] and job.filename == "crm.csv"
    assert job.headers == DEALS[0]
    assert job.mapping["0"] == "deal.title" and job.mapping["4"] == "contact.email"
    assert str(settings.MEDIA_ROOT) not in job.file.path  # never under the public media URL
    page = manager_client.get(response["Location"]).content.decode()
    assert "Website for Retail Co" in page  # a sample of the column
    assert 'name="col_0"' in page


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "empty.csv", "The submitted file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls", "XLSX"),
        (b"Name\x00,Email\n\x00\x00\x00", "nul.csv", "not a text file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(
    manager_client, content, name, message
):
    response = manager_client.post(
        reverse("leads_import:index"),
        {"file": upload(name=name, content=content), "kind": "deals"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_refused(manager_client, settings):
    settings.LEADS_IMPORT_MAX_BYTES = 1024 * 1024
    rows = [DEALS[0]] + [DEALS[1]] * 20_000
    response = _upload(manager_client, rows)
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_mapping_refuses_two_columns_for_one_field_and_a_forged_target(manager_client):
    _upload(manager_client)
    job = ImportJob.objects.get()
    url = reverse("leads_import:mapping", args=[job.pk])
    page = manager_client.post(
        url, {"col_0": "deal.title", "col_3": "deal.title", "update_mode": "fill_empty"}
    ).content.decode()
    assert "both map to the same field" in page
    page = manager_client.post(
        url, {"col_0": "deal.__class__", "update_mode": "fill_empty"}
    ).content.decode()
    assert "Select a valid choice" in page
    job.refresh_from_db()
    assert job.mapping["0"] == "deal.title" and job.mapping["3"] == "contact.name"


def test_upload_preview_import_result_and_undo(manager_client, users):
    _upload(manager_client)
    job = _map_and_preview(manager_client, ImportJob.objects.get())
    assert job.status == "previewed"
    assert not Deal.objects.filter(title="Audit").exists()  # the dry run writes nothing
    page = manager_client.get(reverse("leads_import:preview", args=[job.pk])).content.decode()
    assert "row 3, column Phone" in page  # every error with its row and column
    assert "Website for Retail Co" in page
    assert 'data-count="created">2<' in page and 'data-count="failed">1<' in page

    response = manager_client.post(reverse("leads_import:start", args=[job.pk]))
    assert response["Location"] == reverse("leads_import:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.counts["created"] == 2 and job.counts["failed"] == 1
    assert set(Deal.objects.values_list("title", flat=True)) == {"Website for Retail Co", "Shop"}
    won = Deal.objects.get(title="Website for Retail Co")
    assert won.stage == stage("Paid") and won.amount == 150000

    # a second submit of the same form imports nothing twice
    response = manager_client.post(reverse("leads_import:start", args=[job.pk]), follow=True)
    assert "Preview the import first" in response.content.decode()
    assert Deal.objects.count() == 2

    page = manager_client.get(reverse("leads_import:job", args=[job.pk])).content.decode()
    assert 'data-count="created">2<' in page and "Undo this import" in page
    download = manager_client.get(reverse("leads_import:failed_rows", args=[job.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    rows = b"".join(download.streaming_content).decode("utf-8-sig")
    assert SECRET_EMAIL in rows and "Error" in rows and "Anna Petrova" not in rows

    index = manager_client.get(reverse("leads_import:index")).content.decode()
    assert "crm.csv" in index and "Imported" in index

    page = manager_client.get(reverse("leads_import:undo", args=[job.pk])).content.decode()
    assert "Undo the import" in page
    response = manager_client.post(reverse("leads_import:undo", args=[job.pk]))
    assert response["Location"] == reverse("leads_import:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "undone" and job.undone_by == users["manager"]
    assert not Deal.objects.exists()
    # undoing twice is refused, and nothing else changes
    response = manager_client.post(reverse("leads_import:undo", args=[job.pk]), follow=True)
    assert "Only a finished import can be undone" in response.content.decode()


def test_a_started_import_cannot_be_mapped_again(manager_client):
    _upload(manager_client)
    job = _map_and_preview(manager_client, ImportJob.objects.get())
    manager_client.post(reverse("leads_import:start", args=[job.pk]))
    response = manager_client.post(
        reverse("leads_import:mapping", args=[job.pk]),
        {"col_0": "", "update_mode": "overwrite"},
    )
    assert response["Location"] == reverse("leads_import:job", args=[job.pk])
    job.refresh_from_db()
    assert job.mapping["0"] == "deal.title" and job.options["update_mode"] == "fill_empty"
    response = manager_client.post(reverse("leads_import:preview", args=[job.pk]), follow=True)
    assert "has started already" in response.content.decode()
    assert ImportJob.objects.get().status == "done"


def test_a_saved_mapping_is_offered_and_used_for_the_next_file(manager_client):
    _upload(manager_client)
    job = ImportJob.objects.get()
    manager_client.post(
        reverse("leads_import:mapping", args=[job.pk]),
        {
            "col_0": "deal.title",
            "col_4": "contact.email",
            "col_6": "company.name",
            "update_mode": "overwrite",
            "save_as": "Old CRM",
        },
    )
    saved = SavedMapping.objects.get(name="Old CRM")
    assert saved.mapping == {"0": "deal.title", "4": "contact.email", "6": "company.name"}
    assert "Old CRM" in manager_client.get(reverse("leads_import:index")).content.decode()
    _upload(manager_client, source=f"saved:{saved.pk}")
    second = ImportJob.objects.latest("pk")
    assert second.mapping == saved.mapping and second.saved_mapping == saved
    assert second.options["update_mode"] == "overwrite"
    # the same name again is refused with a message, not an error page
    page = manager_client.post(
        reverse("leads_import:mapping", args=[second.pk]),
        {"col_0": "deal.title", "update_mode": "fill_empty", "save_as": "Old CRM"},
    ).content.decode()
    assert "A saved mapping with this name exists" in page


def test_the_history_takes_the_same_queries_for_more_imports(manager_client):
    """The history lists who imported what: one query for the jobs with their people."""
    url = reverse("leads_import:index")
    for _ in range(2):
        _upload(manager_client)
    manager_client.get(url)
    with CaptureQueriesContext(connection) as few:
        manager_client.get(url)
    for _ in range(6):
        _upload(manager_client)
    with CaptureQueriesContext(connection) as more:
        page = manager_client.get(url).content.decode()
    assert page.count("crm.csv") == 8
    assert len(more) == len(few), [query["sql"] for query in more.captured_queries]


def test_a_large_file_runs_in_the_worker_and_its_page_reloads_itself(manager_client, settings):
    settings.LEADS_IMPORT_INLINE_ROWS = 2  # the test's three rows make a "large" file
    _upload(manager_client)
    job = ImportJob.objects.get()
    assert job.options["large"] is True
    job = _map_and_preview(manager_client, job)  # queued: the tests' backend runs it at once
    assert job.status == "previewed" and job.preview["created"] == 2
    ImportJob.objects.filter(pk=job.pk).update(status="running", rows_done=1, rows_total=3)
    page = manager_client.get(reverse("leads_import:job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress max="100" value="33"' in page and "1 of 3 rows" in page
    ImportJob.objects.filter(pk=job.pk).update(status="previewed")
    manager_client.post(reverse("leads_import:start", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and Deal.objects.count() == 2
    page = manager_client.get(reverse("leads_import:job", args=[job.pk])).content.decode()
    assert "http-equiv" not in page


def test_choosing_the_encoding_reads_the_headers_again(manager_client):
    rows = [["Название", "Email"], ["Сайт для Ромашки", "anna@example.com"]]
    text = "\n".join(";".join(row) for row in rows).encode("cp1251")
    manager_client.post(
        reverse("leads_import:index"),
        {"file": upload(name="old.csv", content=text), "kind": "deals"},
    )
    job = ImportJob.objects.get()
    url = reverse("leads_import:mapping", args=[job.pk])
    response = manager_client.post(
        url, {"update_mode": "fill_empty", "encoding": "koi8_r", "delimiter": ";"}
    )
    assert response["Location"] == url  # read again: the person checks the new columns
    job.refresh_from_db()
    assert job.options["encoding"] == "koi8_r" and job.headers[0] != "Название"
    manager_client.post(url, {"update_mode": "fill_empty", "encoding": "cp1251", "delimiter": ";"})
    job.refresh_from_db()
    assert job.headers == ["Название", "Email"]
    assert job.options["samples"][0] == ["Сайт для Ромашки"]
    assert job.mapping == {"0": "deal.title", "1": "contact.email"}
    page = manager_client.get(url).content.decode()
    assert "Сайт для Ромашки" in page and "The file was read again" in page


def test_a_saved_mapping_of_another_kind_and_a_preview_without_key_columns_are_refused(
    manager_client, users
):
    saved = SavedMapping.objects.create(name="Contacts of the old CRM", kind="contacts")
    page = _upload(manager_client, source=f"saved:{saved.pk}").content.decode()
    assert "is for contacts: choose another" in page
    assert not ImportJob.objects.exists()
    _upload(manager_client)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(mapping={"1": "deal.amount"})
    response = manager_client.post(reverse("leads_import:preview", args=[job.pk]), follow=True)
    assert "Map a column to the deal&#x27;s title" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "uploaded" and not job.preview


def test_a_mapping_name_saved_at_the_same_moment_elsewhere_gives_the_form_message(
    manager_client, monkeypatch
):
    """Two managers save the same name at once: both pass the check, the second meets the
    unique index, and gets the form's message instead of an error page."""
    from django.db.models import QuerySet

    _upload(manager_client)
    job = ImportJob.objects.get()
    SavedMapping.objects.create(name="Old CRM", kind="deals")
    exists = QuerySet.exists
    monkeypatch.setattr(
        QuerySet, "exists", lambda qs: False if qs.model is SavedMapping else exists(qs)
    )
    response = manager_client.post(
        reverse("leads_import:mapping", args=[job.pk]),
        {"col_0": "deal.title", "update_mode": "fill_empty", "save_as": "Old CRM"},
    )
    assert response.status_code == 200
    assert "A saved mapping with this name exists" in response.content.decode()
    job.refresh_from_db()
    assert job.saved_mapping is None
