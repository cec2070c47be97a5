"""The short messages around a conversation, and the one that asks for an introduction.

The practice names these moments: confirming the meeting the day before, moving it when the
seeker must, writing once when the other person did not appear (assuming something came up),
answering someone who said no (thanks, no hard feelings, and perhaps a name to learn from),
and asking a friend, professor or former coworker whether they would be comfortable
introducing the seeker to someone they know. None of them asks for a job or a favor beyond
the conversation; each is signed, and says the other person owes no reply where that is true.

What the seeker typed (a place, a meeting link, how they describe themselves) is read into
pieces first, as for requests (phrases); a piece that would make the text say something twice
is left out rather than repeated.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coffeechat.lib.drafting import phrases as p
from coffeechat.lib.drafting.connection import opening
from coffeechat.lib.drafting.facts import CARD, EMAIL, INMAIL, LETTER, Draft, DraftFacts, Reader
from coffeechat.lib.drafting.requests import about_me, greeting, sign_off

INTRODUCTION_NOT_A_JOB = "It isn't about a job, only about learning from their experience."
NO_REPLY_NEEDED = "If now isn't a good time, no reply is needed."
MAX_SUBJECT = 120  # a subject that names the time stays short enough to read at a glance

# Relations whose reader is addressed formally ("Dear First Last,").
FORMAL_RELATIONS = frozenset({"professor"})
# Relations worth a reminder of how the seeker knows them (the class, the shared employer).
REMINDED_RELATIONS = frozenset({"professor", "former_coworker"})


def confirmation(
    facts: DraftFacts, when_text: str, place: str = "", link: str = "", channel: str = EMAIL
) -> Draft:
    """The day before: the time, where (or the link), the agreed minutes, and that they can
    say if something changed."""
    when, where, url = when_phrase(when_text), place_phrase(place), meeting_link(link)
    subject_when = when if len(when) <= MAX_SUBJECT else ""
    candidates = []
    for at_when, at_where in ((when, where), (when, ""), ("", where), ("", "")):
        joined = ", ".join(part for part in (at_when, at_where) if part)
        paragraphs = [
            f"A quick note to confirm our conversation{' ' if joined else ''}{joined}. "
            f"I'll keep to the {facts.minutes} minutes we agreed, and I'm looking forward to it.",
            f"The link for the call: {url}" if url else "",
            "If anything has changed on your side, just let me know.",
        ]
        candidates.append(paragraphs)
    subject = f"Confirming our conversation {subject_when}".strip()
    return _draft(facts, channel, candidates, subject, "Best regards")


def reschedule(facts: DraftFacts, when_text: str = "", channel: str = EMAIL) -> Draft:
    """The seeker must move the meeting: a brief apology, their schedule first, no rush."""
    when = when_phrase(when_text)
    candidates = []
    for at_when in (when, ""):
        candidates.append(
            [
                f"I'm sorry, but I need to move our conversation{' ' if at_when else ''}"
                f"{at_when}. I'm happy to fit around your schedule: could you suggest another "
                f"time for our {facts.minutes} minutes that suits you? There's no rush at all.",
            ]
        )
    return _draft(facts, channel, candidates, "Could we find another time?", "Best regards")


def no_show(facts: DraftFacts, when_text: str = "", channel: str = EMAIL) -> Draft:
    """They did not appear: good faith, no guilt, another time offered once, no reply owed."""
    when = when_phrase(when_text)
    candidates = []
    for at_when in (when, ""):
        candidates.append(
            [
                f"It looks like we missed each other{' for our conversation ' if at_when else ''}"
                f"{at_when}. I'm sure something came up, and that's completely fine. If you'd "
                f"still like to talk, I'd be glad to find another time for the {facts.minutes} "
                f"minutes that works better for you. {NO_REPLY_NEEDED}",
            ]
        )
    return _draft(facts, channel, candidates, "Another time for our conversation?", "Best regards")


def decline_reply(facts: DraftFacts, channel: str = EMAIL, ask_for_names: bool = True) -> Draft:
    """A kind answer to a no: thanks for answering, no hard feelings, and (asking who else to
    learn from is part of the practice, not a favor) perhaps a name, with no reply owed."""
    names = (
        "If anyone comes to mind whom you think I could learn from, I'd be grateful for a "
        "name, but there's no need to reply."
        if ask_for_names
        else ""
    )
    paragraphs = [
        " ".join(
            part
            for part in (
                "Thank you for letting me know, and for taking the time to answer. I completely "
                "understand, and there are no hard feelings at all.",
                names,
                "I wish you all the best with your work.",
            )
            if part
        )
    ]
    return _draft(facts, channel, [paragraphs], "Thank you for letting me know", "Best regards")


def introduction_request(
    facts: DraftFacts, target: Reader, relation: str, channel: str = EMAIL
) -> Draft:
    """To someone the seeker knows (facts.reader): would they be comfortable introducing the
    seeker to `target` for a short conversation, to learn (not about a job), with a few lines
    about the seeker they could pass along, and no hard feelings if they would rather not."""
    formal = relation in FORMAL_RELATIONS or channel in (LETTER, CARD)
    hello_line = "I hope this note finds you well." if formal else "I hope you're doing well."
    reminder = _reminder(facts, relation)
    full, short = target_names(target)
    who = target_sentence(full, target)

    def ask(named: str) -> str:
        ref = short or ("them" if named else "someone you think I should meet")
        return (
            f"Would you be comfortable introducing me to {ref}, so I could learn about their "
            f"work in a {facts.minutes}-minute conversation?"
        )

    no_pressure = "If you'd rather not, that's completely fine."
    candidates = []
    for with_reminder, with_who, blurb_lines in (
        (True, True, blurb(facts)),
        (True, True, blurb(facts, with_about=False)),
        (False, True, blurb(facts, with_about=False)),
        (False, False, blurb(facts, with_about=False)),
        (False, False, ""),
    ):
        opener = " ".join(s for s in (hello_line, reminder if with_reminder else "") if s)
        named = who if with_who else ""
        middle = " ".join(s for s in (named, ask(named), INTRODUCTION_NOT_A_JOB, no_pressure) if s)
        if not blurb_lines:
            blurb_lines = "I'd be glad to write a few lines about myself that you could pass along."
        candidates.append([opener, middle, blurb_lines])
    subject = f"An introduction to {full}?" if full else "A question about an introduction"
    return _draft(facts, channel, candidates, subject, "Many thanks", formal)


# Pieces ------------------------------------------------------------------------------------

_LEADING_PREPOSITION = re.compile(r"^(?:on|at)\s+", re.IGNORECASE)
_RELATIVE_DAY = re.compile(
    r"^(?:today|tomorrow|tonight|this|next|later|yesterday|last|in\s+\d)\b", re.IGNORECASE
)
_CLOCK_FIRST = re.compile(r"^\d{1,2}(?::\d{2}|\s*(?:am|pm|a\.m\.|p\.m\.|h)\b)", re.IGNORECASE)
MAX_WHEN_WORDS = 16


def when_phrase(when_text: str | None) -> str:
    """A time as it follows "our conversation": "on Thu 10 Dec 2026, 14:00 CET", "tomorrow at
    3pm", "at 14:00 on Thursday"; "" when there is none."""
    text = p.clean(when_text).rstrip(".,;:!?–— -").strip()
    text = _LEADING_PREPOSITION.sub("", text).strip()
    if not p.fits(text, MAX_WHEN_WORDS):
        return ""
    if _RELATIVE_DAY.match(text):
        return p.lower_first(text)
    if _CLOCK_FIRST.match(text):
        return f"at {text}"
    return f"on {text}"


