"""Each export as a file's bytes, with a few words on what it holds: what `coffeechat export`
writes (the download page builds the same files)."""

from __future__ import annotations

from coffeechat.calendars.publishing import calendar_file_bytes
from coffeechat.exports.client_csv import render_google_csv, render_outlook_csv
from coffeechat.exports.contacts_files import contacts_for_export, render_csv, render_vcard
from coffeechat.exports.json_export import dumps, export_json, row_count
from coffeechat.exports.notes_markdown import notes_zip
from coffeechat.lib.counting import counted

CONTACT_RENDERERS = {
    "csv": render_csv,
    "google-csv": render_google_csv,
    "outlook-csv": render_outlook_csv,
    "vcard": render_vcard,
}


def build_export(kind: str, user) -> tuple[bytes, str]:
    """The file's bytes and what it holds, for the message on standard error."""
    if kind == "json":
        data = export_json(user)
        rows = row_count(data)
        contacts = len(data["contacts"])
        summary = f"{counted(contacts, 'contact')} ({counted(rows, 'row')} in all)"
        return dumps(data).encode("utf-8"), summary
    if kind == "ics":
        data = calendar_file_bytes(user)
        return data, counted(data.count(b"BEGIN:VEVENT"), "event")
    if kind == "markdown":
        archive, files = notes_zip(user)
        return archive, counted(files, "notes file")

    contacts = contacts_for_export(user)
    return CONTACT_RENDERERS[kind](contacts).encode("utf-8"), counted(len(contacts), "contact")
