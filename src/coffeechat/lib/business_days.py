"""Business days: weekdays that are not public holidays in the seeker's country.

The practice counts in business days (the 3B7 rhythm: look again after 3, follow up after 7),
so a request sent on a Friday before a holiday weekend waits longer in calendar days.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
from datetime import date, timedelta
from pathlib import Path

from coffeechat.lib.atomic_file import write_atomically

# A folder where each country's holidays of a year are kept once computed, or None. The
# holidays package imports all of its ~200 countries on first use (about 0.15 s), which a
# short command such as `coffeechat today` should not pay each time; the app points this at
# its data folder. Files are named after the package's install time, so an upgrade of the
# package is never served stale dates.
CACHE_DIR: Path | None = None


@functools.cache
def _holidays(country: str, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    country = country.upper()
    cache = _cache_file(country, year)
    if cache is not None:
        with contextlib.suppress(OSError, ValueError, TypeError):
            return frozenset(date.fromisoformat(day) for day in json.loads(cache.read_text()))
    import holidays  # noqa: PLC0415 — loads every country (0.15 s); only a cache miss needs it

    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return frozenset()  # an unknown country: weekends only
    days = frozenset(calendar)
    if cache is not None:
        _write(cache, json.dumps(sorted(day.isoformat() for day in days)))
    return days


@functools.cache
def _package_stamp() -> str:
    spec = importlib.util.find_spec("holidays")
    origin = spec.origin if spec else None
    return str(int(os.stat(origin).st_mtime)) if origin else "unknown"


def _cache_file(country: str, year: int) -> Path | None:
    if CACHE_DIR is None or not country.isalnum():
        return None
    return Path(CACHE_DIR) / f"holidays-{country}-{year}-{_package_stamp()}.json"


def _write(path: Path, text: str) -> None:
    """Errors are ignored: the cache only saves time."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))


def is_business_day(day: date, country: str = "") -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def add_business_days(start: date, days: int, country: str = "") -> date:
    """The date `days` business days after start (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_business_day(current, country):
            remaining -= 1
    return current


def business_days_between(start: date, end: date, country: str = "") -> int:
    """Business days after start up to and including end; 0 when end is not after start."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_business_day(current, country):
            count += 1
    return count


def is_known_country(country: str) -> bool:
    import holidays  # noqa: PLC0415 — loads every country (0.15 s); only forms need the list

    return country.upper() in holidays.list_supported_countries()
