"""What every `coffeechat` command shares: Django set-up, the database check, the exit codes,
and errors printed as one sentence instead of a traceback.

Command modules import this before Django is set up, so it imports Django only inside the
functions that need it (`coffeechat --help` stays fast)."""

from __future__ import annotations

import contextlib
import errno
import os

import click

from coffeechat.config import ConfigError
from coffeechat.core.private_files import make_private
from coffeechat.lib.collection_pauses import without_collections_until_exit

# One table of exit codes for every subcommand (docs/cli.md shows it, from `coffeechat --help`).
EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran, and what it checked has errors (`lint`)
EXIT_BAD_INPUT = 2  # the command line or its input cannot be used (click's usage errors too)
EXIT_CONFIG = 3  # a setting in the environment cannot be used
EXIT_UNAVAILABLE = 4  # something the command needs failed: the database, the port, the disk
EXIT_CODES = (
    (EXIT_OK, "done"),
    (EXIT_FINDINGS, "done, and what was checked has errors (lint)"),
    (EXIT_BAD_INPUT, "the command line or its input cannot be used (a bad file, no such account)"),
    (EXIT_CONFIG, "a setting (COFFEECHAT_*, DATABASE_URL, REDIS_URL) cannot be used"),
    (EXIT_UNAVAILABLE, "the database, the port or the disk failed the command"),
)


def exit_codes_help() -> str:
    """The table as the end of `coffeechat --help` shows it."""
    lines = [f"  {code}  {meaning}" for code, meaning in EXIT_CODES]
    return "\b\nExit codes:\n" + "\n".join(lines)


class UserFacingError(click.ClickException):
    """Printed as one sentence after 'Error:'; the exit code says what kind of failure it was."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# A file the person named that cannot be made there: their path is wrong (bad input), unlike
# a full or failing disk.
_PATH_ERRORS = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM}


def cannot_write(path, error: OSError) -> UserFacingError:
    code = EXIT_BAD_INPUT if error.errno in _PATH_ERRORS else EXIT_UNAVAILABLE
    return UserFacingError(f"Cannot write {path}: {error.strerror or error}.", exit_code=code)


SETTINGS = "coffeechat.settings"
SETTINGS_FOR_COMMANDS = "coffeechat.settings_for_commands"


def setup_django(own_rows_only: bool = False) -> None:
    """Django, with the product's settings unless the environment names others. A command
    that only reads and writes seekers' own rows says `own_rows_only`, and Django starts
    without the apps it never touches (coffeechat.settings_for_commands)."""
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    starting = not settings.configured  # else Django runs already (a test, a command in a command)
    if starting:
        chosen = os.environ.get("DJANGO_SETTINGS_MODULE", SETTINGS)
        if own_rows_only and chosen == SETTINGS:
            chosen = SETTINGS_FOR_COMMANDS
        os.environ["DJANGO_SETTINGS_MODULE"] = chosen
    try:
        with without_collections_until_exit() if starting else contextlib.nullcontext():
            django.setup()
    except ConfigError as exc:
        raise UserFacingError(str(exc), exit_code=EXIT_CONFIG) from None
    except ImproperlyConfigured as exc:
        raise UserFacingError(
            f"The configuration cannot be used: {exc}", exit_code=EXIT_CONFIG
        ) from None
    make_private(settings.DATA_DIR)  # files an older version or another umask left readable


def check_database() -> None:
    """Open the database once, so a wrong URL or an unreadable file is reported plainly."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        reason = " ".join(str(exc).split()) or exc.__class__.__name__
        raise UserFacingError(
            f"The database {describe_database()} cannot be opened: {reason}",
            exit_code=EXIT_UNAVAILABLE,
        ) from None


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"at {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"{db.get('NAME')!r} on {host}{port}"


def migrate() -> None:
    """Bring the schema up to date; a database that already is costs no more than a look."""
    from django.core.management import call_command
    from django.db import DatabaseError

    from coffeechat.core.statistics import refresh_statistics

    try:
        if _all_recorded() or not _unapplied_migrations():
            return  # `coffeechat today` runs this every time; migrate itself takes longer
        call_command("migrate", interactive=False, verbosity=0)
        refresh_statistics()
    except DatabaseError as exc:
        raise UserFacingError(
            f"The database {describe_database()} could not be brought up to date: {exc}",
            exit_code=EXIT_UNAVAILABLE,
        ) from None


def _all_recorded() -> bool:
    """Whether the database has recorded every migration file the apps ship, judged from the
    file names and one query, without importing the migrations (Django's own plan imports
    every one of them). False means only "look closer", never "migrate" by itself."""
    import importlib.util
    from pathlib import Path

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    shipped = set()
    for app in apps.get_app_configs():
        spec = importlib.util.find_spec(f"{app.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            shipped.update(
                (app.label, path.stem)
                for path in Path(folder).glob("*.py")
                if not path.name.startswith("_")
            )
    # Django's own record: empty when the table is not there yet (a new database).
    return shipped <= set(MigrationRecorder(connection).applied_migrations())


def _unapplied_migrations() -> list:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
