"""Times shown where they happen: a meeting in Tokyo is shown in Tokyo time."""

from __future__ import annotations

import datetime

from coffeechat.lib.zones import zone_named


def in_own_zone(obj, value):
    """value converted to obj's zone when value is an aware datetime and obj has a valid
    `time_zone` of its own (a meeting); otherwise value as it was."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        zone = zone_named(getattr(obj, "time_zone", ""))
        if zone is not None:
            return value.astimezone(zone)
    return value
