"""Faults of the machine, told apart from faults of the program: a full disk is the person's
to fix (free some space), so it is answered in one sentence, in the web and on the command
line, instead of as a server error.

Plain Python: a fault is recognised by walking the exception's causes, whichever layer (the
operating system, sqlite3, psycopg, Django's wrappers) raised it.
"""

from __future__ import annotations

import errno

# SQLITE_FULL: "database or disk is full"; PostgreSQL's class 53 "insufficient resources":
# disk_full (53100) and out of memory or connections are not the person's disk.
_SQLITE_FULL = 13
_POSTGRES_DISK_FULL = "53100"
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}

DISK_FULL_SENTENCE = (
    "The disk that holds coffeechat's data is full, so nothing was saved; "
    "free some space and try again."
)


def _chain(error: BaseException):
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def is_disk_full(error: BaseException) -> bool:
    """True when the error, or any error it was raised from, is a full disk or quota."""
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in _FULL_ERRNOS:
            return True
        if getattr(link, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        if getattr(link, "sqlstate", None) == _POSTGRES_DISK_FULL:
            return True
        if "database or disk is full" in str(link):
            return True
    return False


BUSY_SENTENCE = (
    "Another coffeechat command or the server kept the database busy for too long; "
    "nothing was written, so run the command again when it has finished."
)


def is_database_busy(error: BaseException) -> bool:
    """SQLite's "database is locked": another process held the write lock past the timeout."""
    return any("database is locked" in str(link) for link in _chain(error))


def machine_fault(error: BaseException) -> str | None:
    """The sentence for a fault of the machine rather than of the program, else None."""
    if is_disk_full(error):
        return DISK_FULL_SENTENCE
    if is_database_busy(error):
        return BUSY_SENTENCE
    return None
