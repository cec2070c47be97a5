"""Everything that happened with a person, newest first, for their page.

People knows interactions and the seeker's own notes; the apps above it (messages,
conversations) add their moments with `add_source` when they start, so this module never
imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from coffeechat.people.models import Contact, Interaction


@dataclass(frozen=True)
class Event:
    when: datetime
    what: str
    text: str = ""
    url: str = ""
    # A moment that also logged an interaction (a message marked sent): shown once, as that.
    logged_as_interaction: bool = False

    def as_row(self) -> dict:
        return {"when": self.when, "what": self.what, "text": self.text, "url": self.url}


Source = Callable[[object, Contact], Iterable[Event]]
_sources: list[Source] = []


def add_source(source: Source) -> None:
    """Let `source(user, contact)` add its events to every timeline (once, however often)."""
    if source not in _sources:
        _sources.append(source)


def timeline(user, contact: Contact) -> list[dict]:
    """Every event, newest first: one query per kind of thing that happened."""
    events = list(_interactions(user, contact))
    logged = {event.when for event in events}
    for source in _sources:
        events.extend(
            event
            for event in source(user, contact)
            if not (event.logged_as_interaction and event.when in logged)
        )
    if contact.notes:
        events.append(Event(contact.updated_at, "Your notes"))
    events.sort(key=lambda event: event.when, reverse=True)
    return [event.as_row() for event in events]


def _interactions(user, contact: Contact) -> Iterable[Event]:
    for item in Interaction.objects.owned_by(user).filter(contact=contact):
        yield Event(
            item.occurred_at,
            f"{item.get_kind_display()} · {item.get_direction_display()}",
            item.summary,
            item.get_absolute_url(),
        )
