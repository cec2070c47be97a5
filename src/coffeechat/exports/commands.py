"""`coffeechat export json|csv|vcard|ics|markdown`: the download page's files, on the command line.

Like every command module, this one imports Django and the apps inside the command, once
Django is set up: cli.py lists the commands without importing them, and `coffeechat --help`
stays fast.
"""

from __future__ import annotations

import sys
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
from coffeechat.lib.atomic_file import write_atomically

KINDS = ("json", "csv", "google-csv", "outlook-csv", "vcard", "ics", "markdown")


# The same help flags whether run as `coffeechat export` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("export", context_settings=HELP_OPTIONS)
@click.argument("kind", type=click.Choice(KINDS))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--user",
    "username",
    metavar="USERNAME",
    help="Whose data to export (required in server mode; local mode uses the owner).",
)
def export(kind: str, output: Path | None, force: bool, username: str | None) -> None:
    """Export your data: json (everything); csv, google-csv, outlook-csv or vcard
    (contacts: coffeechat's own CSV, Google's or Outlook's layout, or an address book); ics
    (calendar); or markdown (notes per conversation and per field, as a ZIP; needs --output)."""
    setup_django()
    check_database()
    migrate()
    from coffeechat.accounts.local import resolve_user
    from coffeechat.exports.export_files import build_export
    from coffeechat.exports.json_export import MissingFile

    if kind == "markdown" and output is None:
        raise UserFacingError(
            "The Markdown notes are a ZIP file; name it with --output, for example "
            "-o coffeechat-notes.zip."
        )
    if output is not None and output.exists() and not force:
        raise UserFacingError(
            f"{output} already exists; choose another file or add --force to replace it."
        )
    user = resolve_user(username)
    try:
        data, summary = build_export(kind, user)
    except MissingFile as error:
        raise UserFacingError(str(error), exit_code=EXIT_UNAVAILABLE) from None
    if output is None:
        # Bytes, so the file is UTF-8 whatever the terminal's encoding (a Windows console).
        stdout = getattr(sys.stdout, "buffer", None)
        if stdout is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            sys.stdout.flush()
            stdout.write(data)
            stdout.flush()
        return
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise cannot_write(output, exc) from None
    click.echo(f"Wrote {summary} to {output}.", err=True)
