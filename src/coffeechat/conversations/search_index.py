"""What of step 5 the search box finds: conversations, by goals, notes and what was said."""

from __future__ import annotations

from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.people.models import Contact
from coffeechat.search.indexing import Follows, Indexed, join, register


def conversation_text(conversation: Conversation) -> tuple[str, str]:
    takeaways = [t.text for t in conversation.takeaways.all()]
    agenda_notes = [a.notes for a in conversation.agenda_items.all()]
    return str(conversation), join(
        conversation.goals,
        conversation.notes,
        conversation.come_back_to,
        conversation.place,
        *takeaways,
        *agenda_notes,
    )


def register_search() -> None:
    register(
        Indexed(
            Conversation,
            "conversation",
            "Conversations",
            40,
            conversation_text,
            select_related=("contact", "organization"),
            prefetch_related=("takeaways", "agenda_items"),
            parts=((AgendaItem, "conversation"), (Takeaway, "conversation")),
            follows=(Follows(Contact, "contact"),),  # found by the person's name
            shown=(*(f"contact__{f}" for f in Contact.NAME_FIELDS), "organization__name"),
        )
    )
