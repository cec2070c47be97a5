"""`coffeechat backup [PATH]` and `coffeechat restore PATH`.

Django and the apps are imported inside the commands, once Django is set up, so that
`coffeechat --help` stays fast.
"""

from __future__ import annotations

import errno
from pathlib import Path

import click

from coffeechat.core.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_UNAVAILABLE,
    UserFacingError,
    check_database,
    migrate,
    setup_django,
)
from coffeechat.lib.counting import counted

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

# What the disk said, in words; a full or read-only disk is the machine's fault (exit 4), a
# folder the person may not write to is the path they gave (exit 2).
DISK_PROBLEMS = {
    errno.ENOSPC: ("the disk is full", EXIT_UNAVAILABLE),
    errno.EDQUOT: ("the disk quota is used up", EXIT_UNAVAILABLE),
    errno.EROFS: ("the disk is read-only", EXIT_UNAVAILABLE),
    errno.EACCES: ("permission was denied", EXIT_BAD_INPUT),
    errno.EPERM: ("permission was denied", EXIT_BAD_INPUT),
}


def disk_error(error: OSError, what: str) -> UserFacingError:
    """One sentence for an OSError while writing: what failed, why, and that nothing is left."""
    problem, code = DISK_PROBLEMS.get(
        error.errno, ((error.strerror or str(error)).rstrip(".").lower(), EXIT_UNAVAILABLE)
    )
    return UserFacingError(f"{what}: {problem}.", exit_code=code)


@click.command("backup", context_settings=HELP_OPTIONS)
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def backup(path: Path | None, force: bool) -> None:
    """Back up the whole database and its documents to one ZIP file.

    PATH defaults to coffeechat-backup-<today>.zip in the current folder. On SQLite the file
    holds a consistent snapshot made with SQLite's online backup API, safe while coffeechat
    runs; on PostgreSQL it holds the JSON export of every account. Restore it with
    `coffeechat restore PATH`.
    """
    setup_django()
    check_database()
    migrate()
    from coffeechat.exports.backup import BackupError, default_backup_path, make_backup

    path = path or default_backup_path()
    if path.exists() and not force:
        raise UserFacingError(
            f"{path} already exists; choose another file or add --force to replace it."
        )
    if not path.parent.is_dir():
        raise UserFacingError(f"The folder {path.parent} does not exist.")
    try:
        summary = make_backup(path)
    except BackupError as error:
        raise UserFacingError(str(error), exit_code=EXIT_UNAVAILABLE) from None
    except OSError as error:  # the temporary file is gone with its work folder
        raise disk_error(error, f"Could not write {path}, so no backup was made") from None
    what = "SQLite snapshot" if summary.kind == "sqlite" else counted(summary.accounts, "account")
    click.echo(
        f"Backed up ({what}, {counted(summary.files, 'document file')}) to {path}.", err=True
    )


@click.command("restore", context_settings=HELP_OPTIONS)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--user",
    "username",
    metavar="USERNAME",
    help="Restore a JSON export into this existing, empty account (server mode).",
)
def restore(path: Path, username: str | None) -> None:
    """Restore a backup ZIP or a JSON export into an empty database.

    Takes the ZIP file `coffeechat backup` writes, or the file of `coffeechat export json`.
    It refuses a database that already holds data and, if anything in the file is wrong,
    writes nothing.
    """
    setup_django()
    check_database()
    migrate()
    from coffeechat.exports.backup import restore_file
    from coffeechat.exports.restore import RestoreError

    if not path.is_file():
        raise UserFacingError(f"There is no file {path}.")
    try:
        result = restore_file(path, username)
    except RestoreError as error:
        raise UserFacingError(str(error)) from None
    except OSError as error:  # one transaction, documents removed again: nothing restored
        raise disk_error(
            error, "Could not write to the data folder, so nothing was restored"
        ) from None
    if result.kind == "sqlite":
        migrate()  # a backup from an older coffeechat is brought up to date
        click.echo(
            f"Restored the database and {counted(result.files, 'document file')} from {path}.",
            err=True,
        )
        return
    for summary in result.accounts:
        click.echo(
            f"Restored {counted(summary.rows, 'row')} and "
            f"{counted(summary.files, 'document file')} into the account {summary.username!r}.",
            err=True,
        )
