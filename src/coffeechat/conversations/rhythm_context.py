"""The 3B7 rhythm of one conversation's request, in the seeker's own days."""

from __future__ import annotations

from coffeechat.conversations.models import Conversation
from coffeechat.lib.rhythm import Rhythm, rhythm_for
from coffeechat.prepare.profiles import seeker_today


def conversation_rhythm(conversation: Conversation) -> dict:
    """{"rhythm", "due", "today"} for a conversation whose request was sent, else {}."""
    if conversation.requested_at is None:
        return {}
    profile, _, today = seeker_today(conversation.owner)
    rhythm: Rhythm = rhythm_for(
        conversation.requested_at,
        profile.time_zone,
        profile.holiday_country,
        replied_at=conversation.replied_at,
    )
    return {"rhythm": rhythm, "due": rhythm.due(today), "today": today}
