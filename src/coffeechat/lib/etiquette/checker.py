"""The public API: check a first request or a prepared question against the etiquette rules."""

from __future__ import annotations

from coffeechat.lib.etiquette import rules_messages, rules_questions
from coffeechat.lib.etiquette.findings import Finding, has_errors, ordered

CHANNELS = ("email", "linkedin-note", "linkedin-note-free", "inmail", "letter")

__all__ = ["CHANNELS", "Finding", "check_message", "check_question", "has_errors"]


def check_message(body: str, channel: str = "email", subject: str = "") -> list[Finding]:
    """Findings for a first request for an informational interview, errors first.

    `channel` decides the length limits (LinkedIn notes, InMail); `subject` is the email or
    InMail subject line. A blank body has nothing to check and gives no findings.
    """
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}; use one of: {', '.join(CHANNELS)}.")
    if not body or not body.strip():
        return []
    message = rules_messages.Message.parse(body, channel, subject or "")
    findings = (rule(message) for rule in rules_messages.RULES)
    return ordered(f for f in findings if f is not None)


def check_question(question: str) -> list[Finding]:
    """Findings for one question to ask in the conversation, errors first."""
    text = rules_questions.prepare(question or "")
    if not text:
        return []
    findings = (rule(text) for rule in rules_questions.RULES)
    return ordered(f for f in findings if f is not None)
