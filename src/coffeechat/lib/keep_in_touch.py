"""When to get back in touch after a conversation: a note about a week after, then every one
to three months (two by default, or the person's own rhythm). Any interaction resets it."""

from __future__ import annotations

from datetime import date, timedelta

FIRST_NOTE_AFTER_DAYS = 7
DEFAULT_EVERY_DAYS = 60
THANK_YOU_WINDOW_DAYS = 2  # interactions this soon after the meeting are the thank-you


def next_touch(
    held_on: date | None, last_interaction_on: date | None, every_days: int | None = None
) -> date | None:
    """The day a keep-in-touch note is due, or None when there was no conversation yet."""
    if held_on is None:
        return None
    if last_interaction_on is None or last_interaction_on <= held_on + timedelta(
        days=THANK_YOU_WINDOW_DAYS
    ):
        return held_on + timedelta(days=FIRST_NOTE_AFTER_DAYS)
    return last_interaction_on + timedelta(days=every_days or DEFAULT_EVERY_DAYS)
