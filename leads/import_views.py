"""Sales → Import: upload → columns → values → preview → import → result → undo.

Thin views: every action is in ``leads.services.imports``. Every view needs
``leads.run_import`` (Sales managers, superusers): an import creates deals of any owner and its
file holds every client's personal data. Job ids come from the URL as text and go through
``parse_positive_int``, so garbage, signs or huge numbers are a 404, never a 500.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin.auth import permission_required

from core.untrusted import parse_positive_int

from .choices import ImportKind, ImportStatus
from .import_forms import MappingForm, UploadForm, ValuesForm
from .imports import reading, targets, values
from .models import ImportJob, Pipeline
from .services import imports as services
from .services.import_checks import VALUE_TARGETS

PERMISSION = "leads.run_import"
#: jobs listed in the history under the upload form
HISTORY_SIZE = 50
#: seconds between the automatic reloads of a queued or running job's page
REFRESH_SECONDS = 3


def _job_or_404(job_id: str) -> ImportJob:
    pk = parse_positive_int(job_id)
    job = ImportJob.objects.select_related("created_by", "undone_by").filter(pk=pk).first()
    if pk is None or job is None:
        raise Http404
    return job


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def _history():
    return ImportJob.objects.select_related("created_by").order_by("-created_at", "-pk")[
        :HISTORY_SIZE
    ]


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_index(request):
    """Upload a file; the history of imports below."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved, preset = form.saved_mapping_and_preset()
            job = services.import_job_create(
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                user=request.user,
                saved_mapping=saved,
                preset=preset,
            )
        except ValidationError as error:
            for message in _errors(error):
                field = "kind" if getattr(error, "code", None) == "kind" else "file"
                form.add_error(field, message)
        else:
            return redirect("leads_import:mapping", job.pk)
    return TemplateResponse(request, "leads/imports/index.html", {"form": form, "jobs": _history()})


def _pipeline(job):
    pk = job.options.get("pipeline")
    return Pipeline.objects.filter(pk=pk).first() if pk else None


