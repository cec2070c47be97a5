"""Times shown where they happen: a meeting in Tokyo is shown in Tokyo time."""

from __future__ import annotations

import datetime
import zoneinfo


def zone_of(obj) -> zoneinfo.ZoneInfo | None:
    """The object's own time zone, when it has a valid `time_zone` field."""
    name = getattr(obj, "time_zone", "")
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def in_own_zone(obj, value):
    """value converted to obj's zone when value is an aware datetime and obj has a zone."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        zone = zone_of(obj)
        if zone is not None:
            return value.astimezone(zone)
    return value
