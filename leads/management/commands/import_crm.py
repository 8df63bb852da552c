"""``manage.py import_crm FILE --kind deals --mapping NAME [--dry-run]``: the Sales → Import run
from the command line, with a progress bar.

The job it makes is an ordinary import (``leads.services.imports.import_job_create``): it shows
in the import history and can be undone from the admin. Without ``--mapping`` the columns are
guessed from the headers (``--preset`` for an amoCRM or Bitrix24 export) and the stage, owner and
reason values from their names.
"""

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from leads.choices import ImportKind, ImportUpdateMode
from leads.imports import pipeline
from leads.models import Pipeline, SavedMapping
from leads.services.imports import import_job_create


class Command(BaseCommand):
    help = "Import contacts, companies or deals from a CSV, XLSX or ODS file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=ImportKind.values)
        parser.add_argument("--mapping", default="", help="A saved mapping's name.")
        parser.add_argument("--preset", default="", help="amocrm_deals, bitrix24_deals, vitrina…")
        parser.add_argument("--dry-run", action="store_true", help="Preview: write nothing.")
        parser.add_argument(
            "--update-mode",
            choices=ImportUpdateMode.values,
            default="",
            help="fill_empty (default)",
        )
        parser.add_argument("--user", default="", help="The email of who imports (history).")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        user = self._user(options["user"])
        saved = None
        if options["mapping"]:
            saved = SavedMapping.objects.filter(name=options["mapping"]).first()
            if saved is None:
                raise CommandError(
                    _("No saved mapping named “%(name)s”.") % {"name": options["mapping"]}
                )
        try:
            with open(path, "rb") as handle:
                job = import_job_create(
                    upload=File(handle, name=os.path.basename(path)),
                    kind=options["kind"],
                    user=user,
                    saved_mapping=saved,
                    preset=options["preset"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["update_mode"]:
            job.options["update_mode"] = options["update_mode"]
        if job.kind == ImportKind.DEALS and not job.value_mapping:
            job.value_mapping = _guessed_values(job)
        job.save(update_fields=["options", "value_mapping"])
        mapped = ", ".join(
            f"{job.headers[int(column)]} → {key}"
            for column, key in sorted(job.mapping.items(), key=lambda i: int(i[0]))
        )
        self.stdout.write(
            _("Import %(id)s: %(file)s; columns: %(columns)s")
            % {"id": job.pk, "file": job.filename, "columns": mapped or _("none")}
        )
        bar = None
        if not options["no_progress"]:
            from tqdm import tqdm

            bar = tqdm(total=0, unit="row", file=self.stderr._out, dynamic_ncols=True)

        def progress(done, total):
            if bar is not None:
                bar.total = total
                bar.n = done
                bar.refresh()

        pipeline.run(job, dry_run=options["dry_run"], progress=progress)
        if bar is not None:
            bar.close()
        job.refresh_from_db()
        counts = job.preview if options["dry_run"] else job.counts
        self.stdout.write(
            _(
                "%(status)s: created %(created)s, updated %(updated)s, skipped %(skipped)s, "
                "failed %(failed)s"
            )
            % {
                "status": job.get_status_display(),
                **{key: counts.get(key, 0) for key in ("created", "updated", "skipped", "failed")},
            }
        )
        if job.error:
            raise CommandError(job.error)
        for error in (job.preview.get("errors") or [])[:20] if options["dry_run"] else ():
            self.stdout.write(f"  {error}")
        if job.failed_rows_file:
            self.stdout.write(_("Failed rows: %(path)s") % {"path": job.failed_rows_file.path})

    def _user(self, email: str):
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user with the email %(email)s.") % {"email": email})
        if not user.has_perm("leads.run_import"):
            raise CommandError(
                _("%(email)s may not import (the “Can import” permission).") % {"email": email}
            )
        return user


def _guessed_values(job) -> dict:
    """The stage, owner, reason… values of the file guessed from their names (as the Values
    screen offers them first)."""
    from leads.imports.reading import open_table
    from leads.imports.values import distinct_values, guess_values

    default = Pipeline.objects.filter(pk=job.options.get("pipeline") or 0).first() or (
        Pipeline.objects.order_by("-is_default", "sort_order", "pk").first()
    )
    with job.file.open("rb") as handle:
        table = open_table(handle, filename=job.filename)
        distinct = distinct_values(table, job.mapping)
    return guess_values(distinct, pipeline=default)
