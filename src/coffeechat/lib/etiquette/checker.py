"""The public API: check a first request or a prepared question against the etiquette rules."""

from __future__ import annotations

from coffeechat.lib.etiquette import rules_messages, rules_questions
from coffeechat.lib.etiquette.findings import Finding, has_errors, ordered

CHANNELS = ("email", "linkedin-note", "linkedin-note-free", "inmail", "letter")
KINDS = rules_messages.KINDS

__all__ = ["CHANNELS", "KINDS", "Finding", "check_message", "check_question", "has_errors"]


def check_message(
    body: str, channel: str = "email", subject: str = "", kind: str = "request"
) -> list[Finding]:
    """Findings for a message of the practice, errors first.

    `channel` decides the length limits (LinkedIn notes, InMail); `subject` is the email or
    InMail subject line. `kind` is "request" (a first request for an informational interview:
    every rule), or "follow_up", "thank_you" or "update", which are held only to the rules for
    every message (ask.job, ask.pay, ask.favor, attach.resume, length.channel, text.repeated,
    signature.missing). A blank body has nothing to check and gives no findings.
    """
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}; use one of: {', '.join(CHANNELS)}.")
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; use one of: {', '.join(KINDS)}.")
    if not body or not body.strip():
        return []
    message = rules_messages.Message.parse(body, channel, subject or "")
    findings = (rule(message) for rule in rules_messages.rules_for(kind))
    return ordered(f for f in findings if f is not None)


def check_question(question: str) -> list[Finding]:
    """Findings for one question to ask in the conversation, errors first."""
    text = rules_questions.prepare(question or "")
    if not text:
        return []
    findings = (rule(text) for rule in rules_questions.RULES)
    return ordered(f for f in findings if f is not None)
