"""`coffeechat today`: the Today list in the terminal."""

from __future__ import annotations

import click

from coffeechat.core.cli_support import check_database, migrate, setup_django

# The same help flags whether run as `coffeechat today` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("today", context_settings=HELP_OPTIONS)
@click.option("--user", "username", help="Whose list (required in server mode).")
def today_command(username: str | None) -> None:
    """Print what is due now, in the order to do it."""
    setup_django()
    check_database()
    migrate()
    from coffeechat.accounts.local import resolve_user
    from coffeechat.today.items import today_items

    items = today_items(resolve_user(username))
    if not items:
        click.echo("Nothing is due today.")
        return
    for item in items:
        due = f" (due {item.due:%a %d %b})" if item.due else ""
        flag = "OVERDUE " if item.overdue else ""
        click.echo(f"- {flag}{item.title}{due}\n    {item.detail} → {item.action_label}")
