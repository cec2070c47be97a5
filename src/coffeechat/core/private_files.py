"""The data folder is private to the person who runs coffeechat: the folder and every folder
in it 0700, every file in it (database, WAL, secret key, uploads) 0600.

Files are created so: the process's umask is set to 077 before anything is written
(`private_umask`, first thing in `coffeechat` and in the WSGI module). Files made before that,
by an older version or by a copy with another umask, are repaired at start-up
(`make_private`), and stale work folders left by a killed backup or restore are removed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_umask() -> None:
    """From now on this process creates files 0600 and folders 0700."""
    os.umask(0o077)


def make_private(folder: Path) -> int:
    """Repair the modes of the folder and everything in it; returns how many were changed.
    Links are not followed, and what cannot be changed (another owner's file) is left."""
    changed = _set_mode(folder, FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name in folders:
            changed += _set_mode(Path(root, name), FOLDER_MODE)
        for name in files:
            changed += _set_mode(Path(root, name), FILE_MODE)
    return changed


def _set_mode(path: Path, wanted: int) -> int:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077 == 0:
            return 0
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077 | (wanted & 0o700))
    except OSError:
        return 0
    return 1