_PLACE_PREPOSITION = re.compile(r"^(?P<prep>at|in|on|by|via|over)\s+(?=\S)", re.IGNORECASE)
_BY_PHONE = re.compile(r"^(?:the\s+|a\s+)?(?:phone|telephone|phone\s+call)$", re.IGNORECASE)
_ONLINE = re.compile(
    r"^(?:zoom|teams|microsoft\s+teams|google\s+meet|meet|skype|webex|whatsapp|facetime|slack)\b",
    re.IGNORECASE,
)
_ADDRESS_LIKE = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
MAX_PLACE_WORDS = 15


def place_phrase(place: str | None) -> str:
    """Where, as it follows the time: "at Bean There Café", "on Zoom", "by phone", or the
    seeker's own "in the lobby"; "" for a web address (that is the link) or a long note."""
    text = p.bare(place)
    if not p.fits(text, MAX_PLACE_WORDS) or _ADDRESS_LIKE.match(text):
        return ""
    typed = _PLACE_PREPOSITION.match(text)
    if typed:
        return typed.group("prep").lower() + text[typed.end() - 1 :]
    if _BY_PHONE.match(text):
        return "by phone"
    if _ONLINE.match(text):
        return f"on {p.upper_first(text)}"
    return f"at {text}"


def meeting_link(link: str | None) -> str:
    """A meeting link as one token, or "" when what was typed is no single address."""
    text = p.clean(link)
    return text if text and len(text.split()) == 1 and len(text) <= 500 else ""


