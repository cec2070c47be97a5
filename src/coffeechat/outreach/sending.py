"""A message went out, or their answer came in: the message is marked, the interaction with
the person is logged, and the conversation moves on through its lifecycle."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coffeechat.conversations import lifecycle
from coffeechat.outreach.models import Message
from coffeechat.people.models import Interaction

INTERACTION_KIND = {
    Message.Channel.EMAIL: Interaction.Kind.EMAIL,
    Message.Channel.LINKEDIN_NOTE: Interaction.Kind.LINKEDIN,
    Message.Channel.LINKEDIN_MESSAGE: Interaction.Kind.LINKEDIN,
    Message.Channel.INMAIL: Interaction.Kind.LINKEDIN,
    Message.Channel.LETTER: Interaction.Kind.CARD,
    Message.Channel.CARD: Interaction.Kind.CARD,
    Message.Channel.PHONE: Interaction.Kind.CALL,
}

# What sending each kind of message means for its conversation.
EVENT_OF_KIND = {
    Message.Kind.REQUEST: lifecycle.request_sent,
    Message.Kind.THANK_YOU: lifecycle.thank_you_sent,
    Message.Kind.UPDATE: lifecycle.update_sent,
}


@transaction.atomic
def record_sent(message: Message) -> None:
    """The message went out: log it, and move its conversation on (a request without one
    starts a conversation, as it is the first step of one)."""
    if message.status == Message.Status.SENT:
        return
    message.status = Message.Status.SENT
    message.sent_at = message.sent_at or timezone.now()
    if message.kind == Message.Kind.REQUEST and message.conversation_id is None:
        message.conversation = lifecycle.start(message.owner, message.contact)
    message.save()
    touch = lifecycle.Touch(
        kind=INTERACTION_KIND.get(message.channel, Interaction.Kind.OTHER),
        direction=Interaction.Direction.OUTGOING,
        summary=f"{message.get_kind_display()}: {message.label}",
    )
    lifecycle.touched(message.contact, message.conversation, message.sent_at, touch)
    event = EVENT_OF_KIND.get(message.kind)
    if event is not None and message.conversation is not None:
        event(message.conversation, message.sent_at)


@transaction.atomic
def record_reply(message: Message) -> None:
    """They answered: the 3B7 reminders stop and the response time is kept."""
    now = timezone.now()
    touch = lifecycle.Touch(
        kind=INTERACTION_KIND.get(message.channel, Interaction.Kind.OTHER),
        direction=Interaction.Direction.INCOMING,
        summary=f"Reply to: {message.label}",
    )
    lifecycle.touched(message.contact, message.conversation, now, touch)
    if message.conversation is not None:
        lifecycle.reply_received(message.conversation, now)
