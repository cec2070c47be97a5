"""The etiquette checker on messages as coffeechat keeps them: which of its channels and
kinds a message is, and the fixes that are mechanical enough to make in one click."""

from __future__ import annotations

import re

from coffeechat.lib.etiquette import Finding, check_message
from coffeechat.outreach.models import Message

MAX_TEXT = 20_000

# Our channels, as the checker knows them.
CHECKER_CHANNEL = {
    Message.Channel.EMAIL: "email",
    Message.Channel.LINKEDIN_NOTE: "linkedin-note",
    Message.Channel.LINKEDIN_MESSAGE: "inmail",
    Message.Channel.INMAIL: "inmail",
    Message.Channel.LETTER: "letter",
    Message.Channel.CARD: "letter",
    Message.Channel.PHONE: "letter",
}
# Our kinds of message, as the checker knows them; a reply or a note is not checked.
CHECKER_KIND = {
    Message.Kind.REQUEST: "request",
    Message.Kind.FOLLOW_UP: "follow_up",
    Message.Kind.THANK_YOU: "thank_you",
    Message.Kind.UPDATE: "update",
    # The moments around a meeting and asking for an introduction: held to what every
    # message keeps to, not to the rules of a first request to a stranger.
    Message.Kind.CONFIRM: "follow_up",
    Message.Kind.RESCHEDULE: "follow_up",
    Message.Kind.NO_SHOW: "follow_up",
    Message.Kind.DECLINE_REPLY: "follow_up",
    Message.Kind.INTRODUCTION: "follow_up",
}
# Said aloud or written by hand: no signature block to check.
UNSIGNED_CHANNELS = (Message.Channel.PHONE, Message.Channel.CARD)


def checker_channel(channel: str, premium: bool) -> str:
    name = CHECKER_CHANNEL.get(channel, "email")
    if name == "linkedin-note" and not premium:
        return "linkedin-note-free"
    return name


def is_checked(kind: str) -> bool:
    return kind in CHECKER_KIND


def findings_for(body: str, channel: str, subject: str, kind: str, premium: bool) -> list[Finding]:
    """What the checker says of a message of this kind: a first request is held to every rule
    of the practice; thank-yous, follow-ups and updates to the ones that apply to them."""
    if kind not in CHECKER_KIND or not body.strip():
        return []
    findings = check_message(
        body[:MAX_TEXT],
        checker_channel(channel, premium),
        subject[:MAX_TEXT],
        kind=CHECKER_KIND[kind],
    )
    if channel in UNSIGNED_CHANNELS:
        findings = [f for f in findings if f.rule != "signature.missing"]
    return findings


# Fixes ------------------------------------------------------------------------------------

FIXES = {
    "signature.missing": "Add your name",
    "time.missing": "Ask for {minutes} minutes",
}
_TRAILING_CLOSING = re.compile(r"\n[^\n]{1,40}[,!]\s*$")


def fix(rule: str, body: str, *, name: str, minutes: int = 20) -> str:
    """The body with the finding `rule` fixed, for the rules whose fix is mechanical; the body
    as it was for any other."""
    if rule == "signature.missing":
        signed = name.strip() or "[your name]"
        text = body.rstrip()
        if _TRAILING_CLOSING.search("\n" + text.rsplit("\n", 1)[-1]):
            return f"{text}\n{signed}"
        return f"{text}\n\nThank you,\n{signed}"
    if rule == "time.missing":
        ask = f"Would you have {minutes} minutes in the coming weeks to share your advice?"
        paragraphs = body.rstrip().split("\n\n")
        # Before the sign-off, when the last paragraph is one; else at the end.
        at = len(paragraphs) - 1 if len(paragraphs) > 1 else len(paragraphs)
        paragraphs.insert(at, ask)
        return "\n\n".join(paragraphs)
    return body


def fix_label(rule: str, minutes: int = 20) -> str:
    label = FIXES.get(rule, "")
    return label.format(minutes=minutes)
