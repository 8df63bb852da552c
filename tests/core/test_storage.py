"""Files with personal data (uploaded imports) have no URL: they reach a person through a view."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

import pytest

from leads.models import ImportJob

pytestmark = pytest.mark.django_db


def test_an_uploaded_import_file_has_no_url():
    job = ImportJob(kind="contacts", filename="people.csv", headers=["Name"])
    job.file.save("people.csv", ContentFile(b"Name\nAnna\n"), save=False)
    job.save()
    assert job.file.storage is storages["imports"]
    with job.file.open("rb") as handle:
        assert handle.read() == b"Name\nAnna\n"  # kept and readable by the import
    with pytest.raises(ValueError, match="no URL"):
        job.file.url  # noqa: B018 — the attribute is what a template would print
