"""Importing contact files in the browser: upload, map columns, preview, then import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coffeechat.core.faults import DISK_FULL_SENTENCE, is_disk_full
from coffeechat.core.locks import lock_account
from coffeechat.core.views import owned_object, require_methods
from coffeechat.lib import contact_files
from coffeechat.people import import_files, import_tasks
from coffeechat.people.importing import (
    SOURCE_BY_FORMAT,
    ImportConflict,
    apply_plan,
    plan_import,
)
from coffeechat.people.models import ImportBatch, Source

PREVIEW_ROWS = import_tasks.PREVIEW_ROWS
REMATCHED = (
    "Another import into your account finished while this one was being matched, so this file "
    "was matched again against it: nobody was added twice."
)
FORMAT_CHOICES = [
    ("auto", "Recognize it for me"),
    ("coffeechat", "A contacts CSV exported from coffeechat"),
    ("linkedin", "LinkedIn Connections.csv"),
    ("google", "Google Contacts CSV"),
    ("outlook", "Outlook CSV"),
    ("thunderbird", "Thunderbird CSV"),
    ("vcard", "vCard (.vcf)"),
    ("csv", "Another CSV file (you choose the columns)"),
]


class UploadForm(forms.Form):
    file = forms.FileField(label="Contact file")
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto")


class EncodingForm(forms.Form):
    encoding = forms.ChoiceField(
        label="Characters read as",
        choices=list(contact_files.ENCODINGS.items()),
        help_text="If names or notes show odd characters, choose the file's encoding and "
        "read it again.",
    )


class SourceForm(forms.Form):
    source = forms.ChoiceField(label="How do you know these people?", choices=Source.choices)


@require_methods("GET", "POST")
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        name = import_files.clean_name(uploaded.name)
        try:
            head = uploaded.read(8)
            import_files.check_upload(name, head, uploaded.size)
            import_files.check_pending(request.user)
            uploaded.seek(0)
            data = uploaded.read()
            text = contact_files.decode(data)
            chosen = form.cleaned_data["format"]
            detected = contact_files.detect_format(text) if chosen == "auto" else chosen
            if detected != "vcard":
                contact_files.csv_preview(data, rows=1)  # a header no contact list has: now
        except (import_files.UploadRejected, contact_files.ContactFileError) as error:
            form.add_error("file", str(error))
        else:
            batch = ImportBatch.objects.create(
                owner=request.user,
                original_name=name,
                stored_name=import_files.store(data, name),
                size=len(data),
                format=detected,
                source=SOURCE_BY_FORMAT.get(detected, ""),
            )
            return redirect(batch)
    recent = ImportBatch.objects.owned_by(request.user)[:10]
    context = {
        "form": form,
        "recent": recent,
        "limit_mb": settings.MAX_UPLOAD_BYTES // 1_048_576,
        "max_pending": import_files.MAX_PENDING,
        "pending_hours": int(import_files.PENDING_LIFETIME.total_seconds() // 3600),
    }
    return render(request, "people/import_upload.html", context)


def _parse(batch: ImportBatch) -> contact_files.ParseResult:
    return import_files.parsed(batch)


def _encoding_context(batch: ImportBatch) -> dict:
    """The encoding the file is read with and the form to choose another."""
    try:
        used = batch.encoding or contact_files.detect_encoding(import_files.read(batch.stored_name))
    except OSError:
        return {}
    return {
        "encoding_name": contact_files.encoding_name(used),
        "encoding_form": EncodingForm(initial={"encoding": used}),
    }


@owned_object(ImportBatch, "GET")
def detail(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    if batch.status == ImportBatch.Status.PENDING and import_files.expire_pending(request.user):
        batch.refresh_from_db()
    context: dict = {"batch": batch}
    if batch.status == ImportBatch.Status.QUEUED:
        return _running_page(request, batch)
    if batch.status != ImportBatch.Status.PENDING:
        context["format_name"] = dict(FORMAT_CHOICES).get(batch.format, batch.format)
        return render(request, "people/import_done.html", context)
    context["background_error"] = batch.summary.get("error", "")
    if batch.format == "csv" and not batch.mapping:
        return _mapping_page(request, batch)
    context.update(_encoding_context(batch))
    if batch.summary.get("read_error"):
        context["error"] = batch.summary["read_error"]
        return render(request, "people/import_preview.html", context)
    if import_tasks.reads_in_background(batch):
        preview = import_tasks.preview_of(batch)
        if preview is None:  # not worked out yet, or the account changed since
            import_tasks.start_reading(batch)
            return _running_page(request, batch, reading=True)
        context.update(
            {
                "summary": preview["summary"],
                "format_name": dict(FORMAT_CHOICES).get(batch.format, batch.format),
                "new_rows": preview["new_rows"],
                "changed_rows": preview["changed_rows"],
                "source_form": SourceForm(initial={"source": preview["source"]}),
                "preview_rows": PREVIEW_ROWS,
            }
        )
        return render(request, "people/import_preview.html", context)
    try:
        result = _parse(batch)
    except (contact_files.ContactFileError, OSError) as error:
        context["error"] = _file_error(error)
        return render(request, "people/import_preview.html", context)
    plan = plan_import(request.user, result, source=batch.source)
    context.update(
        {
            "summary": plan.summary,
            "format_name": dict(FORMAT_CHOICES).get(batch.format, batch.format),
            "new_rows": plan.new_targets[:PREVIEW_ROWS],
            "changed_rows": plan.changed_targets[:PREVIEW_ROWS],
            "source_form": SourceForm(initial={"source": plan.source}),
            "preview_rows": PREVIEW_ROWS,
        }
    )
    return render(request, "people/import_preview.html", context)


def _running_page(request: HttpRequest, batch: ImportBatch, reading: bool = False):
    """A background import's progress, or a large file being read; the page reloads itself
    until the work is done."""
    waited = (timezone.now() - batch.updated_at).total_seconds()
    context = {
        "batch": batch,
        "reading": reading,
        "percent": min(100, batch.progress * 100 // batch.total) if batch.total else 0,
        "saving": batch.total and batch.progress >= batch.total,
        # No worker has moved it for a minute: say what has to run.
        "stalled": batch.progress == 0 and waited > 60,
        "refresh_seconds": 2,
    }
    return render(request, "people/import_running.html", context)


def _file_error(error: Exception) -> str:
    if isinstance(error, OSError):
        return "The uploaded file is no longer there; upload it again."
    return str(error)


def _mapping_page(request: HttpRequest, batch: ImportBatch, errors: list[str] | None = None):
    encoding = _encoding_context(batch)
    try:
        data = import_files.read(batch.stored_name)
        columns, rows = contact_files.csv_preview(data, encoding=batch.encoding)
    except (contact_files.ContactFileError, OSError) as error:
        context = {"batch": batch, "error": _file_error(error), **encoding}
        return render(request, "people/import_preview.html", context)
    suggested = batch.mapping or contact_files.suggest_mapping(columns)
    context = {
        "batch": batch,
        "columns": [
            {
                "index": i,
                "name": name,
                "samples": [r[i] for r in rows if i < len(r)][:3],
                "selected": suggested.get(name, ""),
            }
            for i, name in enumerate(columns)
        ],
        "targets": list(contact_files.MAPPABLE_FIELDS.items()),
        "errors": errors or [],
        **encoding,
    }
    return render(request, "people/import_mapping.html", context)


@owned_object(ImportBatch, "POST")
def save_mapping(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    if batch.status != ImportBatch.Status.PENDING:
        return redirect(batch)
    try:
        data = import_files.read(batch.stored_name)
        columns, _ = contact_files.csv_preview(data, encoding=batch.encoding)
    except (contact_files.ContactFileError, OSError) as error:
        messages.error(request, _file_error(error))
        return redirect(batch)
    mapping = {}
    for index, name in enumerate(columns):
        target = request.POST.get(f"column-{index}", "")
        if target in contact_files.MAPPABLE_FIELDS:
            mapping[name] = target
    names = set(mapping.values())
    if not names & {"first_name", "last_name", "full_name"}:
        batch.mapping = mapping
        return _mapping_page(request, batch, ["Choose the column that holds the names."])
    batch.mapping = mapping
    batch.save(update_fields=["mapping", "updated_at"])
    return redirect(batch)


@owned_object(ImportBatch, "POST")
def save_encoding(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    """Read the file again with the encoding the person chose: a column mapping made with the
    other encoding's column names is made again, and a file that was not recognised is looked
    at again."""
    if batch.status != ImportBatch.Status.PENDING:
        return redirect(batch)
    form = EncodingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the encodings in the list.")
        return redirect(batch)
    encoding = form.cleaned_data["encoding"]
    if encoding != batch.encoding:
        batch.encoding = encoding
        batch.mapping = {}
        batch.summary = {}  # read again with the new encoding
        if batch.format == "csv":
            try:
                data = import_files.read(batch.stored_name)
                batch.format = contact_files.detect_format(contact_files.decode(data, encoding))
            except (contact_files.ContactFileError, OSError):
                pass  # the preview says what is wrong with the file in this encoding
        batch.save(update_fields=["encoding", "mapping", "format", "summary", "updated_at"])
    return redirect(batch)


@owned_object(ImportBatch, "POST")
def commit(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    if batch.status != ImportBatch.Status.PENDING:
        return redirect(batch)
    source_form = SourceForm(request.POST)
    source = source_form.cleaned_data["source"] if source_form.is_valid() else batch.source
    if import_tasks.reads_in_background(batch):
        # A large file: the worker reads it again from the kept copy, so the rows never
        # come into the web process's memory.
        import_tasks.queue(batch, source, import_tasks.rows_previewed(batch))
        return redirect(batch)
    try:
        result = _parse(batch)
    except (contact_files.ContactFileError, OSError) as error:
        messages.error(request, _file_error(error))
        return redirect(batch)
    if len(result.contacts) > import_tasks.BACKGROUND_ROWS:
        import_tasks.queue(batch, source, len(result.contacts))
        return redirect(batch)
    try:
        summary = _import_once(request.user, batch, result, source)
    except (DatabaseError, ImportConflict) as error:
        if is_disk_full(error):
            messages.error(request, DISK_FULL_SENTENCE)
        else:
            messages.error(
                request, "The import could not be saved; nothing was changed. Try again."
            )
        return redirect(batch)
    if summary is None:  # a second click while the first import ran
        return redirect(batch)
    import_files.discard(batch.stored_name)
    if summary.rematched:
        messages.info(request, REMATCHED)
    messages.success(
        request,
        f"Imported {batch.original_name}: {summary.created} new, {summary.updated} updated.",
    )
    return redirect(batch)


def _import_once(user, batch: ImportBatch, result, source: str):
    """Plan and write inside one transaction that first claims the batch: a double click
    finds it already imported and writes nothing."""
    with transaction.atomic():
        claimed = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch.pk, owner=user, status=ImportBatch.Status.PENDING)
            .first()
        )
        if claimed is None:
            return None
        lock_account(user)  # another import of this account waits; this one plans on its rows
        summary = apply_plan(plan_import(user, result, source=source))
        claimed.status = ImportBatch.Status.IMPORTED
        claimed.source = source
        claimed.summary = summary.as_dict()
        claimed.imported_at = timezone.now()
        claimed.save()
    return summary


@owned_object(ImportBatch, "POST")
def cancel(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    if batch.status == ImportBatch.Status.PENDING:
        batch.status = ImportBatch.Status.CANCELLED
        batch.save(update_fields=["status", "updated_at"])
        import_files.discard(batch.stored_name)
        messages.success(
            request, f"Cancelled the import of {batch.original_name}; nothing was changed."
        )
    return redirect("people:importbatch_upload")
