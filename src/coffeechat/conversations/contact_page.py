"""What a person's page shows of the conversations with them: their moments on the timeline,
and whether they answered a request quickly (a likely booster)."""

from __future__ import annotations

from collections.abc import Iterable

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import next_step
from coffeechat.conversations.models import Conversation
from coffeechat.core.crud import extend_detail
from coffeechat.people.models import Contact
from coffeechat.people.timeline import Event, add_source


def conversation_events(user, contact: Contact) -> Iterable[Event]:
    for conversation in Conversation.objects.owned_by(user).filter(contact=contact):
        moments = [
            (conversation.created_at, "Conversation planned"),
            (conversation.scheduled_at, "Conversation scheduled for"),
            (conversation.held_at, "Conversation held"),
        ]
        for when, what in moments:
            if when is not None:
                yield Event(when, what, conversation.goals[:140], conversation.get_absolute_url())


def answered_quickly(user, contact: Contact) -> bool:
    """They answered a request within 3 business days: a likely booster."""
    answered = Conversation.objects.owned_by(user).filter(
        contact=contact, requested_at__isnull=False, replied_at__isnull=False
    )
    clock = None
    for requested_at, replied_at in answered.values_list("requested_at", "replied_at"):
        clock = clock or clock_for(user)
        if clock.rhythm(requested_at, replied_at).likely_booster:
            return True
    return False


def booster_context(request, contact: Contact) -> dict:
    return {
        "booster": answered_quickly(request.user, contact),
        "next_step": next_step.for_contact(contact, request.user),
    }


def add_to_contact_page() -> None:
    add_source(conversation_events)
    extend_detail("people:contact", booster_context)
