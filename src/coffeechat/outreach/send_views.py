"""Getting a message out: an .eml file, SMTP when configured, and recording that it went."""

from __future__ import annotations

import re
import smtplib

from django.conf import settings
from django.contrib import messages as flash
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coffeechat.accounts.clock import get_profile
from coffeechat.core.views import owned_object
from coffeechat.lib.control_chars import has_controls, without_controls
from coffeechat.lib.mailto import eml_bytes
from coffeechat.outreach.models import Message
from coffeechat.outreach.sending import record_reply, record_sent


def smtp_configured() -> bool:
    return bool(settings.EMAIL_HOST)


@owned_object(Message, "GET")
def eml(request: HttpRequest, message: Message) -> HttpResponse:
    sender = get_profile(request.user).email
    data = eml_bytes(message.contact.email, message.subject, message.body, sender)
    response = HttpResponse(data, content_type="message/rfc822")
    name = re.sub(r"[^\w.-]+", "-", message.subject or "message").strip("-")[:60] or "message"
    response["Content-Disposition"] = f'attachment; filename="{name}.eml"'
    response["Cache-Control"] = "no-store"
    return response


@owned_object(Message, "POST")
def act(request: HttpRequest, message: Message) -> HttpResponse:
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
    if has_controls(message.contact.email):
        flash.error(request, f"{message.contact}’s email address is not valid; correct it first.")
        return
    if message.status != Message.Status.DRAFT:
        flash.error(request, "This message was already sent.")
        return
    profile = get_profile(request.user)
    email = EmailMessage(
        subject=without_controls(message.subject),
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
