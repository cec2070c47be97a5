"""Getting a message out: an .eml file, SMTP when configured, and recording that it went."""

from __future__ import annotations

import re
import smtplib

from django.conf import settings
from django.contrib import messages as flash
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.lib.mailto import eml_bytes
from coffeechat.outreach.models import Message
from coffeechat.people.models import Interaction
from coffeechat.prepare.profiles import get_profile

INTERACTION_KIND = {
    Message.Channel.EMAIL: Interaction.Kind.EMAIL,
    Message.Channel.LINKEDIN_NOTE: Interaction.Kind.LINKEDIN,
    Message.Channel.LINKEDIN_MESSAGE: Interaction.Kind.LINKEDIN,
    Message.Channel.INMAIL: Interaction.Kind.LINKEDIN,
    Message.Channel.LETTER: Interaction.Kind.CARD,
    Message.Channel.CARD: Interaction.Kind.CARD,
    Message.Channel.PHONE: Interaction.Kind.CALL,
}


def smtp_configured() -> bool:
    return bool(settings.EMAIL_HOST)


def eml(request: HttpRequest, message_id: int) -> HttpResponse:
    message = Message.get_for_user(request.user, message_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    sender = get_profile(request.user).email
    data = eml_bytes(message.contact.email, message.subject, message.body, sender)
    response = HttpResponse(data, content_type="message/rfc822")
    name = re.sub(r"[^\w.-]+", "-", message.subject or "message").strip("-")[:60] or "message"
    response["Content-Disposition"] = f'attachment; filename="{name}.eml"'
    response["Cache-Control"] = "no-store"
    return response


def act(request: HttpRequest, message_id: int) -> HttpResponse:
    message = Message.get_for_user(request.user, message_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = request.POST.get("action", "")
    if action == "mark_sent":
        record_sent(message)
        flash.success(request, "Marked as sent. coffeechat will remind you when to look again.")
    elif action == "smtp":
        _send_by_smtp(request, message)
    elif action == "replied":
        record_reply(message)
        flash.success(request, "Noted their reply; the follow-up reminders are off.")
    else:
        flash.error(request, "That action is not known.")
    return redirect(message)


def _send_by_smtp(request: HttpRequest, message: Message) -> None:
    if not smtp_configured():
        flash.error(request, "Sending needs an SMTP server; set COFFEECHAT_SMTP_HOST first.")
        return
    if message.channel != Message.Channel.EMAIL or not message.contact.email:
        flash.error(request, f"{message.contact} has no email address to send to.")
        return
    if message.status != Message.Status.DRAFT:
        flash.error(request, "This message was already sent.")
        return
    profile = get_profile(request.user)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=profile.email or settings.DEFAULT_FROM_EMAIL,
        to=[message.contact.email],
        reply_to=[profile.email] if profile.email else None,
    )
    try:
        email.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        flash.error(request, f"The mail server refused the message: {error}. Nothing was sent.")
        return
    record_sent(message)
    flash.success(request, f"Sent to {message.contact.email}.")


@transaction.atomic
def record_sent(message: Message) -> None:
    """The message went out: log it, and move its conversation to requested."""
    if message.status == Message.Status.SENT:
        return
    now = timezone.now()
    message.status = Message.Status.SENT
    message.sent_at = message.sent_at or now
    if message.kind == Message.Kind.REQUEST and message.conversation_id is None:
        message.conversation = Conversation.objects.create(
            owner=message.owner,
            contact=message.contact,
            time_zone=get_profile(message.owner).time_zone,
        )
    message.save()
    Interaction.objects.create(
        owner=message.owner,
        contact=message.contact,
        conversation=message.conversation,
        kind=INTERACTION_KIND.get(message.channel, Interaction.Kind.OTHER),
        direction=Interaction.Direction.OUTGOING,
        occurred_at=message.sent_at,
        summary=f"{message.get_kind_display()}: {message.label}",
    )
    conversation = message.conversation
    if conversation is not None:
        _advance(message, conversation)


# Where sending each kind of message moves its conversation in the pipeline, and from where.
_MOVES = {
    Message.Kind.REQUEST: ((Conversation.Status.PLANNED,), Conversation.Status.REQUESTED),
    Message.Kind.THANK_YOU: (
        (*Conversation.OPEN_STATUSES, Conversation.Status.HELD),
        Conversation.Status.THANKED,
    ),
    Message.Kind.UPDATE: (
        (Conversation.Status.HELD, Conversation.Status.THANKED),
        Conversation.Status.KEEPING_IN_TOUCH,
    ),
}


def _advance(message: Message, conversation: Conversation) -> None:
    from coffeechat.followup.models import Task

    move = _MOVES.get(message.kind)
    if move and conversation.status in move[0]:
        conversation.status = move[1]
    if message.kind == Message.Kind.REQUEST:
        conversation.requested_at = conversation.requested_at or message.sent_at
    if message.kind == Message.Kind.THANK_YOU:
        # Thanking them means the conversation happened, even if nobody recorded it.
        if conversation.held_at is None:
            scheduled = conversation.scheduled_at
            held = scheduled if scheduled and scheduled <= message.sent_at else message.sent_at
            conversation.held_at = held
        if conversation.requested_at and conversation.replied_at is None:
            conversation.replied_at = conversation.held_at
        conversation.thanked_at = conversation.thanked_at or message.sent_at
        for task in Task.objects.filter(
            conversation=conversation, kind=Task.Kind.THANK_YOU, done=False
        ):
            task.done = True
            task.save()
    conversation.save()


@transaction.atomic
def record_reply(message: Message) -> None:
    """They answered: the 3B7 reminders stop and the response time is kept."""
    now = timezone.now()
    Interaction.objects.create(
        owner=message.owner,
        contact=message.contact,
        conversation=message.conversation,
        kind=INTERACTION_KIND.get(message.channel, Interaction.Kind.OTHER),
        direction=Interaction.Direction.INCOMING,
        occurred_at=now,
        summary=f"Reply to: {message.label}",
    )
    conversation = message.conversation
    if conversation is not None and conversation.replied_at is None:
        conversation.replied_at = now
        conversation.save(update_fields=["replied_at", "updated_at"])
