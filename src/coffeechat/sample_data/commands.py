"""`coffeechat sample-data`: fill an account with made-up rows, to explore or to measure."""

from __future__ import annotations

import click

from coffeechat.core.cli_support import (
    EXIT_BAD_INPUT,
    UserFacingError,
    check_database,
    migrate,
    setup_django,
)
from coffeechat.lib.counting import counted

# The same help flags whether run as `coffeechat sample-data` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("sample-data", context_settings=HELP_OPTIONS)
@click.option(
    "--scale",
    type=click.Choice(["demo", "heavy"]),
    default="demo",
    show_default=True,
    help="demo: a few dozen rows that tell one seeker's story; heavy: 30,000 contacts and "
    "everything around them, for measuring speed.",
)
@click.option("--user", "username", help="Whose account (required in server mode).")
@click.option(
    "--seed", type=int, default=2026, show_default=True, help="The same seed, the same rows."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Delete the account's own rows first (its login, profile and question bank stay).",
)
def sample_data_command(scale: str, username: str | None, seed: int, replace: bool) -> None:
    """Fill an account with made-up people, organizations and conversations."""
    setup_django()
    check_database()
    migrate()
    from coffeechat.accounts.local import resolve_user
    from coffeechat.sample_data.fill import AccountHasData, fill_account

    user = resolve_user(username)
    try:
        counts = fill_account(user, scale=scale, seed=seed, replace=replace)
    except AccountHasData:
        raise UserFacingError(
            f"The account {user.get_username()!r} already has data; sample rows would mix "
            "with it, so nothing was written (--replace deletes its rows first).",
            exit_code=EXIT_BAD_INPUT,
        ) from None
    shown = ", ".join(counted(count, one, several) for count, one, several in counts if count)
    click.echo(f"Loaded the {scale} sample into {user.get_username()!r}: {shown}.")
