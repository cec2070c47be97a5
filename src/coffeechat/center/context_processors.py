"""The part the signed-in person plays in the center, for the navigation."""

from __future__ import annotations

from coffeechat.center import access


def center(request) -> dict:
    return {"center_role": access.role_of(request.user)}
