"""Where each part of the center starts: a coach at their seekers, an alumni volunteer at the
requests sent to them, a center admin at the center's page. A seeker starts at Today."""

from __future__ import annotations

from django.urls import reverse

from coffeechat.center import access
from coffeechat.center.models import Role

HOMES = {
    Role.COACH: "center:coach_dashboard",
    Role.VOLUNTEER: "center:volunteer_inbox",
    Role.ADMIN: "center:admin_home",
}


def home_of(user) -> str | None:
    """The address a person's home page is, when it is not Today."""
    name = HOMES.get(access.role_of(user))
    return reverse(name) if name else None
