"""First requests for an informational interview, for each channel.

A request says how the writer got the name, first; who the writer is, briefly; then asks a
question for a short, specific amount of time to learn from the reader, and says plainly that
it is not a request for a job (email, letter and InMail). It is mostly about the reader, signed
with the writer's name, and short enough to read on a phone. Pieces the seeker typed that would
make it too long are left out, longest first, rather than cut mid-sentence.
"""

from __future__ import annotations

from coffeechat.lib.drafting import phrases as p
from coffeechat.lib.drafting.connection import Opening, opening
from coffeechat.lib.drafting.facts import (
    EMAIL,
    INMAIL,
    LETTER,
    LINKEDIN_NOTE,
    NOTE_LIMIT_FREE,
    NOTE_LIMIT_PREMIUM,
    PHONE,
    Draft,
    DraftFacts,
    Reader,
    Writer,
)

MAX_BODY_WORDS = 70  # the practice's limit is 75 counted words; leave room for the name
NOT_A_JOB = "I'm not asking for a job, only for your advice."
NAME_TO_FILL_IN = "[your name: add it to your profile]"


def request(facts: DraftFacts, channel: str = EMAIL) -> Draft:
    """A first request for an informational interview on `channel`."""
    if channel == LINKEDIN_NOTE:
        limit = NOTE_LIMIT_PREMIUM if facts.premium else NOTE_LIMIT_FREE
        return Draft("", note(facts, limit))
    if channel == PHONE:
        return Draft("", phone_script(facts))
    start = opening(facts)
    formal = channel == LETTER
    hello = greeting(facts.reader, formal)
    for about in (about_me(facts.writer, start), short_about_me(facts.writer), ""):
        middle = " ".join(part for part in (start.sentence, about) if part)
        paragraphs = [middle, ask(facts) + " " + NOT_A_JOB]
        short_enough = counted_words(paragraphs) <= MAX_BODY_WORDS
        if short_enough and not p.repeated_run(" ".join([hello, *paragraphs])):
            break
    body = "\n\n".join([hello, *paragraphs, sign_off(facts.writer, formal)])
    subject = request_subject(facts, start) if channel in (EMAIL, INMAIL) else ""
    return Draft(subject, body)


def greeting(reader: Reader, formal: bool = False) -> str:
    first = p.bare(reader.first_name)
    last = p.bare(reader.last_name)
    if formal and (first or last):
        return f"Dear {' '.join(n for n in (first, last) if n)},"
    if first:
        return f"Hi {first},"
    if last:
        return f"Hello {last},"
    return "Hello,"


def about_me(writer: Writer, start: Opening | None = None) -> str:
    """Who the writer is, in one sentence: "I'm a nurse, exploring health informatics."."""
    role = p.self_description(writer.role)
    topic = p.topic(writer.exploring)
    if topic and role and topic.casefold() in role.casefold():
        topic = ""  # the description already says it
    if role and topic:
        return f"I'm {role}, exploring {topic}."
    if role:
        return f"I'm {role}."
    if topic:
        return f"I'm exploring {topic}."
    school = p.without_aside(writer.school)
    if school and p.fits(school, 8) and (start is None or school not in start.sentence):
        return f"I'm at {school}."
    return ""


def short_about_me(writer: Writer) -> str:
    topic = p.topic(writer.exploring)
    return f"I'm exploring {topic}." if topic and p.fits(topic, 6) else ""


def ask(facts: DraftFacts) -> str:
    return (
        f"Would you have {facts.minutes} minutes in the coming weeks to share how you found "
        "your way into your work?"
    )


def sign_off(writer: Writer, formal: bool = False, closing: str = "") -> str:
    closing = closing or ("Sincerely" if formal else "Thank you")
    return f"{closing},\n{signature(writer)}"


def signature(writer: Writer) -> str:
    """The writer's name, and the lines they sign with; what to fill in when there is none."""
    name = p.clean(writer.name)
    lines = [p.clean(line) for line in (writer.signature or "").splitlines()]
    lines = [line for line in lines if line]
    if not name:
        lines.insert(0, NAME_TO_FILL_IN)
    elif not any(name.casefold() in line.casefold() for line in lines):
        lines.insert(0, name)
    return "\n".join(lines)


def request_subject(facts: DraftFacts, start: Opening) -> str:
    subject = start.subject if p.fits(start.subject, 12) else ""
    return subject or f"{facts.minutes} minutes of your advice?"


def counted_words(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs)


def note(facts: DraftFacts, limit: int) -> str:
    """A LinkedIn connection note within `limit` characters, made of whole sentences."""
    start = opening(facts)
    first = p.bare(facts.reader.first_name)
    hello = f"Hi {first}," if first and len(first) <= 40 else "Hi,"
    short_ask = f"Could you spare {facts.minutes} minutes to share how you got into your work?"
    signed = _first_name_to_sign(facts.writer)
    candidates = [
        [hello, start.short, short_about_me(facts.writer), short_ask, NOT_A_JOB, signed],
        [hello, start.short, short_ask, NOT_A_JOB, signed],
        [hello, start.short, short_ask, signed],
        [hello, start.short, short_ask],
        [hello, short_ask, signed],
        ["Hi,", short_ask],
    ]
    for parts in candidates:
        text = " ".join(part for part in parts if part)
        if len(text) <= limit and not p.repeated_run(text):
            return text
    return candidates[-1][1]


def _first_name_to_sign(writer: Writer) -> str:
    name = p.first_name_of(writer.name)
    return f"– {name}" if name and len(name) <= 30 else ""


def phone_script(facts: DraftFacts) -> str:
    start = opening(facts)
    name = p.clean(facts.writer.name) if p.fits(p.clean(facts.writer.name), 6) else ""
    first = p.bare(facts.reader.first_name) or p.bare(facts.reader.last_name)
    hello = f"Hello {first}, this is" if first else "Hello, this is"
    about = about_me(facts.writer, start)
    if p.repeated_run(f"{start.sentence} {about}"):
        about = ""
    lines = [
        f"{hello} {name or '[your name]'}.",
        start.sentence,
        about,
        f"Would you have {facts.minutes} minutes, now or later this week, to share how you "
        "found your way into your work?",
        "I'm calling to learn from you, not to ask for a job.",
        "Thank you.",
    ]
    return "\n".join(line for line in lines if line)
