"""Business days: weekdays that are not public holidays in the seeker's country.

The practice counts in business days (the 3B7 rhythm: look again after 3, follow up after 7),
so a request sent on a Friday before a holiday weekend waits longer in calendar days.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.cache
def _holidays(country: str, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    try:
        calendar = holidays.country_holidays(country.upper(), years=year)
    except NotImplementedError:
        return frozenset()  # an unknown country: weekends only
    return frozenset(calendar)


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
    return country.upper() in holidays.list_supported_countries()
