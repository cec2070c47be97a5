"""What a draft is written from: the reader, the writer (the seeker), how they are linked, and
for the messages after a conversation, what happened in it. Plain values; the app fills them
from its rows (coffeechat.outreach.drafts)."""

from __future__ import annotations

from dataclasses import dataclass, field

EMAIL = "email"
LINKEDIN_NOTE = "linkedin_note"
LINKEDIN_MESSAGE = "linkedin_message"
INMAIL = "inmail"
LETTER = "letter"
CARD = "card"  # a handwritten card: thank-yous only
PHONE = "phone"
CHANNELS = (EMAIL, LINKEDIN_NOTE, LINKEDIN_MESSAGE, INMAIL, LETTER, PHONE)

NOTE_LIMIT_PREMIUM = 300
NOTE_LIMIT_FREE = 200
INMAIL_SUBJECT_LIMIT = 200
INMAIL_BODY_LIMIT = 1900

# How the seeker knows someone: the people app's Source values.
SOURCES = (
    "referral",
    "alumni",
    "professor",
    "former_coworker",
    "family",
    "friend",
    "friend_of_contact",
    "linkedin_1st",
    "linkedin_2nd",
    "event",
    "article",
    "cold",
)


@dataclass(frozen=True)
class Reader:
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    organization: str = ""


@dataclass(frozen=True)
class Writer:
    name: str = ""  # as they sign
    role: str = ""  # how they describe themselves, as typed ("a third-year economics student")
    school: str = ""
    employers: tuple[str, ...] = ()
    exploring: str = ""  # what they are exploring, as typed
    signature: str = ""  # lines under the name, as typed


@dataclass(frozen=True)
class Link:
    source: str = "cold"
    linked_by: str = ""  # the person who referred them, or the mutual connection
    detail: str = ""  # the seeker's note on how they know them, as typed
    override: str = ""  # the seeker's own connection sentence for this person


@dataclass(frozen=True)
class DraftFacts:
    reader: Reader
    writer: Writer = field(default_factory=Writer)
    link: Link = field(default_factory=Link)
    minutes: int = 20
    premium: bool = False  # LinkedIn Premium: 300-character connection notes


@dataclass(frozen=True)
class LeadNews:
    role: str  # the opening they told the seeker about, as typed
    status: str  # noted, applied, interviewing, offer, closed


@dataclass(frozen=True)
class WhatHappened:
    """What a conversation left: advice the seeker is acting on, promises, the résumé."""

    advice: tuple[str, ...] = ()  # takeaways marked "will act on" first, then advice
    promises: tuple[str, ...] = ()  # open promises, as typed ("Send Aiko my survey project")
    kept: tuple[str, ...] = ()  # promises already kept
    resume_sent: bool = False  # a résumé went to them (never "attached": drafts attach nothing)
    leads: tuple[LeadNews, ...] = ()  # openings they told the seeker about, and how it went


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