def _editable_or_redirect(request, job):
    if services.is_editable(job):
        return None
    messages.info(request, _("This import has started: its mapping can no longer change."))
    return redirect("leads_import:job", job.pk)


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_mapping(request, job_id):
    """Each column of the file → a field; the run's options; save the mapping."""
    job = _job_or_404(job_id)
    if (response := _editable_or_redirect(request, job)) is not None:
        return response
    choices = [
        (target.key, str(target.label))
        for target in targets.targets_for(job.kind, pipeline=_pipeline(job))
    ]
    form = MappingForm(request.POST or None, job=job, target_choices=choices)
    if (
        request.method == "POST"
        and form.is_valid()
        and services.reading_changed(job, form.options())
    ):
        try:
            services.import_job_reread(
                job=job,
                encoding=form.cleaned_data.get("encoding", ""),
                delimiter=form.cleaned_data.get("delimiter", ""),
                user=request.user,
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.info(request, _("The file was read again: check the columns."))
            return redirect("leads_import:mapping", job.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_configure(
                job=job,
                mapping=form.mapping(),
                options=form.options(),
                user=request.user,
                save_as=form.cleaned_data.get("save_as", ""),
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            if job.kind == ImportKind.DEALS and set(job.mapping.values()) & set(VALUE_TARGETS):
                return redirect("leads_import:values", job.pk)
            return redirect("leads_import:preview", job.pk)
    return TemplateResponse(request, "leads/imports/mapping.html", {"job": job, "form": form})


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_values(request, job_id):
    """The file's stages, pipelines, owners, lost reasons and currencies → ours."""

    job = _job_or_404(job_id)
    if (response := _editable_or_redirect(request, job)) is not None:
        return response
    try:
        with job.file.open("rb") as handle:
            table = reading.open_job_table(job, handle)
            mapping = {int(index): key for index, key in job.mapping.items()}
            distinct = values.distinct_values(table, mapping)
    except (ValidationError, OSError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("leads_import:mapping", job.pk)
    pipeline = _pipeline(job)
    guesses = values.guess_values(distinct, pipeline=pipeline)
    form = ValuesForm(
        request.POST or None, job=job, distinct=distinct, guesses=guesses, pipeline=pipeline
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.import_job_configure(
                job=job,
                mapping=job.mapping,
                value_mapping=form.value_mapping(),
                options={},
                user=request.user,
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            return redirect("leads_import:preview", job.pk)
    return TemplateResponse(request, "leads/imports/values.html", {"job": job, "form": form})


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_preview(request, job_id):
    """GET: the dry run's outcome (or the button to run it); POST: run it."""
    job = _job_or_404(job_id)
    if request.method == "POST":
        try:
            job = services.import_preview(job=job, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(_errors(error)))
            return redirect("leads_import:job", job.pk)
        if job.status == ImportStatus.FAILED and job.error:
            messages.error(request, job.error)
            return redirect("leads_import:mapping", job.pk)
        return redirect("leads_import:preview", job.pk)
    if not services.is_editable(job):
        return redirect("leads_import:job", job.pk)
    return TemplateResponse(request, "leads/imports/preview.html", _preview_context(job))


def _preview_context(job) -> dict:
    preview = job.preview or {}
    errors = preview.get("errors") or []
    return {
        "job": job,
        "counts": {
            name: preview.get(name, 0) for name in ("created", "updated", "skipped", "failed")
        },
        "rows": preview.get("rows") or [],
        "errors": errors,
        "errors_more": max(0, int(preview.get("errors_total") or 0) - len(errors)),
    }


@permission_required(PERMISSION)
@require_POST
def import_start(request, job_id):
    """Import for real (after a preview); a second submit is refused by the service."""
    job = _job_or_404(job_id)
    try:
        services.import_start(job=job, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    return redirect("leads_import:job", job.pk)


@permission_required(PERMISSION)
@require_http_methods(["GET"])
def import_job(request, job_id):
    """The job: its progress while it runs (reloading itself, no script needed), then its
    result: counts, the failed rows file, the deals, the undo link."""
    job = _job_or_404(job_id)
    if job.status in services.EDITABLE:
        return redirect("leads_import:preview" if job.preview else "leads_import:mapping", job.pk)
    running = job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
    percent = 0
    if job.rows_total:
        percent = min(100, job.rows_done * 100 // job.rows_total)
    return TemplateResponse(
        request,
        "leads/imports/job.html",
        {
            "job": job,
            "running": running,
            "refresh": REFRESH_SECONDS if running else None,
            "percent": percent,
            "counts": job.counts or {},
            "undoable": services.is_undoable(job),
            "editable": services.is_editable(job),
            "deals_url": reverse("leads_deals:index"),
        },
    )


@permission_required(PERMISSION)
@require_http_methods(["GET"])
def import_failed_rows(request, job_id):
    """The failed rows as a file to fix and import again (private storage: only this view)."""
    job = _job_or_404(job_id)
    handle = services.failed_rows_content(job)
    if handle is None:
        raise Http404
    name = job.failed_rows_file.name.rsplit(".", 1)
    extension = name[1] if len(name) == 2 else "csv"
    stem = job.filename.rsplit(".", 1)[0] or "import"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_("%(file)s — failed rows.%(ext)s")
        % {
            "file": stem,
            "ext": extension,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_undo(request, job_id):
    """GET: what blocks the undo and what it will do; POST: undo."""
    job = _job_or_404(job_id)
    if not services.is_undoable(job):
        messages.info(request, _("Only a finished import can be undone."))
        return redirect("leads_import:job", job.pk)
    check = services.import_undo_check(job=job)
    if request.method == "POST":
        try:
            services.import_undo(job=job, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(_errors(error)))
        else:
            messages.success(request, _("The import was undone."))
            return redirect("leads_import:job", job.pk)
    return TemplateResponse(request, "leads/imports/undo.html", {"job": job, "check": check})
