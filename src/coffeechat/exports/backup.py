"""Whole-database backups, and restoring a backup or a JSON export into an empty database.

A backup is one ZIP file with a manifest:

- on SQLite it holds a snapshot of the database made with SQLite's online backup API (never a
  file copy of a live WAL database) and the documents the snapshot refers to;
- on PostgreSQL it holds the JSON export of every account, files included (for the server as
  a whole, pg_dump remains the administrator's tool).

Restore takes such a ZIP, or a single JSON export, and refuses a database that already holds
someone's data: it never merges into or overwrites what is there.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from coffeechat import __version__
from coffeechat.accounts.local import resolve_user
from coffeechat.exports.json_export import dumps, export_json
from coffeechat.exports.restore import (
    RestoreError,
    RestoreSummary,
    account_contents,
    parse_document,
    restore_document,
)
from coffeechat.lib.atomic_file import write_atomically
from coffeechat.prepare import documents

BACKUP_FORMAT = "coffeechat-backup"
BACKUP_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = "coffeechat.sqlite3"
DOCUMENTS_PREFIX = "documents/"
ACCOUNTS_PREFIX = "accounts/"


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
    with tempfile.TemporaryDirectory(dir=folder, prefix=".coffeechat-backup-") as work:
        archive = Path(work) / "backup.zip"
        write = _backup_sqlite if kind == "sqlite" else _backup_json
        summary = write(archive, Path(work))
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
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    target = sqlite3.connect(snapshot)
    try:
        source.backup(target)  # a consistent copy, even while the app is writing
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        stored = [row[0] for row in target.execute("SELECT stored_name FROM prepare_document")]
    finally:
        target.close()
        source.close()
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
    """Restore a backup ZIP or a JSON export; RestoreError says why not, with nothing written."""
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise RestoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if is_zip:
        return _restore_zip(path, username)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RestoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if data.startswith(b"SQLite format 3\x00"):
        raise RestoreError(
            "This is a bare SQLite database file; restore the ZIP file `coffeechat backup` "
            "writes, or a JSON export."
        )
    document = parse_document(data)
    summary = _restore_account(document, username)
    return RestoreResult(kind="export", accounts=[summary], files=summary.files)


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


def _open_zip(path: Path) -> tuple[zipfile.ZipFile, dict]:
    try:
        zipped = zipfile.ZipFile(path)
        manifest = json.loads(zipped.read(MANIFEST))
    except KeyError:
        raise RestoreError(
            "The ZIP file has no manifest.json, so it is no coffeechat backup."
        ) from None
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError):
        raise RestoreError("The ZIP file is damaged or is no coffeechat backup.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise RestoreError("The ZIP file is no coffeechat backup.")
    if manifest.get("version") != BACKUP_VERSION:
        raise RestoreError(
            f"The backup is format version {manifest.get('version')!r}; this coffeechat reads "
            f"version {BACKUP_VERSION}."
        )
    return zipped, manifest


def _restore_zip(path: Path, username: str | None) -> RestoreResult:
    zipped, manifest = _open_zip(path)
    with zipped:
        if manifest.get("database") == "sqlite":
            return _restore_sqlite(zipped)
        if manifest.get("database") == "json":
            return _restore_json_accounts(zipped, username)
    raise RestoreError("The backup's manifest names no database kind this coffeechat knows.")


def _restore_json_accounts(zipped: zipfile.ZipFile, username: str | None) -> RestoreResult:
    members = sorted(
        (n for n in zipped.namelist() if n.startswith(ACCOUNTS_PREFIX) and n.endswith(".json")),
        key=lambda n: int(PurePosixPath(n).stem) if PurePosixPath(n).stem.isdigit() else 0,
    )
    if username and len(members) != 1:
        raise RestoreError(
            f"The backup holds {len(members)} accounts; --user works with one account only."
        )
    result = RestoreResult(kind="json")
    try:
        with transaction.atomic():  # all accounts or none
            for member in members:
                document = parse_document(zipped.read(member))
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


def _restore_sqlite(zipped: zipfile.ZipFile) -> RestoreResult:
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
    names = zipped.namelist()
    if DATABASE_MEMBER not in names:
        raise RestoreError("The backup has no database in it.")
    document_members = [
        n for n in names if n.startswith(DOCUMENTS_PREFIX) and n != DOCUMENTS_PREFIX
    ]
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR, prefix=".restore-") as work:
        snapshot = Path(work) / DATABASE_MEMBER
        snapshot.write_bytes(zipped.read(DATABASE_MEMBER))
        _check_snapshot(snapshot)
        stored = _place_documents(zipped, document_members)
        try:
            connection.close()
            source = sqlite3.connect(snapshot)
            target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        except sqlite3.Error as error:
            for name in stored:
                documents.discard(name)
            raise RestoreError(f"SQLite could not restore the database: {error}.") from None
    return RestoreResult(kind="sqlite", files=len(stored))


def _check_snapshot(snapshot: Path) -> None:
    try:
        database = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            (status,) = database.execute("PRAGMA integrity_check").fetchone()
            applied = set(database.execute("SELECT app, name FROM django_migrations"))
        finally:
            database.close()
    except sqlite3.DatabaseError:
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


def _place_documents(zipped: zipfile.ZipFile, members: list[str]) -> list[str]:
    """Put the backup's document files in the upload folder under their own stored names."""
    placed = []
    folder = documents.path("placeholder").parent
    try:
        for member in members:
            name = PurePosixPath(member).name
            if not name or name.startswith(".") or "/" in member[len(DOCUMENTS_PREFIX) :]:
                continue  # only plain file names, never a path out of the folder
            write_atomically(folder / name, zipped.read(member))
            placed.append(name)
    except BaseException:
        for name in placed:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        raise
    return placed


def collection_total(result: RestoreResult) -> int:
    return sum(summary.rows for summary in result.accounts)
