"""Time zones: the names people type (which are real, the list offered while typing) and
moments written out on a person's own clock."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import date, datetime

UTC_ZONE = zoneinfo.ZoneInfo("UTC")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for an empty or unknown name (never an exception)."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return None


def is_zone_name(name: str | None) -> bool:
    return zone_named(name) is not None


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Region/City names, sorted: what a person picks from (no Etc/GMT+5 or SystemV names)."""
    names = zoneinfo.available_timezones()
    return tuple(sorted(n for n in names if "/" in n and not n.startswith(("Etc/", "SystemV/"))))


def format_moment(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A moment as the seeker reads it, on their own clock: "Thu 3 Dec 2026, 09:30 NZDT".

    A moment placed in a zone of its own (a meeting in New York, as Conversation.local_start
    gives it) adds its time there when that differs: "… (meeting time: Wed 2 Dec, 15:30 EST)".
    Moments read from the database carry plain UTC and add nothing."""
    local = moment.astimezone(zone)
    text = _spelled(local, with_year=True)
    if isinstance(moment.tzinfo, zoneinfo.ZoneInfo) and moment.utcoffset() != local.utcoffset():
        there = _spelled(moment, with_year=False)
        if moment.date() == local.date():
            there = there.split(", ", 1)[1]
        text += f" (meeting time: {there})"
    return text


# English names, whatever the process's locale (strftime's %a and %b follow it), and without
# three strftime calls per day: Today writes a few hundred days.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date, with_year: bool = True) -> str:
    """A day as every page writes it: "Thu 3 Dec 2026"."""
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _spelled(moment: datetime, with_year: bool) -> str:
    return f"{format_day(moment, with_year)}, {moment:%H:%M} {moment.tzname()}"
