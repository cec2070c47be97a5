"""Live etiquette checks while the user types a message or a question (HTMX partials)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.accounts.clock import get_profile
from coffeechat.core.views import require_methods
from coffeechat.lib.etiquette import check_message, check_question
from coffeechat.outreach.models import Message

MAX_TEXT = 20_000

# Our channel names, as the checker knows them.
CHECKER_CHANNEL = {
    Message.Channel.EMAIL: "email",
    Message.Channel.LINKEDIN_NOTE: "linkedin-note",
    Message.Channel.LINKEDIN_MESSAGE: "inmail",
    Message.Channel.INMAIL: "inmail",
    Message.Channel.LETTER: "letter",
    Message.Channel.CARD: "letter",
    Message.Channel.PHONE: "letter",
}


def checker_channel(channel: str, premium: bool) -> str:
    name = CHECKER_CHANNEL.get(channel, "email")
    if name == "linkedin-note" and not premium:
        return "linkedin-note-free"
    return name


def message_findings(user, body: str, channel: str, subject: str, kind: str = "request"):
    """Findings for a first request; other kinds of message are not held to its rules."""
    if kind != Message.Kind.REQUEST or not body.strip():
        return []
    premium = get_profile(user).linkedin_premium
    return check_message(body[:MAX_TEXT], checker_channel(channel, premium), subject[:MAX_TEXT])


@require_methods("POST")
def lint_message(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", Message.Kind.REQUEST)
    findings = message_findings(
        request.user,
        request.POST.get("body", ""),
        request.POST.get("channel", "email"),
        request.POST.get("subject", ""),
        kind,
    )
    # Only first requests are held to the practice's rules: no verdict on other kinds.
    context = {"findings": findings, "checked": kind == Message.Kind.REQUEST}
    return render(request, "outreach/_findings.html", context)


@require_methods("POST")
def lint_question(request: HttpRequest) -> HttpResponse:
    text = request.POST.get("text", "")[:MAX_TEXT]
    findings = check_question(text) if text.strip() else []
    return render(request, "outreach/_findings.html", {"findings": findings, "checked": True})
