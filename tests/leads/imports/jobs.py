"""Import jobs for the pipeline tests: a CSV written in the test, mapped by header."""

import csv
import io

from django.core.files.base import ContentFile

from leads.imports import pipeline
from leads.models import ImportJob

DEAL_HEADERS = {
    "Title": "deal.title",
    "Amount": "deal.amount",
    "Stage": "deal.stage",
    "Created": "deal.created_at",
    "Closed": "deal.closed_at",
    "Owner": "deal.owner",
    "Source": "deal.source",
    "Lost reason": "deal.lost_reason",
    "Deal id": "deal.external_ref",
    "Name": "contact.name",
    "Email": "contact.email",
    "Phone": "contact.phone",
    "Position": "contact.position",
    "Company": "company.name",
    "INN": "company.tax_number",
    "Note": "note",
}


def csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def make_job(
    rows: list[list], *, kind="deals", user=None, options=None, value_mapping=None, name="crm.csv"
):
    headers = [str(cell) for cell in rows[0]]
    job = ImportJob(kind=kind, filename=name, created_by=user, headers=headers)
    job.mapping = {str(i): DEAL_HEADERS[h] for i, h in enumerate(headers) if h in DEAL_HEADERS}
    job.value_mapping = value_mapping or {}
    job.options = {"update_mode": "fill_empty", **(options or {})}
    job.file.save(name, ContentFile(csv_bytes(rows)), save=False)
    job.save()
    return job


def run(rows, *, dry_run=False, **kwargs) -> ImportJob:
    job = make_job(rows, **kwargs)
    pipeline.run(job, dry_run=dry_run)
    job.refresh_from_db()
    return job


def counts(job) -> dict:
    source = job.preview if job.status == "previewed" else job.counts
    return {key: source.get(key, 0) for key in ("created", "updated", "skipped", "failed")}


def email_taken_after_the_match(monkeypatch, email: str):
    """A contact with ``email`` created between the match and the write (a request from the
    site): the chunk's write is refused and replayed row by row. Returns that contact."""
    from leads.imports import matching
    from leads.models import Contact

    taken = Contact.objects.create(name="Someone", email=email)
    load = matching.ChunkIndex.load

    def load_without(self, rows):
        load(self, rows)
        self.contacts.pop(("contact", "email", email), None)

    monkeypatch.setattr(matching.ChunkIndex, "load", load_without)
    return taken
