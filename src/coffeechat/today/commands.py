"""`coffeechat today`: the Today list in the terminal."""

from __future__ import annotations

import click

from coffeechat.core.cli_support import check_database, migrate, setup_django

# The same help flags whether run as `coffeechat today` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("today", context_settings=HELP_OPTIONS)
@click.option("--user", "username", help="Whose list (required in server mode).")
def today_command(username: str | None) -> None:
    """Print your day: overdue, today, this week, waiting, meetings, to write up."""
    setup_django(own_rows_only=True)
    check_database()
    migrate()
    from coffeechat.accounts.local import resolve_user
    from coffeechat.lib.zones import format_day
    from coffeechat.today.items import today_groups

    groups = today_groups(resolve_user(username))
    if not groups:
        click.echo("Nothing is due today.")
        return
    for number, group in enumerate(groups):
        if number:
            click.echo()
        click.echo(group.title)
        for item in group.items:
            due = f" (due {format_day(item.due, False)})" if item.due else ""
            flag = "OVERDUE " if item.overdue else ""
            click.echo(f"- {flag}{item.title}{due}\n    {item.detail} → {item.action_label}")
        if group.more:
            click.echo(f"- … and more: see {group.more_where[0]} in the app")
