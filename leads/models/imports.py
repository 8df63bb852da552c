"""Imports of contacts, companies and deals from a spreadsheet or another CRM's export.

An :class:`ImportJob` is one uploaded file with its mapping and its outcome (the import history);
an :class:`ImportRecord` is one object the job created or updated, with the values it replaced,
so that the job can be undone; a :class:`SavedMapping` is a mapping kept for the next file of the
same shape. The uploaded files hold personal data: they live in the private ``imports`` storage,
never under the public media URL."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ImportKind, ImportRecordAction, ImportStatus


def private_imports_storage():
    """The storage of uploaded files and failed-rows files (not served by the web server)."""
    return storages["imports"]


class SavedMapping(models.Model):
    """A mapping of columns (and of stage/owner values) kept to be used again."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("rows are"), max_length=20, choices=ImportKind.choices)
    preset = models.CharField(_("preset"), max_length=40, blank=True)
    #: a hash of the normalised headers: a new file with the same columns is offered this mapping
    headers_signature = models.CharField(max_length=64, blank=True, db_index=True)
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    value_mapping = models.JSONField(_("values"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("saved mapping")
        verbose_name_plural = _("saved mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """One file being imported: what it is, how its columns map, and what came of it."""

    kind = models.CharField(_("rows are"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    file = models.FileField(
        _("file"), upload_to="uploads/%Y/%m/", storage=private_imports_storage, max_length=255
    )
    filename = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    #: sha256 of the file's bytes: the same file uploaded again is recognised
    file_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    #: the file's column headers as read (encoding, delimiter and sheet as in ``options``)
    headers = models.JSONField(_("columns of the file"), default=list, blank=True)
    #: {column index as text: target field key}
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    #: {target field key: {value in the file: what it means here}} (stages, owners, reasons…)
    value_mapping = models.JSONField(_("values"), default=dict, blank=True)
    #: update mode, pipeline, encoding, delimiter, time zone…
    options = models.JSONField(_("options"), default=dict, blank=True)
    saved_mapping = models.ForeignKey(
        SavedMapping,
        verbose_name=_("saved mapping"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    #: {"created": n, "updated": n, "skipped": n, "failed": n}
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    #: the dry run's outcome: counts and the first rows' outcomes and errors
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    failed_rows_file = models.FileField(
        _("failed rows"),
        upload_to="failed/%Y/%m/",
        storage=private_imports_storage,
        max_length=255,
        blank=True,
    )
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        permissions = [("run_import", _("Can import contacts, companies and deals"))]

    def __str__(self) -> str:
        return self.filename


class ImportRecord(models.Model):
    """One object an import created or updated: ``before`` holds the values it replaced (undo
    restores them), ``after`` the values it wrote (undo keeps later edits), ``fingerprint`` the
    row it came from (the same row imported again changes nothing)."""

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import"), on_delete=models.CASCADE, related_name="records"
    )
    row = models.PositiveIntegerField(_("row"))
    model = models.CharField(_("record type"), max_length=20)  # "contact", "company", "deal"…
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(_("action"), max_length=10, choices=ImportRecordAction.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        indexes = [
            models.Index(fields=["model", "object_id"], name="leads_importrec_object"),
            models.Index(fields=["job", "row"], name="leads_importrec_job_row"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row} {self.action} {self.model} {self.object_id}"
