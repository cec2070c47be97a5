"""The part the signed-in person plays in the center, for the navigation."""

from __future__ import annotations

from coffeechat.center import access


def center(request) -> dict:
    # A page answered before authentication (a body too large to read) has no user yet.
    return {"center_role": access.role_of(getattr(request, "user", None))}
