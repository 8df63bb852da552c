"""The import's business actions, called by the Sales → Import screens and ``import_crm``.

What they do:

- ``import_job_create(*, upload, kind, user, saved_mapping=None, preset="") -> ImportJob``:
  checks the size, reads the header (``ReadError`` → the form's message), stores the file in
  the private storage, guesses the mapping (saved mapping > preset > aliases);
- ``import_job_configure(*, job, mapping, value_mapping, options, user, save_as="")``: checks
  the mapping (what each kind requires, one column per single-valued field) and keeps it;
  ``save_as`` keeps it as a :class:`SavedMapping`;
- ``import_preview(*, job, user)``: the dry run (inline for small files, else the task);
- ``import_start(*, job, user)``: queues the run (``leads.tasks.import_job_run``);
- ``import_undo(*, job, user)``: ``leads.imports.undo``.

Every action locks the job's row and checks its status first, so a double submit (two tabs, a
second click) is refused with a message instead of running an import twice. The tasks are
queued through ``leads.signals.import_job_queued`` (``leads.queue`` enqueues them once the job
row committed): services never import tasks (``leads.signals``' docstring says why).
"""

import hashlib
import logging
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.untrusted import storable_text

from ..choices import ImportKind, ImportStatus, ImportUpdateMode
from ..imports import pipeline, reading, targets, undo
from ..models import ImportJob, Pipeline, SavedMapping
from ..signals import import_job_queued
from .import_checks import (
    DELIMITERS,
    ENCODINGS,
    check_mapping,
    check_value_mapping,
)

logger = logging.getLogger(__name__)

#: samples kept per column for the Columns screen, and how much of each
SAMPLES = 3
SAMPLE_CHARS = 80
#: statuses in which the mapping may still change and a preview may run (and a failed preview)
EDITABLE = (ImportStatus.UPLOADED, ImportStatus.PREVIEWED)


def is_editable(job) -> bool:
    """Nothing written yet: uploaded, previewed, or its preview failed (a failed import may
    have committed chunks: it can be undone, not mapped again)."""
    return job.status in EDITABLE or (
        job.status == ImportStatus.FAILED and job.options.get("dry_run", True)
    )


def is_undoable(job) -> bool:
    """A finished import, or one that stopped after committing some chunks."""
    return job.status == ImportStatus.DONE or (
        job.status == ImportStatus.FAILED and job.options.get("dry_run") is False
    )


def max_bytes() -> int:
    return getattr(settings, "LEADS_IMPORT_MAX_BYTES", 50 * 1024 * 1024)


def inline_rows() -> int:
    return getattr(settings, "LEADS_IMPORT_INLINE_ROWS", 2000)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _scan(table) -> tuple[list[list[str]], int]:
    """The first non-empty values of each column (the Columns screen shows them without reading
    the file again) and the number of rows, counted up to ``inline_rows() + 1`` only: enough to
    tell a small file (run at once) from a large one (run by the worker)."""
    samples: list[list[str]] = [[] for _ in table.headers]
    count = 0
    limit = inline_rows()
    for _row, cells in table.rows():
        count += 1
        for index, cell in enumerate(cells[: len(samples)]):
            if cell not in (None, "") and len(samples[index]) < SAMPLES:
                samples[index].append(storable_text(str(cell))[:SAMPLE_CHARS])
        if count > limit:
            break
    return samples, count


def _valid_mapping(mapping, headers) -> dict[str, str]:
    """A saved or guessed mapping reduced to the columns this file has."""
    return {
        str(index): str(key)
        for index, key in (mapping or {}).items()
        if str(index).isdigit() and int(index) < len(headers) and key
    }


