"""`coffeechat export json|csv|vcard`: the same files as the download page, from the command line.

Django and coffeechat.cli are imported inside the command: cli.py adds this command to its group,
and `coffeechat --help` must stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import click

KINDS = ("json", "csv", "vcard")


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
    """Export your data: json (everything), csv or vcard (contacts)."""
    from coffeechat.cli_support import (
        UserFacingError,
        check_database,
        migrate,
        resolve_user,
        setup_django,
    )

    setup_django()
    check_database()
    migrate()

    if output is not None and output.exists() and not force:
        raise UserFacingError(
            f"{output} already exists; choose another file or add --force to replace it."
        )
    user = resolve_user(username)
    from coffeechat.exports.json_export import MissingFile

    try:
        text, summary = _build(kind, user)
    except MissingFile as error:
        raise UserFacingError(str(error)) from None
    data = text.encode("utf-8")
    if output is None:
        # Bytes, so the file is UTF-8 whatever the terminal's encoding (a Windows console).
        stdout = getattr(sys.stdout, "buffer", None)
        if stdout is None:
            click.echo(text, nl=False)
        else:
            sys.stdout.flush()
            stdout.write(data)
            stdout.flush()
        return
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UserFacingError(f"Cannot write {output}: {exc.strerror or exc}.") from None
    click.echo(f"Wrote {summary} to {output}.", err=True)


def _build(kind: str, user) -> tuple[str, str]:
    """The file's text and what it holds, for the message on standard error."""
    if kind == "json":
        from coffeechat.exports.json_export import dumps, export_json, row_count

        data = export_json(user)
        rows = row_count(data)
        contacts = len(data["contacts"])
        return dumps(data), f"{_count(contacts, 'contact')} ({_count(rows, 'row')} in all)"

    from coffeechat.exports.contacts_files import contacts_for_export, render_csv, render_vcard

    contacts = contacts_for_export(user)
    render = render_csv if kind == "csv" else render_vcard
    return render(contacts), _count(len(contacts), "contact")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same folder and os.replace, so the
    file is either the old one or complete; it is readable by its owner only (0600)."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
