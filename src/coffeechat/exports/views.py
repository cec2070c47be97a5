"""Download pages: thin wrappers that send one user's export as a dated attachment.

LoginRequiredMiddleware keeps every view here behind the login; each builds its file from
request.user's rows only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coffeechat.exports.contacts_files import contacts_csv, contacts_vcard
from coffeechat.exports.json_export import MissingFile, dumps, export_json

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
VCARD_TYPE = "text/vcard; charset=utf-8"


def dated_filename(stem: str, extension: str) -> str:
    """coffeechat-2026-11-21.json: the stem, today's date and the extension."""
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def attachment(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "exports/index.html")


@require_GET
def json_file(request: HttpRequest) -> HttpResponse:
    try:
        text = dumps(export_json(request.user))
    except MissingFile as error:
        messages.error(request, str(error))
        return redirect("exports:index")
    return attachment(text, JSON_TYPE, dated_filename("coffeechat", "json"))


@require_GET
def contacts_csv_file(request: HttpRequest) -> HttpResponse:
    text = contacts_csv(request.user)
    return attachment(text, CSV_TYPE, dated_filename("coffeechat-contacts", "csv"))


@require_GET
def contacts_vcard_file(request: HttpRequest) -> HttpResponse:
    text = contacts_vcard(request.user)
    return attachment(text, VCARD_TYPE, dated_filename("coffeechat-contacts", "vcf"))
