"""A sales manager imports deals from a spreadsheet: upload → columns → values → preview →
import → result → undo, in chromium."""

from django.contrib.auth.models import Group, User

import pytest

from leads.models import Deal, ImportJob
from tests.leads.imports.jobs import csv_bytes
from tests.leads.imports.screens import DEALS, stage


@pytest.mark.django_db(transaction=True)
def test_upload_map_preview_import_undo(live_server, screenshot, page):
    manager = User.objects.create_user("maria", "maria@example.com", "secret-pass-1")
    manager.groups.add(Group.objects.get(name="Sales managers"))
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "maria")
    page.fill("input[name=password]", "secret-pass-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/sales/import/")
    page.set_input_files(
        "input[name=file]",
        {"name": "old-crm.csv", "mimeType": "text/csv", "buffer": csv_bytes(DEALS)},
    )
    page.select_option("select[name=kind]", "deals")
    screenshot("14-import-upload")
    page.get_by_role("button", name="Upload and map the columns").click()
    page.wait_for_url("**/admin/sales/import/*/mapping/")
    # the columns guessed from the headers, each with its first values
    assert page.locator("select[name=col_0]").input_value() == "deal.title"
    assert page.locator("select[name=col_4]").input_value() == "contact.email"
    assert "Website for Retail Co" in page.locator("table.listing").inner_text()
    screenshot("14-import-columns")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/admin/sales/import/*/values/")
    values = page.locator("form.vt-import-values")
    assert "New request" in values.inner_text() and "Paid" in values.inner_text()
    for name, label in (("val_0", "New request"), ("val_1", "Paid")):
        page.select_option(f"select[name={name}]", str(stage(label).pk))
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/admin/sales/import/*/preview/")
    page.get_by_role("button", name="Preview", exact=True).click()
    page.locator(".vt-import-errors").wait_for()
    assert "row 3, column Phone" in page.locator(".vt-import-errors").inner_text()
    assert page.locator("dd[data-count=created]").inner_text() == "2"
    assert not Deal.objects.exists()  # the preview writes nothing
    screenshot("14-import-preview")
    page.get_by_role("button", name="Import", exact=True).click()

    page.wait_for_url("**/admin/sales/import/*/")
    assert page.locator("dd[data-count=created]").inner_text() == "2"
    assert page.locator("dd[data-count=failed]").inner_text() == "1"
    assert page.get_by_role("link", name="Download the failed rows").is_visible()
    assert Deal.objects.count() == 2
    screenshot("14-import-result")

    page.get_by_role("link", name="Undo this import").click()
    page.wait_for_url("**/admin/sales/import/*/undo/")
    page.get_by_role("button", name="Undo the import").click()
    page.wait_for_url("**/admin/sales/import/*/")
    assert "The import was undone." in page.content()
    assert ImportJob.objects.get().status == "undone"
    assert not Deal.objects.exists()
    page.goto(live_server.url + "/admin/sales/import/")
    assert "Undone" in page.locator("table.vt-import-history").inner_text()
    screenshot("14-import-history")
