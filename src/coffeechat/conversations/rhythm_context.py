"""A conversation's page: its next step, and the 3B7 rhythm of its request in the seeker's
own days."""

from __future__ import annotations

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import next_step
from coffeechat.conversations.models import Conversation
from coffeechat.lib.rhythm import Rhythm


def conversation_rhythm(conversation: Conversation) -> dict:
    """{"next_step"}, and {"rhythm", "due", "today"} for a conversation whose request was
    sent."""
    clock = clock_for(conversation.owner)
    context = {"next_step": next_step.for_conversation(conversation, clock)}
    if conversation.requested_at is None:
        return context
    rhythm: Rhythm = clock.rhythm(conversation.requested_at, conversation.replied_at)
    today = clock.today()
    return {**context, "rhythm": rhythm, "due": rhythm.due(today), "today": today}
