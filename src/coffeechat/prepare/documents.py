"""The seeker's documents on disk: which files are accepted, and where their bytes live.

Only formats people send as a résumé or work sample are accepted, each checked by extension
and by its first bytes; the content type sent back on download comes from this table, never
from the browser that uploaded the file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from coffeechat.core import uploads
from coffeechat.core.uploads import UploadRejected

FOLDER = "documents"

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # old Word files


@dataclass(frozen=True)
class Accepted:
    content_type: str
    magic: tuple[bytes, ...]  # the file starts with one of these; () means plain text


ACCEPTED: dict[str, Accepted] = {
    ".pdf": Accepted("application/pdf", (b"%PDF-",)),
    ".docx": Accepted(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP
    ),
    ".doc": Accepted("application/msword", _OLE),
    ".odt": Accepted("application/vnd.oasis.opendocument.text", _ZIP),
    ".rtf": Accepted("application/rtf", (b"{\\rtf",)),
    ".txt": Accepted("text/plain; charset=utf-8", ()),
    ".md": Accepted("text/markdown; charset=utf-8", ()),
}


# What one account may keep: generous for a search (a résumé per field, cover letters, work
# samples), bounded so one account cannot fill a career center's disk.
MAX_DOCUMENTS = 200
MAX_STORED_BYTES = 500 * 1_048_576


def check_quota(count: int, stored: int, size: int) -> None:
    """Refuse a new file of `size` bytes when the account already keeps `count` files of
    `stored` bytes in all (a replaced file's size already taken off)."""
    if count >= MAX_DOCUMENTS:
        raise UploadRejected(
            f"You keep {count} documents, the most one account can; delete ones you no longer "
            "send before adding another."
        )
    if stored + size > MAX_STORED_BYTES:
        raise UploadRejected(
            f"Your documents take {uploads.describe_size(stored, round_up=True)} and this file "
            f"would pass the {uploads.describe_size(MAX_STORED_BYTES)} one account can keep; "
            "delete documents you no longer send first."
        )


def accepted_extensions() -> str:
    """'.pdf, .docx, …' for help texts and the file picker's accept attribute."""
    return ", ".join(ACCEPTED)


def check(name: str, data: bytes) -> Accepted:
    """The accepted type of an uploaded file, or UploadRejected with the reason."""
    uploads.check_size(len(data))
    extension = os.path.splitext(name)[1].lower()
    accepted = ACCEPTED.get(extension)
    if accepted is None:
        raise UploadRejected(
            f"Upload a {', '.join(e.lstrip('.').upper() for e in ACCEPTED)} file; "
            f"“{extension or name}” files are not accepted."
        )
    if accepted.magic:
        if not data.startswith(accepted.magic):
            raise UploadRejected(
                f"This file does not look like a {extension.lstrip('.').upper()} file; "
                "it may be damaged or renamed."
            )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadRejected(
                "This text file is not UTF-8; save it as UTF-8 or as a PDF."
            ) from None
        if "\x00" in text:
            raise UploadRejected("This file is not plain text; save it as a PDF instead.")
    return accepted


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(data: bytes, name: str) -> str:
    return uploads.store(FOLDER, data, name)


def read(stored_name: str) -> bytes:
    return uploads.read(FOLDER, stored_name)


def path(stored_name: str):
    return uploads.stored_path(FOLDER, stored_name)


def discard(stored_name: str) -> None:
    uploads.discard(FOLDER, stored_name)
