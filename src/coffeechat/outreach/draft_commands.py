"""`coffeechat draft`: drafts of requests, follow-ups, thank-yous and updates, checked by the
etiquette rules, for some people or for everyone a kind of message applies to.

Like every command module, this one imports Django and the apps inside the command, once
Django is set up.
"""

from __future__ import annotations

import json

import click

from coffeechat.core.cli_support import UserFacingError, check_database, migrate, setup_django

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
KIND_NAMES = ["request", "follow-up", "thank-you", "keep-in-touch"]
CHANNEL_NAMES = ["email", "linkedin-note", "linkedin-note-free", "inmail", "letter", "phone"]


@click.command("draft", context_settings=HELP_OPTIONS)
@click.argument("contacts", nargs=-1, metavar="[CONTACT]...")
@click.option("--all", "everyone", is_flag=True, help="Everyone the kind of message is for.")
@click.option(
    "--kind", type=click.Choice(KIND_NAMES), default="request", show_default=True,
    help="request: everyone who may be contacted; follow-up: a request waiting for an answer; "
    "thank-you: a conversation held, not yet thanked; keep-in-touch: an update is due.",
)  # fmt: skip
@click.option(
    "--channel", type=click.Choice(CHANNEL_NAMES), default="email", show_default=True,
    help="linkedin-note: a connection note of 300 characters (Premium); linkedin-note-free: 200.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of text.")
@click.option("--save", is_flag=True, help="Keep each draft as a message waiting to be sent.")
@click.option(
    "--user", "username", metavar="USERNAME", help="Whose contacts (required in server mode)."
)
def draft(
    contacts: tuple[str, ...],
    everyone: bool,
    kind: str,
    channel: str,
    as_json: bool,
    save: bool,
    username: str | None,
) -> None:
    """Draft messages to CONTACT (an id or an email address), or to --all the people a kind of
    message is for, each checked against the etiquette of the practice. Nothing is saved
    unless --save."""
    if bool(contacts) == everyone:
        raise UserFacingError("Name the people to write to (ids or email addresses), or --all.")
    setup_django()
    check_database()
    migrate()
    from coffeechat.accounts.local import resolve_user
    from coffeechat.outreach import draft_batches

    user = resolve_user(username)
    try:
        chosen = None if everyone else draft_batches.find_contacts(user, list(contacts))
    except draft_batches.UnknownContact as error:
        raise UserFacingError(str(error)) from None
    message_kind = draft_batches.KINDS[kind]
    pairs = draft_batches.targets(user, message_kind, chosen)
    rows = draft_batches.draft_rows(user, pairs, message_kind, channel)
    if save:
        draft_batches.save_drafts(user, rows)
    if as_json:
        payload = [row.as_json(kind, channel) for row in rows]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for row in rows:
        _print(row)
    saved = " and saved as drafts" if save else ""
    click.echo(f"{len(rows)} draft{'' if len(rows) == 1 else 's'}{saved}.", err=True)


def _print(row) -> None:
    click.echo(f"== {row.contact.name} ({row.contact.pk})")
    if row.subject:
        click.echo(f"Subject: {row.subject}")
    click.echo(f"\n{row.body}\n")
    for finding in row.findings:
        click.echo(f"  {finding.severity}: {finding.rule}: {finding.message}")
    click.echo("")
