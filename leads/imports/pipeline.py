"""The import run: the file's rows in chunks, each cleaned, matched, decided and written.

What it offers:

- ``run(job, *, dry_run: bool, progress=None) -> None``: reads ``job.file`` with
  ``reading.open_job_table`` (``job.options`` encoding/delimiter), cleans every row with
  ``cleaning.clean_row``, matches it (``matching``), decides created / updated / skipped /
  failed and, unless ``dry_run``, writes it (``writing``): each row all or nothing, invalid rows
  never stop the valid ones. It keeps ``job.rows_total``/``rows_done`` current (the progress
  bar), and at the end ``job.preview`` (dry run: counts and the first rows' outcomes and every
  error, up to a limit) or ``job.counts``, ``job.failed_rows_file`` and the job's
  ``ImportRecord`` rows, and ``job.status``. ``progress(done, total)`` is called after each
  chunk (the command's progress bar).

``job.preview`` (and, after a real run, ``job.counts``) hold ``{"created", "updated",
"skipped", "failed"}``; the preview adds ``rows`` (the first :data:`PREVIEW_ROWS` rows:
``{"row", "outcome", "title", "notes"}``) and ``errors`` (up to :data:`MAX_ERRORS` texts such as
"row 214, column Телефон: '8 (800)' is not a phone number") with ``errors_total``.

Why chunks: SQLite holds its write lock for one chunk (~0.2 s), so requests from the site get it
in between; a worker restarted mid-file goes on from ``rows_done`` (a replayed row is skipped as
unchanged anyway: the fingerprints).
"""

import itertools
import logging
import time
from collections import Counter

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ImportStatus
from ..models import ImportJob
from ..signals import deals_bulk_written
from .deciding import RowPlan, decide
from .matching import ChunkIndex, fingerprint
from .writing import failed_rows_file, write_chunk

logger = logging.getLogger(__name__)

CHUNK_ROWS = 500
PREVIEW_ROWS = 200
MAX_ERRORS = 1000
OUTCOMES = ("created", "updated", "skipped", "failed")
#: seconds spent in each step of the runs of this process (the bench prints them): wall time,
#: and this process's CPU time (what the step costs whatever else the machine is doing)
TIMINGS: Counter = Counter()
CPU_TIMINGS: Counter = Counter()


class _Outcome:
    """What the run has seen so far: counts, the preview's rows, the errors, the failed rows."""

    def __init__(self, job: ImportJob, *, resume: bool):
        kept = job.counts if resume else {}
        self.counts = {name: int(kept.get(name, 0)) for name in OUTCOMES}
        self.rows: list[dict] = []
        self.errors: list[str] = []
        self.errors_total = 0
        self.failed: list[tuple[list, str]] = []

    def row(self, plan: RowPlan) -> None:
        self.counts[plan.outcome] += 1
        if len(self.rows) < PREVIEW_ROWS:
            self.rows.append(
                {"row": plan.row, "outcome": plan.outcome, "title": plan.title, "notes": plan.notes}
            )

    def fail(self, row: int, cells: list, messages: list[str]) -> None:
        self.counts["failed"] += 1
        self.errors_total += len(messages)
        room = MAX_ERRORS - len(self.errors)
        self.errors.extend(messages[: max(room, 0)])
        if len(self.rows) < PREVIEW_ROWS:
            self.rows.append({"row": row, "outcome": "failed", "title": "", "notes": messages})
        self.failed.append((cells, "; ".join(messages)))


