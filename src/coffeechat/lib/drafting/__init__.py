"""Drafts of the messages of the practice, written from what coffeechat knows.

A first request names the true connection first, says briefly who the writer is, asks a
question for a short, specific amount of time to learn (never for a job, and says so), and is
signed. Follow-ups are short and polite; thank-yous quote the advice the seeker is acting on;
updates say what came of it. The moments around a meeting (confirming it, moving it, a missed
meeting, a kind answer to a no) and asking someone for an introduction are short, signed and
ask for nothing beyond the conversation (moments). Whatever the seeker typed — sentences,
fragments, nothing — is read into typed pieces first (phrases), so no draft pastes a note into
a frame. Plain Python: the app fills the facts from its rows (coffeechat.outreach.drafts).
"""

from coffeechat.lib.drafting.afterwards import follow_up, keep_in_touch, promise_for, thank_you
from coffeechat.lib.drafting.connection import opening
from coffeechat.lib.drafting.facts import (
    CARD,
    CHANNELS,
    EMAIL,
    INMAIL,
    INMAIL_BODY_LIMIT,
    INMAIL_SUBJECT_LIMIT,
    LETTER,
    LINKEDIN_MESSAGE,
    LINKEDIN_NOTE,
    NOTE_LIMIT_FREE,
    NOTE_LIMIT_PREMIUM,
    PHONE,
    SOURCES,
    Draft,
    DraftFacts,
    LeadNews,
    Link,
    Reader,
    WhatHappened,
    Writer,
)
from coffeechat.lib.drafting.moments import (
    INTRODUCTION_NOT_A_JOB,
    NO_REPLY_NEEDED,
    confirmation,
    decline_reply,
    introduction_request,
    no_show,
    reschedule,
)
from coffeechat.lib.drafting.requests import (
    NAME_TO_FILL_IN,
    NOT_A_JOB,
    about_me,
    request,
    signature,
)

__all__ = [
    "CARD",
    "CHANNELS",
    "EMAIL",
    "INMAIL",
    "INMAIL_BODY_LIMIT",
    "INMAIL_SUBJECT_LIMIT",
    "INTRODUCTION_NOT_A_JOB",
    "LETTER",
    "LINKEDIN_MESSAGE",
    "LINKEDIN_NOTE",
    "NAME_TO_FILL_IN",
    "NOTE_LIMIT_FREE",
    "NOTE_LIMIT_PREMIUM",
    "NO_REPLY_NEEDED",
    "NOT_A_JOB",
    "PHONE",
    "SOURCES",
    "Draft",
    "DraftFacts",
    "LeadNews",
    "Link",
    "Reader",
    "WhatHappened",
    "Writer",
    "about_me",
    "confirmation",
    "decline_reply",
    "follow_up",
    "introduction_request",
    "keep_in_touch",
    "no_show",
    "opening",
    "promise_for",
    "request",
    "reschedule",
    "signature",
    "thank_you",
]
