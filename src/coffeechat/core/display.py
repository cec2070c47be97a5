"""A stored value as a person reads it on a page: the `display` template filter, and the
cells of the lists (core.crud) made with it in Python."""

from __future__ import annotations

import datetime

from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from coffeechat.lib.zones import format_day, format_moment


def display(value) -> str:
    """A value as a person reads it: dates spelled out, times on the seeker's clock, yes/no for
    booleans, — for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return date_filter(value, "D j M Y, H:i")
        # The seeker's zone, which the middleware made current; a meeting adds its own time.
        return format_moment(value, timezone.get_current_timezone())
    if isinstance(value, datetime.date):
        return format_day(value)
    return str(value)
