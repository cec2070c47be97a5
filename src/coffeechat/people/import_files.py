"""Uploaded contact files: checked, kept under a generated name outside static, then removed."""

from __future__ import annotations

import os
from pathlib import Path

from coffeechat.core import uploads
from coffeechat.core.uploads import UploadRejected

ALLOWED_EXTENSIONS = (".csv", ".vcf", ".vcard", ".txt")
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive; open it and import the Connections.csv inside",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file; save it as CSV first",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
}


FOLDER = "imports"


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


def store(data: bytes, name: str) -> str:
    """Write the upload under a random name; returns that name."""
    return uploads.store(FOLDER, data, name)


def read(stored_name: str) -> bytes:
    return uploads.read(FOLDER, stored_name)


def discard(stored_name: str) -> None:
    uploads.discard(FOLDER, stored_name)
