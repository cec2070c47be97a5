"""Uploaded contact files: checked, kept under a generated name outside static, then removed."""

from __future__ import annotations

import os
import uuid
from pathlib import Path, PurePath

from django.conf import settings

ALLOWED_EXTENSIONS = (".csv", ".vcf", ".vcard", ".txt")
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive; open it and import the Connections.csv inside",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file; save it as CSV first",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
}


class UploadRejected(ValueError):
    """str() is the sentence shown to the user."""


def import_folder() -> Path:
    folder = Path(settings.UPLOAD_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_name(name: str) -> str:
    """The file's own name without any folders a browser or attacker put in front of it."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    return base[:255] or "contacts"


def check_upload(name: str, head: bytes, size: int) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadRejected(
            f"The file is {size / 1_048_576:.1f} MB; files up to "
            f"{limit / 1_048_576:.0f} MB can be imported."
        )
    if size == 0:
        raise UploadRejected("The file is empty.")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRejected(
            "Import a .csv or .vcf file (LinkedIn, Google and Outlook export CSV; "
            "Apple Contacts exports vCard)."
        )
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UploadRejected(f"This file is {what}, not a contact list.")


def store(data: bytes, name: str) -> str:
    """Write the upload under a random name; returns that name."""
    extension = os.path.splitext(name)[1].lower()
    stored = f"{uuid.uuid4().hex}{extension}"
    path = import_folder() / stored
    # Readable by the owner only from the first byte: contact lists are private.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return stored


def read(stored_name: str) -> bytes:
    name = PurePath(stored_name).name
    if not name:
        raise FileNotFoundError("no stored file")
    return (import_folder() / name).read_bytes()


def discard(stored_name: str) -> None:
    if stored_name:
        (import_folder() / PurePath(stored_name).name).unlink(missing_ok=True)
