"""Local mode: one owner account, reached through one-time login links printed by the CLI;
and the account a command works for."""

from __future__ import annotations

import getpass
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from coffeechat.accounts.models import LoginLink
from coffeechat.core.cli_support import UserFacingError


def _default_username() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name on some containers and services
        name = ""
    name = re.sub(r"[^\w.@+-]", "", name)[:150]
    return name or "owner"


def ensure_owner():
    """The local owner account, created on first use (no password until one is set)."""
    User = get_user_model()
    owners = User.objects.filter(is_superuser=True, is_active=True).order_by("pk")
    owner = owners.first()
    if owner is not None:
        return owner
    try:
        with transaction.atomic():
            owner = User(username=_default_username(), is_staff=True, is_superuser=True)
            owner.set_unusable_password()
            owner.save()
    except IntegrityError:
        # Two first commands at once (two imports into a new data folder): the other made it.
        owner = owners.first()
        if owner is None:
            raise
    return owner


def login_link_path(user) -> str:
    return f"{reverse('accounts:link')}?token={LoginLink.issue(user)}"


def resolve_user(username: str | None):
    """The account a command works for: --user, or the local owner in local mode."""
    if username:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise UserFacingError(f"There is no active account named {username!r}.")
        return user
    if not settings.LOCAL_MODE:
        raise UserFacingError("On a server, say whose data this is with --user USERNAME.")
    return ensure_owner()
