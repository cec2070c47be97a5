"""What of step 4 the search box finds: messages, by subject, text and person."""

from __future__ import annotations

from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.search.indexing import Follows, Indexed, join, register


def message_text(message: Message) -> tuple[str, str]:
    return message.label, join(message.body, str(message.contact))


def register_search() -> None:
    register(
        Indexed(
            Message,
            "message",
            "Messages",
            50,
            message_text,
            select_related=("contact",),
            follows=(Follows(Contact, "contact"),),
            shown=("subject", "kind", *(f"contact__{f}" for f in Contact.NAME_FIELDS)),
        )
    )