def target_names(target: Reader) -> tuple[str, str]:
    """(the full name to introduce them by, the name to call them by afterwards)."""
    first, last = p.bare(target.first_name), p.bare(target.last_name)
    full = " ".join(n for n in (first, last) if n)
    if not p.fits(full, 6):
        return "", ""
    return full, first or last


def target_sentence(full: str, target: Reader) -> str:
    """Who they are, when anything is known: "I'd love to learn from Ana Ruiz, Director of
    Research at Contoso." — the title as an appositive, never after "introduce me to"."""
    title = p.bare(target.title) if p.fits(p.bare(target.title), 8) else ""
    organization = p.without_aside(target.organization)
    organization = organization if p.fits(organization, 8) else ""
    if title and organization and title.casefold() == organization.casefold():
        title = ""
    role = " at ".join(part for part in (title, organization) if part)
    if full and role:
        return f"I'd love to learn from {full}, {role}."
    if full:
        return f"I'd love to learn from {full}."
    someone = "I'd love to learn from the person you know"
    if title and organization:
        return f"{someone} who works as {_as(title)} at {organization}."
    if organization:
        return f"{someone} at {organization}."
    if title:
        return f"{someone} who works as {_as(title)}."
    return ""


def _as(title: str) -> str:
    """A title after "works as": "a product manager", "an HR Director"; a title in another
    script as typed."""
    if title[:1].isascii() and title[:1].isalpha() and not p.DETERMINER.match(title):
        return f"{p.indefinite_article(title)} {title}"
    return title


def blurb(facts: DraftFacts, with_about: bool = True) -> str:
    """A few lines about the seeker, in their own voice, for the friend to pass along; "" when
    nothing is known of the seeker to say."""
    writer = facts.writer
    name = p.clean(writer.name) if p.fits(p.clean(writer.name), 6) else ""
    about = about_me(writer) if with_about else ""
    if not name and not about:
        return ""
    sentences = [
        f"My name is {name}." if name else "",
        about,
        "I'd be grateful for the chance to hear how you found your way into your work.",
    ]
    lines = " ".join(s for s in sentences if s)
    intro = "In case it helps, here are a few lines about me that you could pass along:"
    return f"{intro}\n\n“{lines}”"


def _reminder(facts: DraftFacts, relation: str) -> str:
    """How the seeker knows a professor or a former coworker, in the words of a first request
    ("I took your Intro to Statistics class at Lakeshore University.")."""
    if relation not in REMINDED_RELATIONS:
        return ""
    link = replace(facts.link, source=relation, override="")
    return opening(replace(facts, link=link)).sentence


# Assembly ----------------------------------------------------------------------------------


def _draft(
    facts: DraftFacts,
    channel: str,
    candidates: list[list[str]],
    subject: str,
    closing: str,
    formal: bool | None = None,
) -> Draft:
    """The first candidate that says nothing twice (the last is the plainest), greeted and
    signed; a subject for email and InMail."""
    formal = channel in (LETTER, CARD) if formal is None else formal
    hello = greeting(facts.reader, formal)
    signed = sign_off(facts.writer, formal, closing)
    body = ""
    for paragraphs in candidates:
        body = "\n\n".join([hello, *(s for s in paragraphs if s), signed])
        if not p.repeated_run(body):
            break
    return Draft(subject if channel in (EMAIL, INMAIL) else "", body)
