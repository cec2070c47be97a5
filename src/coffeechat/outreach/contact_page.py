"""What a person's page shows of the messages to them: each one on the timeline."""

from __future__ import annotations

from collections.abc import Iterable

from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.people.timeline import Event, add_source


def message_events(user, contact: Contact) -> Iterable[Event]:
    for message in Message.objects.owned_by(user).filter(contact=contact):
        yield Event(
            message.sent_at or message.created_at,
            f"{message.get_kind_display()} ({message.get_status_display().lower()})",
            message.label,
            message.get_absolute_url(),
            # Marking it sent logged an interaction at that very moment, shown instead.
            logged_as_interaction=message.sent_at is not None,
        )


def add_to_contact_page() -> None:
    add_source(message_events)
