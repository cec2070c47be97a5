"""The 3B7 rhythm of one conversation's request, in the seeker's own days."""

from __future__ import annotations

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import Conversation
from coffeechat.lib.rhythm import Rhythm


def conversation_rhythm(conversation: Conversation) -> dict:
    """{"rhythm", "due", "today"} for a conversation whose request was sent, else {}."""
    if conversation.requested_at is None:
        return {}
    clock = clock_for(conversation.owner)
    rhythm: Rhythm = clock.rhythm(conversation.requested_at, conversation.replied_at)
    today = clock.today()
    return {"rhythm": rhythm, "due": rhythm.due(today), "today": today}
