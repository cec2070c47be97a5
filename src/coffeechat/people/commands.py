"""`coffeechat import`: contact files into the user's contacts, from the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coffeechat.core.cli_support import (
    EXIT_BAD_INPUT,
    UserFacingError,
    check_database,
    migrate,
    setup_django,
)
from coffeechat.lib.collection_pauses import without_collections_until_exit

FORMAT_NAMES = [
    "auto",
    "coffeechat",
    "linkedin",
    "google",
    "outlook",
    "thunderbird",
    "vcard",
    "csv",
]


# The same help flags whether run as `coffeechat import` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("import", context_settings=HELP_OPTIONS)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(FORMAT_NAMES),
    default="auto",
    show_default=True,
    help="What kind of file it is; auto recognizes the exports it knows.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--source",
    default="",
    help="How you know these people, for new contacts (default: linkedin_1st for a LinkedIn "
    "file, cold otherwise).",
)
@click.option(
    "--map",
    "column_map",
    default="",
    metavar="COLUMN=FIELD,...",
    help='For any other CSV: which column holds what, e.g. --map "Full name=name,'
    'E-mail=email,Firm=organization". Fields: name, first_name, last_name, email, phone, '
    "organization, department, title, linkedin_url, location, notes, tags, connected_on.",
)
@click.option(
    "--encoding",
    default="",
    metavar="NAME",
    help="The file's character encoding, when the guess is wrong: for example cp1252 "
    "(Western), cp1251 (Cyrillic), gb18030 (Chinese), cp932 (Japanese) or utf-8. "
    "Default: detected.",
)
@click.option("--user", "username", help="Whose contacts (required in server mode).")
def import_command(
    path: Path,
    file_format: str,
    dry_run: bool,
    source: str,
    column_map: str,
    encoding: str,
    username: str | None,
) -> None:
    """Import contacts from a LinkedIn, Google, Outlook, Thunderbird, vCard or other CSV file."""
    setup_django(own_rows_only=True)
    check_database()
    migrate()  # a first run on a new data folder works like `serve` would
    from coffeechat.accounts.local import resolve_user
    from coffeechat.people.models import Source

    if source and source not in Source.values:
        raise UserFacingError(f"--source must be one of: {', '.join(Source.values)}.")
    user = resolve_user(username)
    with without_collections_until_exit():  # tens of thousands of rows, then the end
        summary = _import(user, path, file_format, dry_run, source, column_map, encoding)
    _print_summary(summary, dry_run)


def _import(user, path: Path, file_format, dry_run, source, column_map, encoding):
    from coffeechat.lib import contact_files
    from coffeechat.people.importing import import_contacts

    try:
        data = path.read_bytes()
        if not encoding:
            _say_encoding(data)
        if column_map:
            file_format = "csv"
            mapping = _given_mapping(data, column_map, encoding)
        else:
            mapping = _suggested_mapping(data, encoding) if file_format == "csv" else None
        result = contact_files.parse(data, file_format, mapping, encoding=encoding)
    except contact_files.ContactFileError as error:
        raise UserFacingError(f"{path.name}: {error}", exit_code=EXIT_BAD_INPUT) from None
    except OSError as error:
        raise UserFacingError(
            f"{path} cannot be read: {error.strerror}.", exit_code=EXIT_BAD_INPUT
        ) from None
    label = f"Matching {len(result.contacts)} {result.format} rows"
    with click.progressbar(
        length=max(len(result.contacts), 1), label=label, file=sys.stderr
    ) as bar:
        return import_contacts(user, result, source=source, dry_run=dry_run, progress=bar.update)


def _say_encoding(data: bytes) -> None:
    """A file that is not Unicode was read with a guess: say which, and how to change it."""
    from coffeechat.lib import contact_files

    detected = contact_files.detect_encoding(data)
    if detected not in ("utf-8", "utf-16"):
        click.echo(
            f"Read as {contact_files.encoding_name(detected)}; if names look wrong, choose "
            "the encoding with --encoding.",
            err=True,
        )


def _suggested_mapping(data: bytes, encoding: str) -> dict[str, str]:
    from coffeechat.lib import contact_files

    columns, _ = contact_files.csv_preview(data, encoding=encoding)
    mapping = contact_files.suggest_mapping(columns)
    if not set(mapping.values()) & {"first_name", "last_name", "full_name"}:
        raise contact_files.ContactFileError(
            "no column looks like a name; say which columns hold what with --map, e.g. "
            '--map "Full name=name,E-mail=email" (or import it in the web page, where you '
            "choose the columns)."
        )
    shown = ", ".join(f"{column} → {target}" for column, target in mapping.items())
    click.echo(f"Columns: {shown}", err=True)
    return mapping


FIELD_ALIASES = {"name": "full_name", "full name": "full_name", "company": "organization"}


def _given_mapping(data: bytes, given: str, encoding: str) -> dict[str, str]:
    """--map "Column=field,...": each column named as in the file's header (any case), each
    field one coffeechat knows."""
    from coffeechat.lib import contact_files

    columns, _ = contact_files.csv_preview(data, encoding=encoding)
    by_name = {column.strip().casefold(): column for column in columns}
    fields = contact_files.MAPPABLE_FIELDS
    mapping: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in given.split(","))):
        column, equals, target = pair.rpartition("=")
        column, target = column.strip(), target.strip().casefold()
        target = FIELD_ALIASES.get(target, target)
        if not equals or not column:
            raise contact_files.ContactFileError(
                f'--map takes COLUMN=FIELD pairs separated by commas; "{pair}" is not one.'
            )
        if target not in fields:
            names = ", ".join(name for name in ("name", *fields) if name != "full_name")
            raise contact_files.ContactFileError(
                f'--map: "{target}" is not a field coffeechat knows; use one of: {names}.'
            )
        if column.casefold() not in by_name:
            raise contact_files.ContactFileError(
                f'--map: the file has no column "{column}"; its columns are: {", ".join(columns)}.'
            )
        mapping[by_name[column.casefold()]] = target
    if not set(mapping.values()) & {"first_name", "last_name", "full_name"}:
        raise contact_files.ContactFileError(
            "--map names no column with a name: map one to name, first_name or last_name."
        )
    return mapping


def _print_summary(summary, dry_run: bool) -> None:
    organizations = summary.organizations_created
    new_organizations = f"{organizations} new organization{'' if organizations == 1 else 's'}"
    if dry_run:
        click.echo(
            f"Would create {summary.created}, update {summary.updated}, merge "
            f"{summary.merged}; {summary.unchanged} unchanged, {len(summary.skipped)} skipped; "
            f"{new_organizations}."
        )
    else:
        click.echo(
            f"Created {summary.created}, updated {summary.updated}, merged {summary.merged}, "
            f"unchanged {summary.unchanged}, skipped {len(summary.skipped)}; "
            f"{new_organizations}."
        )
    for row in summary.skipped:
        click.echo(f"  line {row.line}: {row.reason}")
    if summary.rematched:
        click.echo(
            "Another import into this account finished first, so the file was matched again "
            "against it: nobody was added twice."
        )
    if dry_run:
        click.echo("Dry run: nothing was written.")
