"""Time zone names as people type them: which are real, and the list offered while typing."""

from __future__ import annotations

import functools
import zoneinfo


def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for an empty or unknown name (never an exception)."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def is_zone_name(name: str | None) -> bool:
    return zone_named(name) is not None


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Region/City names, sorted: what a person picks from (no Etc/GMT+5 or SystemV names)."""
    names = zoneinfo.available_timezones()
    return tuple(sorted(n for n in names if "/" in n and not n.startswith(("Etc/", "SystemV/"))))
