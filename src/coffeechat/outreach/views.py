"""Pages of step 4: messages to people, as drafts and as sent."""

from coffeechat.core.crud import Column, Entity, register
from coffeechat.outreach import forms
from coffeechat.outreach.models import Message

messages_entity = register(
    Entity(
        model=Message,
        form_class=forms.MessageForm,
        namespace="outreach",
        slug="messages",
        description="Requests, follow-ups, thank-yous and updates.",
        columns=[
            Column("Message", "label", link=True),
            Column("To", "contact"),
            Column("Kind", "kind"),
            Column("Channel", "channel"),
            Column("Status", "status"),
            Column("Sent", "sent_at"),
        ],
        list_select_related=("contact",),
        search_fields=("subject", "body", "contact__first_name", "contact__last_name"),
        filters=("kind", "channel", "status"),
        parents=("contact", "conversation"),
    )
)

ENTITIES = [messages_entity]
