"""Download pages: thin wrappers that send one user's export as a dated attachment; and the
page that brings an export from another copy of coffeechat into the user's own account.

LoginRequiredMiddleware keeps every view here behind the login; each builds its file from
request.user's rows only, and the upload writes into request.user's account only.
"""

from __future__ import annotations

from collections.abc import Iterator

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from coffeechat.accounts.clock import clock_for
from coffeechat.calendars.publishing import calendar_file_bytes
from coffeechat.conversations.models import Conversation
from coffeechat.core.faults import DISK_FULL_SENTENCE, is_disk_full
from coffeechat.core.uploads import clean_name
from coffeechat.core.views import owned_object, require_methods
from coffeechat.exports import account_import, notes_markdown
from coffeechat.exports.client_csv import render_google_csv, render_outlook_csv
from coffeechat.exports.contacts_files import contacts_for_export, stream_csv, stream_vcard
from coffeechat.exports.json_export import MissingFile, stream_json
from coffeechat.exports.restore_checks import RestoreError
from coffeechat.lib.counting import counted
from coffeechat.research.models import CareerField

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
VCARD_TYPE = "text/vcard; charset=utf-8"


def dated_filename(request: HttpRequest, stem: str, extension: str) -> str:
    """coffeechat-2026-11-21.json: the stem, the seeker's today and the extension."""
    return f"{stem}-{clock_for(request.user).today().isoformat()}.{extension}"


def attachment(text: str, content_type: str, filename: str) -> HttpResponse:
    return binary_attachment(text.encode("utf-8"), content_type, filename)


MARKDOWN_TYPE = "text/markdown; charset=utf-8"
ZIP_TYPE = "application/zip"
ICS_TYPE = "text/calendar; charset=utf-8"


def binary_attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@require_methods("GET")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "exports/index.html")


@require_methods("GET")
def json_file(request: HttpRequest) -> HttpResponse:
    try:
        parts = stream_json(request.user)
    except MissingFile as error:
        messages.error(request, str(error))
        return redirect("exports:index")
    return streamed_attachment(parts, JSON_TYPE, dated_filename(request, "coffeechat", "json"))


def streamed_attachment(parts: Iterator[str], content_type: str, filename: str):
    """A file sent as it is written, part by part: memory stays flat for any account, and
    the download starts at once."""
    response = StreamingHttpResponse(
        (part.encode("utf-8") for part in parts), content_type=content_type
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@require_methods("GET")
def contacts_csv_file(request: HttpRequest) -> StreamingHttpResponse:
    filename = dated_filename(request, "coffeechat-contacts", "csv")
    return streamed_attachment(stream_csv(request.user), CSV_TYPE, filename)


@require_methods("GET")
def contacts_vcard_file(request: HttpRequest) -> StreamingHttpResponse:
    filename = dated_filename(request, "coffeechat-contacts", "vcf")
    return streamed_attachment(stream_vcard(request.user), VCARD_TYPE, filename)


@require_methods("GET")
def contacts_google_file(request: HttpRequest) -> HttpResponse:
    text = render_google_csv(contacts_for_export(request.user))
    return attachment(text, CSV_TYPE, dated_filename(request, "coffeechat-contacts-google", "csv"))


@require_methods("GET")
def contacts_outlook_file(request: HttpRequest) -> HttpResponse:
    text = render_outlook_csv(contacts_for_export(request.user))
    filename = dated_filename(request, "coffeechat-contacts-outlook", "csv")
    return attachment(text, CSV_TYPE, filename)


@require_methods("GET")
def notes_zip_file(request: HttpRequest) -> HttpResponse:
    data, _count = notes_markdown.notes_zip(request.user)
    return binary_attachment(data, ZIP_TYPE, dated_filename(request, "coffeechat-notes", "zip"))


@owned_object(Conversation, "GET", "HEAD")
def conversation_notes_file(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    text = notes_markdown.conversation_notes(conversation, request.user)
    return attachment(text, MARKDOWN_TYPE, notes_markdown.conversation_filename(conversation))


@owned_object(CareerField, "GET", "HEAD")
def field_notes_file(request: HttpRequest, field: CareerField) -> HttpResponse:
    text = notes_markdown.field_notes(field, request.user)
    return attachment(text, MARKDOWN_TYPE, notes_markdown.field_filename(field))


@require_methods("GET")
def calendar_file(request: HttpRequest) -> HttpResponse:
    data = calendar_file_bytes(
        request.user, page_url=lambda obj: request.build_absolute_uri(obj.get_absolute_url())
    )
    return binary_attachment(data, ICS_TYPE, dated_filename(request, "coffeechat-calendar", "ics"))


class BringDataForm(forms.Form):
    file = forms.FileField(
        label="Your export (.json)",
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
    )


@require_methods("GET", "POST")
def bring_data(request: HttpRequest) -> HttpResponse:
    """Bring a JSON export from another copy of coffeechat into this (empty) account."""
    form = BringDataForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            account_import.check_upload_size(uploaded.size)  # before reading a byte of it
            summary = account_import.import_into_account(request.user, uploaded.read())
        except RestoreError as error:
            form.add_error("file", str(error))
        except OSError as error:
            if not is_disk_full(error):
                raise
            form.add_error("file", DISK_FULL_SENTENCE)
        else:
            messages.success(
                request,
                f"Brought in {clean_name(uploaded.name)}: {counted(summary.rows, 'row')} and "
                f"{counted(summary.files, 'document file')}, with your profile.",
            )
            return redirect("today:today")
    try:
        account_import.check_account_is_empty(request.user)
    except RestoreError as error:
        refusal = str(error)
    else:
        refusal = ""
    context = {"form": form, "refusal": refusal, "limit": account_import.upload_limit()}
    return render(request, "exports/bring_data.html", context)
