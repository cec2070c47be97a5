"""Whole-database backups, and restoring a backup or a JSON export into an empty database.

A backup is one ZIP file with a manifest:

- on SQLite it holds a snapshot of the database made with SQLite's online backup API (never a
  file copy of a live WAL database) and the documents the snapshot refers to;
- on PostgreSQL it holds the JSON export of every account, files included (for the server as
  a whole, pg_dump remains the administrator's tool).

Restore takes such a ZIP, or a single JSON export, and refuses a database that already holds
someone's data: it never merges into or overwrites what is there. A ZIP is unpacked within
limits (how many files, how large each and all together, counted while unpacking), so a
small file cannot fill the memory or the disk. Work folders are locked while in use; those a
killed command left behind are removed by `remove_stale_work_folders`.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

try:
    import fcntl
except ImportError:  # Windows: work folders are judged by their age alone
    fcntl = None  # type: ignore[assignment]

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from coffeechat import __version__
from coffeechat.accounts.local import resolve_user
from coffeechat.core.uploads import describe_size
from coffeechat.exports.json_export import dumps, export_json
from coffeechat.exports.restore import (
    RestoreError,
    RestoreSummary,
    account_contents,
    parse_document,
    restore_document,
)
from coffeechat.exports.restore_checks import check_database_rows
from coffeechat.lib.atomic_file import write_atomically
from coffeechat.prepare import documents

BACKUP_FORMAT = "coffeechat-backup"
BACKUP_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = "coffeechat.sqlite3"
DOCUMENTS_PREFIX = "documents/"
ACCOUNTS_PREFIX = "accounts/"

# What a restore unpacks at most. A ZIP's stated sizes are checked before anything is read and
# the bytes are counted while unpacking (a stated size can lie); a document file may be as large
# as an upload (settings.MAX_UPLOAD_BYTES).
MAX_ZIP_MEMBERS = 20_000  # files in the ZIP: the manifest, the database, one per document
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_EXPORT_BYTES = 200 * 1024 * 1024  # one JSON export, documents included as base64
MAX_DATABASE_BYTES = 1024 * 1024 * 1024  # the SQLite snapshot
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024  # everything in the ZIP together
CHUNK_BYTES = 1024 * 1024

# Work folders: a backup's next to the file it writes, a restore's in the data folder. While a
# command uses one it holds a lock on the IN_USE file inside; a folder nobody holds is left
# over from a killed command.
BACKUP_WORK_PREFIX = ".coffeechat-backup-"
RESTORE_WORK_PREFIX = ".restore-"
WORK_PREFIXES = (RESTORE_WORK_PREFIX, BACKUP_WORK_PREFIX)
IN_USE = ".in-use"
# What lib.atomic_file.write_atomically writes before its rename: ".<name>.<8 random>.tmp".
ATOMIC_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
STALE_AFTER_SECONDS = 60 * 60  # a work folder without a lock file (or a temporary file)
UNLOCKED_GRACE_SECONDS = 60  # a folder whose lock nobody holds: its command has ended


class BackupError(RuntimeError):
    """str() is the sentence shown to the user; no backup file was written."""


@dataclass
class BackupSummary:
    path: Path
    kind: str  # "sqlite" or "json"
    accounts: int = 0
    files: int = 0


@dataclass
class RestoreResult:
    kind: str  # "sqlite", "json" or "export"
    accounts: list[RestoreSummary] = field(default_factory=list)
    files: int = 0


def default_backup_path(today: datetime.date | None = None) -> Path:
    day = (today or datetime.date.today()).isoformat()
    return Path.cwd() / f"coffeechat-backup-{day}.zip"


# Backup ---------------------------------------------------------------------------------------


def make_backup(path: Path, kind: str | None = None) -> BackupSummary:
    """Write the backup ZIP to `path` (through a temporary file: complete or not there).

    kind is "sqlite" (a database snapshot) or "json" (every account's export); by default
    the one that fits the database in use."""
    kind = kind or ("sqlite" if connection.vendor == "sqlite" else "json")
    folder = path.parent
    _remove_stale_folders(folder, (BACKUP_WORK_PREFIX,), time.time())  # of a killed backup
    with _work_folder(folder, BACKUP_WORK_PREFIX) as work:
        archive = work / "backup.zip"
        write = _backup_sqlite if kind == "sqlite" else _backup_json
        summary = write(archive, work)
        os.chmod(archive, 0o600)
        os.replace(archive, path)
    summary.path = path
    return summary


def _manifest(kind: str, **extra) -> str:
    return json.dumps(
        {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "database": kind,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "coffeechat_version": __version__,
            **extra,
        },
        indent=2,
    )


def _backup_sqlite(archive: Path, work: Path) -> BackupSummary:
    snapshot = work / DATABASE_MEMBER
    try:
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        target = sqlite3.connect(snapshot)
        try:
            source.backup(target)  # a consistent copy, even while the app is writing
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            stored = [row[0] for row in target.execute("SELECT stored_name FROM prepare_document")]
        finally:
            target.close()
            source.close()
    except sqlite3.Error as error:
        if "full" in str(error):  # "database or disk is full": the work folder's disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from error
        raise BackupError(f"SQLite could not copy the database: {error}.") from None
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(MANIFEST, _manifest("sqlite", documents=len(stored)))
        zipped.write(snapshot, DATABASE_MEMBER)
        for name in stored:
            try:
                zipped.write(documents.path(name), DOCUMENTS_PREFIX + name)
            except FileNotFoundError:
                raise BackupError(
                    f"The document file {name} is missing from the upload folder, so the "
                    "backup would not be complete."
                ) from None
    return BackupSummary(path=archive, kind="sqlite", files=len(stored))


def _backup_json(archive: Path, work: Path) -> BackupSummary:
    users = get_user_model().objects.order_by("pk")
    summary = BackupSummary(path=archive, kind="json")
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        names = []
        for user in users:
            data = export_json(user)
            zipped.writestr(f"{ACCOUNTS_PREFIX}{user.pk}.json", dumps(data))
            names.append(user.get_username())
            summary.accounts += 1
            summary.files += len(data["documents"])
        zipped.writestr(MANIFEST, _manifest("json", accounts=names))
    return summary


# Restore --------------------------------------------------------------------------------------


def restore_file(path: Path, username: str | None = None) -> RestoreResult:
    """Restore a backup ZIP or a JSON export; RestoreError says why not, with nothing written.

    An OSError is the data folder's disk failing (full, read-only): nothing was written then
    either, and the command says so in a sentence of its own."""
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise RestoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if is_zip:
        return _restore_zip(path, username)
    data = _read_export(path)
    if data.startswith(b"SQLite format 3\x00"):
        raise RestoreError(
            "This is a bare SQLite database file; restore the ZIP file `coffeechat backup` "
            "writes, or a JSON export."
        )
    document = parse_document(data)
    summary = _restore_account(document, username)
    return RestoreResult(kind="export", accounts=[summary], files=summary.files)


def _read_export(path: Path) -> bytes:
    """A JSON export's bytes; one larger than an export can be is refused before it is read."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = b"" if size > MAX_EXPORT_BYTES else handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as error:
        raise RestoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if size > MAX_EXPORT_BYTES or len(data) > MAX_EXPORT_BYTES:
        shown = describe_size(max(size, len(data)), round_up=True)
        raise RestoreError(
            f"The file is {shown}; a coffeechat export can be at most "
            f"{describe_size(MAX_EXPORT_BYTES)}."
        )
    return data


def _target_account(recorded_name: str, username: str | None):
    """The account a JSON export goes into, and whether it takes the file's name and email."""
    if username:
        return resolve_user(username), False
    if settings.LOCAL_MODE:
        return resolve_user(None), True
    User = get_user_model()
    user = User.objects.filter(username=recorded_name).first()
    if user is None:
        user = User(username=recorded_name)
        user.set_unusable_password()  # the administrator sets one, or the user resets it
        user.save()
    return user, True


def _restore_account(document: dict, username: str | None) -> RestoreSummary:
    with transaction.atomic():  # an account created here goes again if the restore fails
        user, take_identity = _target_account(document["user"]["username"], username)
        return restore_document(document, user, take_identity=take_identity)


# Unpacking a ZIP within limits ----------------------------------------------------------------


def _member_limit(name: str) -> tuple[int, str]:
    """The most a file of the backup may unpack to, and what the file is, in words."""
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES, "manifest"
    if name == DATABASE_MEMBER:
        return MAX_DATABASE_BYTES, "database"
    if name.startswith(ACCOUNTS_PREFIX):
        return MAX_EXPORT_BYTES, "account export"
    if name.startswith(DOCUMENTS_PREFIX):
        return settings.MAX_UPLOAD_BYTES, "document file"
    return MAX_UNPACKED_BYTES, "file"


def _named(name: str) -> str:
    """A file name from the ZIP, as a sentence can show it (control characters escaped)."""
    shown = repr(name[:80])[1:-1] + ("…" if len(name) > 80 else "")
    return f"“{shown}”"


class _Unpacker:
    """Reads files out of a backup ZIP, refusing any that would unpack past its limit.

    The sizes the ZIP states are checked when it is opened, before anything is read; the bytes
    are counted again as they come out, since a stated size can lie."""

    def __init__(self, zipped: zipfile.ZipFile) -> None:
        self.zipped = zipped
        self.unpacked = 0
        members = zipped.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise _too_many_members(len(members))
        stated = 0
        for info in members:
            limit, what = _member_limit(info.filename)
            if info.file_size > limit:
                raise RestoreError(
                    f"The ZIP file's {_named(info.filename)} would unpack to "
                    f"{describe_size(info.file_size, round_up=True)}; a backup's {what} can be "
                    f"at most {describe_size(limit)}."
                )
            stated += info.file_size
        if stated > MAX_UNPACKED_BYTES:
            raise RestoreError(
                f"The ZIP file would unpack to {describe_size(stated, round_up=True)}; a backup "
                f"can unpack to at most {describe_size(MAX_UNPACKED_BYTES)}."
            )

    def read(self, name: str) -> bytes:
        return b"".join(self._chunks(name))

    def extract(self, name: str, target: Path) -> None:
        with target.open("wb") as out:
            for chunk in self._chunks(name):
                out.write(chunk)

    def _chunks(self, name: str) -> Iterator[bytes]:
        limit, what = _member_limit(name)
        count = 0
        try:
            with self.zipped.open(name) as member:
                while chunk := member.read(CHUNK_BYTES):
                    count += len(chunk)
                    self.unpacked += len(chunk)
                    if count > limit or self.unpacked > MAX_UNPACKED_BYTES:
                        raise RestoreError(
                            f"The ZIP file's {_named(name)} unpacks to more than it says; a "
                            f"backup's {what} can be at most {describe_size(limit)}, and the "
                            "whole backup at most "
                            f"{describe_size(MAX_UNPACKED_BYTES)}."
                        )
                    yield chunk
        except KeyError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
            # A bad checksum, a broken or unknown compression, a password: nothing to restore.
            raise RestoreError(
                f"The ZIP file is damaged: {_named(name)} in it does not unpack cleanly."
            ) from None


def _too_many_members(count: int) -> RestoreError:
    return RestoreError(
        f"The ZIP file holds {count} files; a coffeechat backup holds at most "
        f"{MAX_ZIP_MEMBERS}, so it is damaged or no backup."
    )


def _stated_member_count(path: Path) -> int | None:
    """How many files the ZIP's end record says it holds: read before zipfile lists them all
    (millions of tiny entries would fill the memory). None when the record cannot be found."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            start = max(0, size - (22 + 65535 + 20))  # the end record, its comment, a locator
            handle.seek(start)
            tail = handle.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) - at < 22:
                return None
            (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
            if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != b"PK\x06\x07":
                return count
            (record,) = struct.unpack("<Q", tail[at - 12 : at - 4])  # ZIP64: its own record
            handle.seek(record)
            head = handle.read(40)
            if len(head) < 40 or head[:4] != b"PK\x06\x06":
                return None
            (count,) = struct.unpack("<Q", head[32:40])
            return count
    except (OSError, struct.error, ValueError):
        return None


def _open_zip(path: Path) -> tuple[zipfile.ZipFile, _Unpacker, dict]:
    count = _stated_member_count(path)
    if count is not None and count > MAX_ZIP_MEMBERS:
        raise _too_many_members(count)
    try:
        zipped = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, struct.error):
        raise RestoreError("The ZIP file is damaged or is no coffeechat backup.") from None
    try:
        unpacker = _Unpacker(zipped)
        manifest = json.loads(unpacker.read(MANIFEST))
    except KeyError:
        zipped.close()
        raise RestoreError(
            "The ZIP file has no manifest.json, so it is no coffeechat backup."
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        zipped.close()
        raise RestoreError("The ZIP file is damaged or is no coffeechat backup.") from None
    except BaseException:
        zipped.close()
        raise
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        zipped.close()
        raise RestoreError("The ZIP file is no coffeechat backup.")
    if manifest.get("version") != BACKUP_VERSION:
        zipped.close()
        raise RestoreError(
            f"The backup is format version {manifest.get('version')!r}; this coffeechat reads "
            f"version {BACKUP_VERSION}."
        )
    return zipped, unpacker, manifest


def _restore_zip(path: Path, username: str | None) -> RestoreResult:
    zipped, unpacker, manifest = _open_zip(path)
    with zipped:
        if manifest.get("database") == "sqlite":
            return _restore_sqlite(unpacker)
        if manifest.get("database") == "json":
            return _restore_json_accounts(unpacker, username)
    raise RestoreError("The backup's manifest names no database kind this coffeechat knows.")


def _account_order(name: str) -> tuple[int, str]:
    """accounts/2.json before accounts/10.json, without turning any length of digits into a
    number."""
    stem = PurePosixPath(name).stem
    return (len(stem), stem) if stem.isdigit() else (0, "")


def _restore_json_accounts(unpacker: _Unpacker, username: str | None) -> RestoreResult:
    members = sorted(
        (
            n
            for n in unpacker.zipped.namelist()
            if n.startswith(ACCOUNTS_PREFIX) and n.endswith(".json")
        ),
        key=_account_order,
    )
    if username and len(members) != 1:
        raise RestoreError(
            f"The backup holds {len(members)} accounts; --user works with one account only."
        )
    result = RestoreResult(kind="json")
    try:
        with transaction.atomic():  # all accounts or none
            for member in members:
                document = parse_document(unpacker.read(member))
                if settings.LOCAL_MODE and len(members) > 1 and not username:
                    raise RestoreError(
                        f"The backup holds {len(members)} accounts, and local mode has one; "
                        "restore it on a server (COFFEECHAT_MODE=server)."
                    )
                summary = _restore_account(document, username)
                result.accounts.append(summary)
                result.files += summary.files
    except BaseException:
        for summary in result.accounts:  # accounts restored before the one that failed
            for name in summary.stored_files:
                documents.discard(name)
        raise
    return result


def database_is_empty() -> bool:
    """True when no account holds anything but the question bank every account starts with."""
    return not any(account_contents(user) for user in get_user_model().objects.all())


def _restore_sqlite(unpacker: _Unpacker) -> RestoreResult:
    """Swap the snapshot in, or leave the database as it was.

    The snapshot is unpacked and checked in a locked work folder first. The documents go into
    the upload folder before the database, under the names it knows them by, so the database
    never points at a missing file. SQLite's backup API then copies every page in one step, one
    write transaction on the live database: a process killed during it leaves a journal that
    rolls the database back to its old state when it is next opened. A kill after the documents
    were placed but before the copy leaves only files nothing points at."""
    if connection.vendor != "sqlite":
        raise RestoreError(
            "This backup holds a SQLite database, and coffeechat now uses PostgreSQL; restore "
            "it into SQLite, then move with `coffeechat export json` and `coffeechat restore`."
        )
    if not database_is_empty():
        raise RestoreError(
            "The database already holds data; restore goes into an empty database only. "
            "Use a fresh data folder (COFFEECHAT_DATA_DIR)."
        )
    names = unpacker.zipped.namelist()
    if DATABASE_MEMBER not in names:
        raise RestoreError("The backup has no database in it.")
    document_members = [
        n for n in names if n.startswith(DOCUMENTS_PREFIX) and n != DOCUMENTS_PREFIX
    ]
    with _work_folder(Path(settings.DATA_DIR), RESTORE_WORK_PREFIX) as work:
        snapshot = work / DATABASE_MEMBER
        unpacker.extract(DATABASE_MEMBER, snapshot)
        _check_snapshot(snapshot)
        stored = _place_documents(unpacker, document_members)
        try:
            connection.close()
            source = sqlite3.connect(snapshot)
            target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            try:
                source.backup(target)  # pages=-1: every page in one step, one transaction
            finally:
                target.close()
                source.close()
        except sqlite3.Error as error:
            for name in stored:
                documents.discard(name)
            if "full" in str(error):  # "database or disk is full"
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from error
            raise RestoreError(f"SQLite could not restore the database: {error}.") from None
    return RestoreResult(kind="sqlite", files=len(stored))


def _check_snapshot(snapshot: Path) -> None:
    """The snapshot is a sound coffeechat database this version knows, and every value in it
    passes the checks a JSON restore makes (restore_checks)."""
    try:
        database = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            (status,) = database.execute("PRAGMA integrity_check").fetchone()
            if status == "ok":
                applied = set(database.execute("SELECT app, name FROM django_migrations"))
                check_database_rows(database)
        finally:
            database.close()
    except sqlite3.Error:
        raise RestoreError(
            "The database in the backup is damaged or no coffeechat database."
        ) from None
    if status != "ok":
        raise RestoreError(f"The database in the backup fails SQLite's integrity check ({status}).")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    ours = {label for label, _ in known}
    unknown = {(app, name) for app, name in applied if app in ours} - known
    if unknown:
        raise RestoreError(
            "The backup was made by a newer coffeechat (its database has changes this version "
            "does not know); update coffeechat, then restore."
        )


def _place_documents(unpacker: _Unpacker, members: list[str]) -> list[str]:
    """Put the backup's document files in the upload folder under their own stored names."""
    placed = []
    folder = documents.path("placeholder").parent
    try:
        for member in members:
            name = PurePosixPath(member).name
            if not name or name.startswith(".") or "/" in member[len(DOCUMENTS_PREFIX) :]:
                continue  # only plain file names, never a path out of the folder
            write_atomically(folder / name, unpacker.read(member))
            placed.append(name)
    except BaseException:
        for name in placed:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        raise
    return placed


# Work folders ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _work_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A private temporary folder, locked while in use, removed afterwards."""
    with tempfile.TemporaryDirectory(dir=parent, prefix=prefix) as name:
        work = Path(name)
        with (work / IN_USE).open("w") as marker:
            if fcntl is not None:
                fcntl.flock(marker.fileno(), fcntl.LOCK_EX)
            yield work


def _in_use(folder: Path) -> bool | None:
    """Whether a running command holds the folder's lock; None when that cannot be told."""
    if fcntl is None:
        return None
    try:
        with (folder / IN_USE).open("rb") as marker:
            try:
                fcntl.flock(marker.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(marker.fileno(), fcntl.LOCK_UN)
            return False
    except OSError:
        return None  # no lock file: a folder of an older version, or just being made


def _is_stale(folder: Path, now: float) -> bool:
    in_use = _in_use(folder)
    if in_use:
        return False
    age = now - folder.lstat().st_mtime
    return age > (UNLOCKED_GRACE_SECONDS if in_use is False else STALE_AFTER_SECONDS)


def remove_stale_work_folders(data_dir: Path) -> list[Path]:
    """Remove what a killed backup or restore left in `data_dir`; returns what was removed.

    A work folder (`.restore-*`, `.coffeechat-backup-*`) goes when no running command holds
    its lock (and it is over a minute old), or, without a lock to ask, when it is over an hour
    old; a folder in use is never touched. Temporary files of interrupted atomic writes
    (`.<name>.<random>.tmp`, in the data folder and the folders under it) go when over an hour
    old. Call it when coffeechat starts; what cannot be removed is left for the next time."""
    now = time.time()
    removed = _remove_stale_folders(Path(data_dir), WORK_PREFIXES, now)
    return removed + _remove_stale_temporary_files(Path(data_dir), now)


def _remove_stale_folders(parent: Path, prefixes: tuple[str, ...], now: float) -> list[Path]:
    removed: list[Path] = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.name.startswith(prefixes) or entry.is_symlink() or not entry.is_dir():
                continue
            if _is_stale(entry, now):
                shutil.rmtree(entry)
                removed.append(entry)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _remove_stale_temporary_files(data_dir: Path, now: float) -> list[Path]:
    removed = []
    for root, folders, files in os.walk(data_dir):
        folders[:] = [name for name in folders if not name.startswith(WORK_PREFIXES)]
        for name in files:
            if not ATOMIC_TEMPORARY.fullmatch(name):
                continue
            path = Path(root, name)
            try:
                if now - path.lstat().st_mtime > STALE_AFTER_SECONDS:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


def collection_total(result: RestoreResult) -> int:
    return sum(summary.rows for summary in result.accounts)