def import_job_create(*, upload, kind, user, saved_mapping=None, preset="") -> ImportJob:
    """A new job for ``upload``, its header read and its mapping guessed; refused with a
    message when the file is too big, empty or unreadable (nothing stored then)."""
    if kind not in ImportKind.values:
        raise ValidationError(_("Choose what the rows of the file are."), code="kind")
    size = getattr(upload, "size", 0) or 0
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB: split it into smaller files.")
            % {"mb": limit // (1024 * 1024)},
            code="too_big",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    filename = storable_text(os.path.basename(getattr(upload, "name", "") or ""))[:255] or "file"
    upload.seek(0)
    table = reading.open_table(upload, filename=filename)
    samples, rows = _scan(table)
    if saved_mapping is not None and saved_mapping.kind != kind:
        raise ValidationError(
            _("The saved mapping “%(name)s” is for %(kind)s: choose another.")
            % {"name": saved_mapping.name, "kind": saved_mapping.get_kind_display().lower()},
            code="kind",
        )
    if saved_mapping is not None:
        mapping = _valid_mapping(saved_mapping.mapping, table.headers)
        value_mapping = dict(saved_mapping.value_mapping or {})
        options = dict(saved_mapping.options or {})
        preset = saved_mapping.preset
    else:
        guessed = targets.guess_mapping(table.headers, kind, preset=preset or None)
        mapping = _valid_mapping(guessed, table.headers)
        value_mapping, options = {}, {}
    options.setdefault("update_mode", ImportUpdateMode.FILL_EMPTY)
    options.setdefault("time_zone", settings.TIME_ZONE)
    options.update(
        {
            "preset": preset or "",
            "info": {key: str(value) for key, value in (table.info or {}).items()},
            "warnings": [str(warning) for warning in table.warnings],
            "samples": samples,
            "large": rows > inline_rows(),
        }
    )
    job = ImportJob(
        kind=kind,
        filename=filename,
        file_size=size,
        file_sha256=_sha256(upload),
        headers=[storable_text(str(header)) for header in table.headers],
        mapping=mapping,
        value_mapping=value_mapping,
        options=options,
        saved_mapping=saved_mapping,
        rows_total=0 if rows > inline_rows() else rows,
        created_by=user,
    )
    extension = os.path.splitext(filename)[1].lower()[:10]
    upload.seek(0)
    job.file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
    try:
        job.save()
    except Exception:
        job.file.delete(save=False)
        raise
    return job


def _locked(job, allowed, message) -> ImportJob:
    """The job's row locked until the transaction ends, refused unless ``allowed(job)``: the
    second of two submits waits for the first, then finds the status changed."""
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not allowed(locked):
        raise ValidationError(message, code="status")
    return locked


def reading_changed(job, options) -> bool:
    """Whether the person chose another encoding or delimiter than the file was read with."""
    return any(
        (options.get(key) or "") != (job.options.get(key) or "")
        for key in ("encoding", "delimiter")
    )


def import_job_reread(*, job, encoding="", delimiter="", user) -> ImportJob:
    """Read the file again with the chosen encoding and delimiter (the guess was wrong): new
    headers, samples and a mapping guessed for them; refused with the reader's message."""
    if encoding and encoding not in ENCODINGS:
        raise ValidationError(_("Choose an encoding from the list."), code="encoding")
    if delimiter and delimiter not in DELIMITERS:
        raise ValidationError(_("Choose a delimiter from the list."), code="delimiter")
    with job.file.open("rb") as handle:
        table = reading.open_table(
            handle,
            filename=job.filename,
            encoding=encoding or None,
            delimiter=delimiter or None,
        )
        samples, rows = _scan(table)
    preset = job.options.get("preset") or None
    with transaction.atomic():
        job = _locked(job, is_editable, _("This import has started already."))
        job.headers = [storable_text(str(header)) for header in table.headers]
        job.mapping = _valid_mapping(
            targets.guess_mapping(table.headers, job.kind, preset=preset), table.headers
        )
        options = {**job.options, "samples": samples, "large": rows > inline_rows()}
        options["warnings"] = [str(warning) for warning in table.warnings]
        for key, value in (("encoding", encoding), ("delimiter", delimiter)):
            if value:
                options[key] = value
            else:
                options.pop(key, None)
        job.options = options
        job.rows_total = 0 if rows > inline_rows() else rows
        job.status = ImportStatus.UPLOADED
        job.preview = {}
        job.error = ""
        job.save()
    return job


def import_job_configure(*, job, mapping, value_mapping=None, options=None, user, save_as=""):
    """Keep the job's mapping (and value mapping and options) once checked; an earlier preview
    is dropped, since it no longer says what the import will do."""
    options = dict(options or {})
    pipeline_obj = None
    if options.get("pipeline"):
        pipeline_obj = Pipeline.objects.filter(pk=options["pipeline"]).first()
        if pipeline_obj is None:
            raise ValidationError(_("This pipeline no longer exists."), code="pipeline")
    if options.get("update_mode", ImportUpdateMode.FILL_EMPTY) not in ImportUpdateMode.values:
        raise ValidationError(_("Choose how matched records are updated."), code="update_mode")
    if options.get("encoding") and options["encoding"] not in ENCODINGS:
        raise ValidationError(_("Choose an encoding from the list."), code="encoding")
    if options.get("delimiter") and options["delimiter"] not in DELIMITERS:
        raise ValidationError(_("Choose a delimiter from the list."), code="delimiter")
    mapping = {str(index): str(key) for index, key in (mapping or {}).items() if key}
    with transaction.atomic():
        job = _locked(
            job, is_editable, _("This import has started already: its mapping cannot change.")
        )
        check_mapping(job, mapping, pipeline_obj)
        job.mapping = mapping
        if value_mapping is not None:
            job.value_mapping = check_value_mapping(value_mapping)
        kept = {key: value for key, value in job.options.items() if key not in options}
        job.options = {**kept, **{k: v for k, v in options.items() if v not in (None, "")}}
        for key in ("pipeline", "encoding", "delimiter"):
            if options.get(key) in (None, "") and key in options:
                job.options.pop(key, None)
        job.status = ImportStatus.UPLOADED
        job.preview = {}
        job.error = ""
        job.save(
            update_fields=["mapping", "value_mapping", "options", "status", "preview", "error"]
        )
        if save_as:
            name = storable_text(save_as).strip()[:120]
            taken = ValidationError(
                _("A saved mapping with this name exists: choose another name."), code="save_as"
            )
            if SavedMapping.objects.filter(name=name).exists():
                raise taken
            try:
                # a savepoint: two people saving the same name at once meet the unique index
                with transaction.atomic():
                    saved = SavedMapping.objects.create(
                        name=name,
                        kind=job.kind,
                        preset=job.options.get("preset", ""),
                        headers_signature=headers_signature(job.headers),
                        mapping=job.mapping,
                        value_mapping=job.value_mapping,
                        options={
                            key: job.options[key]
                            for key in (
                                "update_mode",
                                "pipeline",
                                "encoding",
                                "delimiter",
                                "time_zone",
                            )
                            if key in job.options
                        },
                        created_by=user,
                    )
            except IntegrityError:
                raise taken from None
            job.saved_mapping = saved
            job.save(update_fields=["saved_mapping"])
    return job


def headers_signature(headers) -> str:
    normalised = "\x1f".join(str(header).strip().casefold() for header in headers)
    return hashlib.sha256(normalised.encode()).hexdigest()


def _run_or_queue(job, *, dry_run: bool) -> None:
    """Small files run at once (the person waits a second or two); large ones by the worker.
    Called once the job's QUEUED status committed: the worker must find it, and a second
    submit meanwhile is refused by the status check."""
    if job.options.get("large"):
        import_job_queued.send(sender=ImportJob, job_id=job.pk, dry_run=dry_run)
        return
    try:
        pipeline.run(job, dry_run=dry_run)
    except ValidationError as error:  # the file cannot be read as now set up (encoding…)
        _stopped(job, "; ".join(error.messages))
    except Exception:
        logger.exception("Import %s stopped", job.pk)
        _stopped(job, _("The import stopped on an unexpected error."))


def _stopped(job, message: str) -> None:
    """A run that raised is marked failed with the reason shown on its page: a preview wrote
    nothing; an import's committed chunks stay, listed in its records, and can be undone."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, error=message, finished_at=timezone.now()
    )


def import_preview(*, job, user) -> ImportJob:
    """The dry run: what each row would become, and every error, with nothing written."""
    with transaction.atomic():
        job = _locked(job, is_editable, _("This import has started already."))
        pk = job.options.get("pipeline")
        check_mapping(job, job.mapping, Pipeline.objects.filter(pk=pk).first() if pk else None)
        job.status = ImportStatus.QUEUED
        job.options = {**job.options, "dry_run": True}
        job.preview = {}
        job.error = ""
        job.save(update_fields=["status", "options", "preview", "error"])
    _run_or_queue(job, dry_run=True)
    job.refresh_from_db()
    return job


def import_start(*, job, user) -> ImportJob:
    """Queue the import itself; only after a preview, and only once."""
    with transaction.atomic():
        job = _locked(
            job,
            lambda locked: locked.status == ImportStatus.PREVIEWED,
            _("Preview the import first; an import that started cannot start again."),
        )
        job.status = ImportStatus.QUEUED
        job.options = {**job.options, "dry_run": False}
        job.started_at = timezone.now()
        job.rows_done = 0
        job.save(update_fields=["status", "options", "started_at", "rows_done"])
    _run_or_queue(job, dry_run=False)
    job.refresh_from_db()
    return job


def import_undo_check(*, job) -> undo.UndoCheck:
    return undo.check(job)


def import_undo(*, job, user) -> ImportJob:
    """Delete what the job created and restore what it updated (``leads.imports.undo``)."""
    with transaction.atomic():
        job = _locked(job, is_undoable, _("Only a finished import can be undone."))
        undo.undo(job, user=user)
    job.refresh_from_db()
    return job


def failed_rows_content(job):
    """The failed rows file of a finished job, or ``None`` when there is none."""
    if not job.failed_rows_file:
        return None
    try:
        return job.failed_rows_file.open("rb")
    except (FileNotFoundError, OSError):
        return None
