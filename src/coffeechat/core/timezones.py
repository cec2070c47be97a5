"""A meeting's time keeps its own zone: the moment a meeting in Tokyo starts is shown on the
seeker's clock with Tokyo's time beside it (coffeechat.lib.zones.format_moment).

A model names the fields that happen in its own `time_zone` with `own_time_zone_fields`
(a conversation's `scheduled_at`); every other moment is the seeker's alone.
"""

from __future__ import annotations

import datetime

from coffeechat.lib.zones import zone_named


def in_own_zone(obj, name: str, value):
    """value placed in obj's own zone when `name` is one of obj's own-zone fields and value is
    an aware datetime; otherwise value as it was."""
    if (
        isinstance(value, datetime.datetime)
        and value.tzinfo is not None
        and name in getattr(obj, "own_time_zone_fields", ())
    ):
        zone = zone_named(getattr(obj, "time_zone", ""))
        if zone is not None:
            return value.astimezone(zone)
    return value