def run(job: ImportJob, *, dry_run: bool, progress=None) -> None:
    from .cleaning import CleanContext
    from .reading import ReadError, open_job_table

    resume = not dry_run and job.status == ImportStatus.RUNNING and job.rows_done > 0
    outcome = _Outcome(job, resume=resume)
    job.started_at = job.started_at if resume else timezone.now()
    if not dry_run:
        job.status = ImportStatus.RUNNING
    job.error = ""
    job.save(update_fields=["status", "started_at", "error"])
    try:
        with job.file.open("rb") as handle:
            table = open_job_table(job, handle)
            if not job.rows_total:
                job.rows_total = sum(1 for _row in table.rows())
            if not resume:
                job.rows_done = 0
            job.save(update_fields=["rows_total", "rows_done"])
            context = CleanContext.for_job(job)
            _run_rows(job, table, context, outcome, dry_run=dry_run, progress=progress)
    except ReadError as error:
        _finish(job, outcome, dry_run=dry_run, headers=[], error=" ".join(error.messages))
        return
    except Exception:
        logger.exception("import %s stopped", job.pk)
        _finish(
            job,
            outcome,
            dry_run=dry_run,
            headers=[],
            error=_("The import stopped on an unexpected error; the rows before it are kept."),
        )
        return
    _finish(job, outcome, dry_run=dry_run, headers=table.headers)


def _run_rows(job, table, context, outcome: _Outcome, *, dry_run: bool, progress) -> None:
    from .cleaning import clean_row
    from .deal_cleaning import WARNINGS

    index = ChunkIndex(job)
    skip = job.rows_done
    rows = itertools.islice(table.rows(), skip, None)
    done = skip
    clock, cpu = time.perf_counter(), time.process_time()

    def lap(step: str) -> None:
        nonlocal clock, cpu
        now, now_cpu = time.perf_counter(), time.process_time()
        TIMINGS[step] += now - clock
        CPU_TIMINGS[step] += now_cpu - cpu
        clock, cpu = now, now_cpu

    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        lap("read")
        cleaned = []
        for number, cells in chunk:
            row = clean_row(cells, row=number, context=context)
            row.warnings.extend(row.deal.pop(WARNINGS, ()))
            if row.ok:
                row.fingerprint = fingerprint(
                    job.kind, row.contact, row.company, row.deal, row.custom
                )
                cleaned.append(row)
            else:
                outcome.fail(number, row.cells, [str(error) for error in row.errors])
        lap("clean")
        index.load(cleaned)
        lap("match")
        plans = []
        for row in cleaned:
            plan = decide(job, row, index, context)
            if plan.errors:
                outcome.fail(row.row, row.cells, plan.errors)
            else:
                plans.append(plan)
        lap("decide")
        if not dry_run:
            written, failed = write_chunk(job, plans)
            lap("write")
            for plan, message in failed:
                text = _("row %(row)s: %(error)s") % {"row": plan.row, "error": message}
                outcome.fail(plan.row, plan.cells, [text])
            plans = written
            index.seen.clear()
            deal_ids = [
                plan.deal.pk for plan in written if plan.deal is not None and plan.primary_written
            ]
            if deal_ids:
                deals_bulk_written.send(sender=ImportJob, deal_ids=deal_ids)
            lap("analytics")
        for plan in plans:
            outcome.row(plan)
        done += len(chunk)
        job.rows_done = done
        job.rows_total = max(job.rows_total, done)
        if not dry_run:
            job.counts = outcome.counts
        job.save(update_fields=["rows_done", "rows_total", "counts"])
        if progress is not None:
            progress(done, job.rows_total)
        lap("progress")


def _finish(job, outcome: _Outcome, *, dry_run: bool, headers: list[str], error: str = "") -> None:
    job.error = error
    job.finished_at = timezone.now()
    fields = ["error", "finished_at", "status", "preview", "counts", "failed_rows_file"]
    if dry_run:
        job.preview = {
            **outcome.counts,
            "rows": sorted(outcome.rows, key=lambda item: item["row"]),
            "errors": outcome.errors,
            "errors_total": outcome.errors_total,
        }
        job.status = ImportStatus.FAILED if error else ImportStatus.PREVIEWED
    else:
        job.counts = outcome.counts
        job.status = ImportStatus.FAILED if error else ImportStatus.DONE
        if outcome.failed and headers:
            xlsx = job.filename.lower().endswith((".xlsx", ".xlsm"))
            name = f"failed-{job.pk}.{'xlsx' if xlsx else 'csv'}"
            job.failed_rows_file.save(
                name, ContentFile(failed_rows_file(headers, outcome.failed, xlsx=xlsx)), save=False
            )
    job.save(update_fields=fields)
