"""`coffeechat export json|csv|vcard|ics|markdown`: the download page's files, on the command line.

Django and coffeechat.cli are imported inside the command: cli.py adds this command to its group,
and `coffeechat --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coffeechat.lib.atomic_file import write_atomically

KINDS = ("json", "csv", "vcard", "ics", "markdown")


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
    """Export your data: json (everything), csv or vcard (contacts), ics (calendar) or
    markdown (notes per conversation and per field, as a ZIP; needs --output)."""
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
    from coffeechat.exports.json_export import MissingFile

    try:
        data, summary = _build(kind, user)
    except MissingFile as error:
        raise UserFacingError(str(error)) from None
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
        raise UserFacingError(f"Cannot write {output}: {exc.strerror or exc}.") from None
    click.echo(f"Wrote {summary} to {output}.", err=True)


def _build(kind: str, user) -> tuple[bytes, str]:
    """The file's bytes and what it holds, for the message on standard error."""
    if kind == "json":
        from coffeechat.exports.json_export import dumps, export_json, row_count

        data = export_json(user)
        rows = row_count(data)
        contacts = len(data["contacts"])
        summary = f"{_count(contacts, 'contact')} ({_count(rows, 'row')} in all)"
        return dumps(data).encode("utf-8"), summary
    if kind == "ics":
        from coffeechat.calendars.publishing import calendar_file_bytes

        data = calendar_file_bytes(user)
        return data, _count(data.count(b"BEGIN:VEVENT"), "event")
    if kind == "markdown":
        from coffeechat.exports.notes_markdown import notes_zip

        archive, files = notes_zip(user)
        return archive, _count(files, "notes file")

    from coffeechat.exports.contacts_files import contacts_for_export, render_csv, render_vcard

    contacts = contacts_for_export(user)
    render = render_csv if kind == "csv" else render_vcard
    return render(contacts).encode("utf-8"), _count(len(contacts), "contact")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
