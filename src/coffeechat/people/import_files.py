"""Uploaded contact files: checked, kept under a generated name outside static, read once,
then removed; a file left waiting for confirmation expires after a day."""

from __future__ import annotations

import contextlib
import datetime
import glob
import hashlib
import json
import os
from pathlib import Path

from django.utils import timezone

from coffeechat.core import uploads
from coffeechat.core.uploads import UploadRejected
from coffeechat.lib import contact_files
from coffeechat.people.models import ImportBatch

ALLOWED_EXTENSIONS = (".csv", ".vcf", ".vcard", ".txt")
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive; open it and import the Connections.csv inside",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file; save it as CSV first",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
}

FOLDER = "imports"
# A file uploaded and never confirmed is removed after this long, with its batch marked
# expired; at most this many files wait for confirmation per account.
PENDING_LIFETIME = datetime.timedelta(days=1)
MAX_PENDING = 10
_PARSED_SUFFIX = ".parsed.json"


def import_folder() -> Path:
    return uploads.upload_folder(FOLDER)


def clean_name(name: str) -> str:
    return uploads.clean_name(name, default="contacts")


def check_upload(name: str, head: bytes, size: int) -> None:
    uploads.check_size(size, "imported")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRejected(
            "Import a .csv or .vcf file (LinkedIn, Google and Outlook export CSV; "
            "Apple Contacts exports vCard)."
        )
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UploadRejected(f"This file is {what}, not a contact list.")


def check_pending(owner) -> None:
    """Refuse another upload while MAX_PENDING files of this account wait for confirmation."""
    expire_pending(owner)
    waiting = ImportBatch.objects.owned_by(owner).filter(status=ImportBatch.Status.PENDING)
    if waiting.count() >= MAX_PENDING:
        raise UploadRejected(
            f"{MAX_PENDING} uploaded files are waiting for you to import or cancel them; "
            "finish or cancel one of them (listed below) before uploading another."
        )


def expire_pending(owner=None, now: datetime.datetime | None = None) -> int:
    """Mark batches left pending longer than PENDING_LIFETIME expired and remove their files;
    every account's when owner is None. Returns how many expired."""
    cutoff = (now or timezone.now()) - PENDING_LIFETIME
    stale = ImportBatch.objects.filter(status=ImportBatch.Status.PENDING, created_at__lt=cutoff)
    if owner is not None:
        stale = stale.filter(owner=owner)
    names = list(stale.values_list("pk", "stored_name"))
    if not names:
        return 0
    ImportBatch.objects.filter(pk__in=[pk for pk, _ in names]).update(
        status=ImportBatch.Status.EXPIRED, updated_at=timezone.now()
    )
    for _pk, stored_name in names:
        discard(stored_name)
    return len(names)


def store(data: bytes, name: str) -> str:
    """Write the upload under a random name; returns that name."""
    return uploads.store(FOLDER, data, name)


def read(stored_name: str) -> bytes:
    return uploads.read(FOLDER, stored_name)


def parse_key(batch: ImportBatch) -> str:
    """The choices a file is read with: its format, column mapping and encoding."""
    return json.dumps([batch.format, batch.mapping or {}, batch.encoding], sort_keys=True)


def _kept_path(batch: ImportBatch, key: str) -> Path:
    """Where the file parsed with these choices is kept: the choices are in the name, so a
    look whether it is there costs no reading."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return uploads.stored_path(FOLDER, f"{batch.stored_name}.{digest}{_PARSED_SUFFIX}")


def parsed(batch: ImportBatch) -> contact_files.ParseResult:
    """The batch's file parsed with its format, mapping and encoding: parsed on the first look
    and kept beside the file, so later looks and the import itself read the result back."""
    key = parse_key(batch)
    kept = _kept_path(batch, key)
    try:
        result = contact_files.result_from_json(kept.read_bytes(), key)
    except OSError:
        result = None
    if result is not None:
        return result
    data = read(batch.stored_name)
    result = contact_files.parse(data, batch.format, batch.mapping or None, batch.encoding)
    with contextlib.suppress(OSError):  # a full disk costs only the next look a new parse
        uploads.store_as(FOLDER, kept.name, contact_files.result_to_json(result, key))
    return result


def discard(stored_name: str) -> None:
    """Remove the upload and every parsed copy of it."""
    if not stored_name:
        return
    uploads.discard(FOLDER, stored_name)
    for kept in import_folder().glob(f"{glob.escape(stored_name)}.*{_PARSED_SUFFIX}"):
        uploads.discard(FOLDER, kept.name)
