"""`coffeechat backup [PATH]` and `coffeechat restore PATH`.

Django and the apps are imported inside the commands, once Django is set up, so that
`coffeechat --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from coffeechat.core.cli_support import (
    EXIT_UNAVAILABLE,
    UserFacingError,
    cannot_write,
    check_database,
    migrate,
    setup_django,
)

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


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
    except OSError as error:
        raise cannot_write(path, error) from None
    what = "SQLite snapshot" if summary.kind == "sqlite" else f"{summary.accounts} account(s)"
    click.echo(f"Backed up ({what}, {summary.files} document file(s)) to {path}.", err=True)


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
    if result.kind == "sqlite":
        migrate()  # a backup from an older coffeechat is brought up to date
        click.echo(
            f"Restored the database and {result.files} document file(s) from {path}.", err=True
        )
        return
    for summary in result.accounts:
        click.echo(
            f"Restored {summary.rows} rows and {summary.files} document file(s) into the "
            f"account {summary.username!r}.",
            err=True,
        )
