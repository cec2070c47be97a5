"""Files users upload: kept under a generated name in a private folder outside static.

The user's own name for a file is only ever shown and sent back in a download header; on disk
a file is named by a random hex string and its extension, readable by its owner only from the
first byte.
"""

from __future__ import annotations

import contextlib
import math
import os
import uuid
from pathlib import Path, PurePath

from django.conf import settings

from coffeechat.lib.atomic_file import write_atomically


class UploadRejected(ValueError):
    """str() is the sentence shown to the user."""


def upload_folder(kind: str) -> Path:
    """The folder for one kind of upload ("imports", "documents"), created on first use."""
    folder = Path(settings.UPLOAD_DIR) / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_name(name: str, default: str = "file") -> str:
    """The file's own name without any folders a browser or attacker put in front of it."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    return base[:255] or default


def describe_size(size: int, *, round_up: bool = False) -> str:
    """'10 MB', '1.5 MB', '2 KB': a size as people say it, to one decimal. A limit is rounded
    down and a file that broke it up, so the two never read as the same number."""
    for unit, factor in (("MB", 1_048_576), ("KB", 1024)):
        if size >= factor:
            tenths = size * 10 / factor
            value = (math.ceil(tenths) if round_up else math.floor(tenths)) / 10
            return f"{value:g} {unit}"
    return f"{size} bytes"


def check_size(size: int, action: str = "uploaded") -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        shown = describe_size(size, round_up=True)
        raise UploadRejected(
            f"The file is {shown}; files up to {describe_size(limit)} can be {action}."
        )
    if size == 0:
        raise UploadRejected("The file is empty.")


def store(kind: str, data: bytes, name: str) -> str:
    """Write data under a random name in the kind's folder; returns that name. The file is
    moved into place complete, so a stored name always points at a whole file."""
    extension = os.path.splitext(clean_name(name))[1].lower()
    stored = f"{uuid.uuid4().hex}{extension}"
    write_atomically(upload_folder(kind) / stored, data)
    return stored


def store_as(kind: str, stored_name: str, data: bytes) -> None:
    """Write data under a name made from a stored one (a file derived from an upload)."""
    write_atomically(stored_path(kind, stored_name), data)


def stored_path(kind: str, stored_name: str) -> Path:
    name = PurePath(stored_name).name
    if not name or name.startswith("."):
        raise FileNotFoundError("no stored file")
    return upload_folder(kind) / name


def read(kind: str, stored_name: str) -> bytes:
    return stored_path(kind, stored_name).read_bytes()


def discard(kind: str, stored_name: str) -> None:
    if stored_name:
        with contextlib.suppress(FileNotFoundError):
            stored_path(kind, stored_name).unlink()
