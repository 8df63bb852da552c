"""Every Sales → Import URL × every role: only ``leads.run_import`` holders (Sales managers,
superusers) get in; the others change nothing and see none of the file's personal data.
Hostile input: forged, huge and garbage ids, NUL bytes, wrong methods, another user's job."""

from django.urls import reverse

import pytest

from leads.models import Deal, ImportJob, SavedMapping
from tests.leads.access import body
from tests.leads.imports import jobs
from tests.leads.imports.screens import DEALS, ROLES, SECRET_EMAIL, make_users, upload

HOLDERS = ("manager", "superuser")


@pytest.fixture
def world(db):
    users = make_users()
    done = jobs.run(DEALS, user=users["manager"], name="clients.csv")
    assert done.status == "done" and done.failed_rows_file  # row 3's phone is wrong
    waiting = jobs.make_job(DEALS, user=users["manager"], name="waiting.csv")
    waiting.options = {**waiting.options, "samples": [[SECRET_EMAIL]] * len(DEALS[0])}
    waiting.save()
    return {"users": users, "done": done, "waiting": waiting}


def state() -> tuple:
    """Everything a refused request must leave as it was."""
    return (
        list(ImportJob.objects.values().order_by("pk")),
        sorted(Deal.objects.values_list("pk", "title")),
        SavedMapping.objects.count(),
    )


def get_urls(world) -> list[tuple[str, str]]:
    done, waiting = world["done"].pk, world["waiting"].pk

    def url(name, *args):
        return reverse(f"leads_import:{name}", args=args)

    return [
        ("index", url("index")),
        ("job", url("job", done)),
        ("mapping", url("mapping", waiting)),
        ("values", url("values", waiting)),
        ("preview", url("preview", waiting)),
        ("failed rows", url("failed_rows", done)),
        ("undo check", url("undo", done)),
    ]


def post_urls(world) -> list[tuple[str, str, dict]]:
    done, waiting = world["done"].pk, world["waiting"].pk

    def url(name, *args):
        return reverse(f"leads_import:{name}", args=args)

    return [
        ("upload", url("index"), {"file": upload(), "kind": "deals"}),
        ("mapping", url("mapping", waiting), {"col_0": "deal.title", "update_mode": "overwrite"}),
        ("values", url("values", waiting), {"val_0": ""}),
        ("preview", url("preview", waiting), {}),
        ("start", url("start", waiting), {}),
        ("undo", url("undo", done), {}),
    ]


def log_in(client, world, role):
    if world["users"][role]:
        client.force_login(world["users"][role])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_and_leaks_nothing(client, world, role):
    log_in(client, world, role)
    failures = []
    for name, url in get_urls(world):
        response = client.get(url)
        text = body(response)
        if role in HOLDERS:
            if response.status_code not in (200, 302):
                failures.append(f"{name}: {response.status_code}")
            continue
        expected_location = "/admin/login/" if role == "anonymous" else "/admin/"
        if response.status_code not in (302, 403) or (
            response.status_code == 302 and not response["Location"].startswith(expected_location)
        ):
            failures.append(f"{name}: {response.status_code} {response.get('Location')}")
        if SECRET_EMAIL in text or "clients.csv" in text:
            failures.append(f"{name} shows the file's data")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "editor", "sales"])
def test_no_action_is_taken_for_a_role_without_the_permission(client, world, role):
    log_in(client, world, role)
    before = state()
    for name, url, data in post_urls(world):
        response = client.post(url, data)
        assert response.status_code in (302, 403), name
        assert state() == before, name


def test_the_menu_item_is_shown_to_import_holders_only(client, world):
    for role in ("editor", "sales", "manager", "superuser"):
        client.force_login(world["users"][role])
        page = body(client.get("/admin/"))
        shown = reverse("leads_import:index") in page
        assert shown == (role in HOLDERS), role


def test_the_failed_rows_file_is_served_to_holders_only_and_never_as_media(client, world):
    url = reverse("leads_import:failed_rows", args=[world["done"].pk])
    client.force_login(world["users"]["sales"])
    assert SECRET_EMAIL not in body(client.get(url))
    client.force_login(world["users"]["manager"])
    assert SECRET_EMAIL in body(client.get(url))
    # the private storage is not under the public media URL
    name = world["done"].failed_rows_file.name
    assert client.get(f"/media/{name}").status_code == 404
    # a job without failed rows has nothing to download
    waiting = reverse("leads_import:failed_rows", args=[world["waiting"].pk])
    assert client.get(waiting).status_code == 404


@pytest.mark.parametrize(
    "job_id", ["0", "-1", "abc", "1.5", "٣", "99999999999999999999999999", "9" * 400, "1%20"]
)
def test_garbage_ids_are_not_found(client, world, job_id):
    client.force_login(world["users"]["superuser"])
    for name in ("job", "mapping", "values", "preview", "failed_rows", "undo"):
        url = f"/admin/sales/import/{job_id}/" + (
            "" if name == "job" else f"{name.replace('_', '-')}/"
        )
        assert client.get(url).status_code == 404, (name, job_id)
    before = state()
    assert client.post(f"/admin/sales/import/{job_id}/start/").status_code == 404
    assert state() == before


def test_nul_bytes_in_the_url_and_the_form_are_refused(client, world):
    client.force_login(world["users"]["manager"])
    assert client.get("/admin/sales/import/1%00/").status_code in (400, 404)
    waiting = world["waiting"]
    before = state()
    response = client.post(
        reverse("leads_import:mapping", args=[waiting.pk]),
        {"col_0": "deal.title\x00", "update_mode": "fill_empty", "save_as": "bad\x00name"},
    )
    assert response.status_code == 200 and state() == before
    response = client.post(
        reverse("leads_import:index"), {"file": upload(), "kind": "deals\x00", "source": "\x00"}
    )
    assert response.status_code == 200 and state() == before


def test_wrong_methods_are_refused(client, world):
    client.force_login(world["users"]["manager"])
    before = state()
    waiting, done = world["waiting"].pk, world["done"].pk
    assert client.get(reverse("leads_import:start", args=[waiting])).status_code == 405
    assert client.put(reverse("leads_import:index")).status_code == 405
    assert client.delete(reverse("leads_import:undo", args=[done])).status_code == 405
    assert client.post(reverse("leads_import:job", args=[done])).status_code == 405
    assert client.post(reverse("leads_import:failed_rows", args=[done])).status_code == 405
    assert state() == before


def test_another_managers_job_is_shared_but_a_salespersons_attempt_is_not(client, world):
    """The import history is the team's: any holder sees and may undo any job (an import
    creates deals for every owner); a Sales user cannot reach a manager's job by its id."""
    done = world["done"]
    client.force_login(world["users"]["sales"])
    before = state()
    client.post(reverse("leads_import:undo", args=[done.pk]))
    assert state() == before
    client.force_login(world["users"]["other_manager"])
    assert "clients.csv" in body(client.get(reverse("leads_import:job", args=[done.pk])))
    client.post(reverse("leads_import:undo", args=[done.pk]))
    done.refresh_from_db()
    assert done.status == "undone" and done.undone_by == world["users"]["other_manager"]


def test_start_without_a_preview_and_a_preview_after_the_import_are_refused(client, world):
    client.force_login(world["users"]["manager"])
    before = state()
    response = client.post(reverse("leads_import:start", args=[world["waiting"].pk]), follow=True)
    assert "Preview the import first" in body(response)
    response = client.post(reverse("leads_import:preview", args=[world["done"].pk]), follow=True)
    assert "has started already" in body(response)
    assert state() == before
