"""`coffeechat center-admin`: make an account the career center's admin, which is how the
first admin comes to be (later ones are named on a person's page by an admin)."""

from __future__ import annotations

import click

from coffeechat.core.cli_support import UserFacingError, check_database, migrate, setup_django

# The same help flags whether run as `coffeechat center-admin` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("center-admin", context_settings=HELP_OPTIONS)
@click.argument("username")
def center_admin_command(username: str) -> None:
    """Give an existing account the career center's admin part (server mode)."""
    setup_django()
    from django.conf import settings

    if settings.LOCAL_MODE:
        raise UserFacingError(
            "A career center exists only on a server (COFFEECHAT_MODE=server); on this "
            "computer you are the only account."
        )
    check_database()
    migrate()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from coffeechat.center.invitations import set_role
    from coffeechat.center.models import Role

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UserFacingError(
            f"There is no active account named {username!r}; the person signs up first."
        )
    set_role(user, Role.ADMIN)
    click.echo(
        f"{username} is now a center admin; their pages start at {reverse('center:admin_home')}."
    )
