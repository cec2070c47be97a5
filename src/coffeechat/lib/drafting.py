"""Drafts of the messages of the practice, written from what coffeechat knows.

A first request says how the writer got the name first, keeps to a few sentences that are
mostly about the reader, asks a question, and asks for a short, specific amount of time to
learn — never for a job. Each situation (referred, shared school or employer, met at an
event, read their work, cold) opens differently; each channel has its own length and form.
Plain Python: the views fill DraftFacts from the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REFERRAL = "referral"
SHARED_SCHOOL = "shared_school"
SHARED_EMPLOYER = "shared_employer"
EVENT = "event"
ARTICLE = "article"
PERSONAL = "personal"  # family and friends: they know the writer already
COLD = "cold"
SITUATIONS = (REFERRAL, SHARED_SCHOOL, SHARED_EMPLOYER, EVENT, ARTICLE, PERSONAL, COLD)

EMAIL = "email"
LINKEDIN_NOTE = "linkedin_note"
LINKEDIN_MESSAGE = "linkedin_message"
INMAIL = "inmail"
LETTER = "letter"
PHONE = "phone"
CHANNELS = (EMAIL, LINKEDIN_NOTE, LINKEDIN_MESSAGE, INMAIL, LETTER, PHONE)

NOTE_LIMIT_PREMIUM = 300
NOTE_LIMIT_FREE = 200


@dataclass(frozen=True)
class DraftFacts:
    their_first_name: str
    their_last_name: str = ""
    their_title: str = ""
    their_organization: str = ""
    situation: str = COLD
    referrer: str = ""  # who suggested them
    shared_school: str = ""
    shared_employer: str = ""
    where_met: str = ""  # the event
    their_work: str = ""  # the article or talk
    my_name: str = ""
    my_role: str = ""  # "a third-year economics student", "an accountant of six years"
    exploring: str = ""  # "a move into UX research"
    minutes: int = 20
    signature: str = ""


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def situation_for(
    source: str, has_referrer: bool, shared_school: str, shared_employer: str, detail: str
) -> str:
    """The opening a contact calls for, from how the seeker knows them."""
    if has_referrer or source == "referral":
        return REFERRAL
    if source in ("alumni", "professor") and shared_school:
        return SHARED_SCHOOL
    if source == "former_coworker" and shared_employer:
        return SHARED_EMPLOYER
    if source == "event" and detail:
        return EVENT
    if source == "article" and detail:
        return ARTICLE
    if source in ("family", "friend"):
        return PERSONAL
    return COLD


def _role_phrase(facts: DraftFacts) -> str:
    if facts.their_title and facts.their_organization:
        return f"your work as {facts.their_title} at {facts.their_organization}"
    if facts.their_organization:
        return f"your work at {facts.their_organization}"
    if facts.their_title:
        return f"your work as {facts.their_title}"
    return "your work"


def _connection(facts: DraftFacts) -> str:
    """The first sentence: how the writer got the name, or what they share."""
    situation = facts.situation
    if situation == REFERRAL and facts.referrer:
        return f"{facts.referrer} suggested I reach out to you about {_field(facts)}."
    if situation == SHARED_SCHOOL and facts.shared_school:
        return (
            f"Like you, I studied at {facts.shared_school}, and your path since then caught my eye."
        )
    if situation == SHARED_EMPLOYER and facts.shared_employer:
        return f"We both worked at {facts.shared_employer}, and your path since then caught my eye."
    if situation == EVENT and facts.where_met:
        return f"We met at {facts.where_met}, and your remarks there stayed with me."
    if situation == ARTICLE and facts.their_work:
        field = _field(facts)
        return f"I read your piece “{facts.their_work}”, and it made me think hard about {field}."
    if situation == PERSONAL:
        field = _field(facts)
        return (
            f"We have known each other for years, so I hope you won't mind a question on {field}."
        )
    return f"I found you while reading about {_field(facts)}, and {_role_phrase(facts)} stood out."


def _field(facts: DraftFacts) -> str:
    return facts.exploring or "your field"


def _who_i_am(facts: DraftFacts) -> str:
    if facts.my_role and facts.exploring:
        return f"I'm {facts.my_role} exploring {facts.exploring}."
    if facts.my_role:
        return f"I'm {facts.my_role}."
    if facts.exploring:
        return f"I'm exploring {facts.exploring}."
    return ""


def _ask(facts: DraftFacts) -> str:
    return (
        f"Would you be open to a {facts.minutes}-minute call in the coming weeks, "
        "so I could learn how you found your way into it and what you wish you had known?"
    )


def _sign_off(facts: DraftFacts, closing: str = "Thank you") -> str:
    name = facts.signature or facts.my_name
    return f"{closing},\n{name}" if name else f"{closing},"


def _subject(facts: DraftFacts) -> str:
    if facts.situation == REFERRAL and facts.referrer:
        return f"{facts.referrer} suggested I contact you"
    if facts.situation == SHARED_SCHOOL and facts.shared_school:
        return f"A fellow {facts.shared_school} graduate asking for your advice"
    if facts.situation == SHARED_EMPLOYER and facts.shared_employer:
        return f"From a fellow {facts.shared_employer} alum: {facts.minutes} minutes of advice?"
    if facts.situation == EVENT and facts.where_met:
        return f"Following up from {facts.where_met}"
    if facts.situation == ARTICLE and facts.their_work:
        return f"Your piece “{facts.their_work}”"
    return f"{facts.minutes} minutes of your advice?"


def request(facts: DraftFacts, channel: str = EMAIL, premium: bool = False) -> Draft:
    """A first request for an informational interview."""
    if channel == LINKEDIN_NOTE:
        return Draft("", _note(facts, NOTE_LIMIT_PREMIUM if premium else NOTE_LIMIT_FREE))
    if channel == PHONE:
        return Draft("", _phone_script(facts))
    greeting = f"Dear {facts.their_first_name} {facts.their_last_name}".strip()
    if channel != LETTER:
        greeting = f"Hi {facts.their_first_name}"
    paragraphs = [
        f"{greeting},",
        " ".join(p for p in (_connection(facts), _who_i_am(facts)) if p),
        _ask(facts) + " I'm glad to work around your schedule.",
        _sign_off(facts, "Sincerely" if channel == LETTER else "Thank you"),
    ]
    subject = _subject(facts) if channel in (EMAIL, INMAIL) else ""
    return Draft(subject, "\n\n".join(paragraphs))


def _note(facts: DraftFacts, limit: int) -> str:
    """A connection note: the opening and the ask, cut to what the limit allows."""
    hello = f"Hi {facts.their_first_name}, "
    candidates = [
        hello + _short_connection(facts) + " " + f"Could I ask you about {_role_phrase(facts)} "
        f"in a {facts.minutes}-minute call, to learn from your path?",
        hello + _short_connection(facts) + f" Would you have {facts.minutes} minutes to share "
        "advice?",
        hello + f"would you have {facts.minutes} minutes to share advice on your path?",
    ]
    for text in candidates:
        if len(text) <= limit:
            return text
    return candidates[-1][:limit]


def _short_connection(facts: DraftFacts) -> str:
    situation = facts.situation
    if situation == REFERRAL and facts.referrer:
        return f"{facts.referrer} suggested I reach out to you."
    if situation == SHARED_SCHOOL and facts.shared_school:
        return f"We share {facts.shared_school}."
    if situation == SHARED_EMPLOYER and facts.shared_employer:
        return f"We both worked at {facts.shared_employer}."
    if situation == EVENT and facts.where_met:
        return f"We met at {facts.where_met}."
    if situation == ARTICLE and facts.their_work:
        return f"I enjoyed your piece “{facts.their_work}”."
    if situation == PERSONAL:
        return "We have known each other for years."
    return f"I admire {_role_phrase(facts)}."


def _phone_script(facts: DraftFacts) -> str:
    lines = [
        f"Hello {facts.their_first_name}, this is {facts.my_name or '[your name]'}.",
        _connection(facts),
        _who_i_am(facts),
        f"Would you have {facts.minutes} minutes, now or later, to share how you found your "
        "way into your work? I'm calling to learn, not about a job.",
    ]
    return "\n".join(line for line in lines if line)


def follow_up(facts: DraftFacts, channel: str = EMAIL) -> Draft:
    """One polite follow-up, 7 business days after a request with no answer."""
    body = "\n\n".join(
        [
            f"Hi {facts.their_first_name},",
            "I know your inbox is busy, so I'm writing once more about my note from last week. "
            f"Would a {facts.minutes}-minute call in the next few weeks work for you? "
            "I'd value hearing how you see your field.",
            "If the timing is not right, no reply is needed — thank you for reading.",
            _sign_off(facts, "Best regards"),
        ]
    )
    subject = f"Re: {_subject(facts)}" if channel in (EMAIL, INMAIL) else ""
    return Draft(subject, body)


@dataclass(frozen=True)
class ThanksFacts:
    advice: list[str] = field(default_factory=list)  # advice the seeker will act on
    promises: list[str] = field(default_factory=list)  # what the seeker promised to do
    resume_requested: bool = False


CARD = "card"


def thank_you(facts: DraftFacts, thanks: ThanksFacts, form: str = EMAIL) -> Draft:
    """A thank-you within a day or two, naming the advice the seeker will act on: an email, the
    text of a handwritten card, or a business letter."""
    formal = form in (LETTER, CARD)
    greeting = f"Dear {facts.their_first_name}," if formal else f"Hi {facts.their_first_name},"
    lines = [greeting, "Thank you for taking the time to talk with me."]
    if thanks.advice:
        lines.append(
            f"Your advice to {_as_clause(thanks.advice[0])} was exactly what I needed, "
            "and I'm acting on it."
        )
    if thanks.promises:
        lines.append(f"As promised, I will {_as_clause(thanks.promises[0])}.")
    if thanks.resume_requested:
        enclosed = "enclosed" if form == LETTER else "attached"
        if form != CARD:  # a card does not carry a résumé; send it separately
            lines.append(f"As you suggested, my résumé is {enclosed}.")
    lines.append("If I can ever return the favor, please let me know.")
    lines.append(_sign_off(facts, "With thanks"))
    if form == LINKEDIN_NOTE:
        # A connection note is short: the thanks and the advice, within the free limit.
        text = f"{greeting} thank you for your time and advice"
        if thanks.advice:
            text += f" — I'm acting on it: {_as_clause(thanks.advice[0])}"
        return Draft("", (text + ".")[:NOTE_LIMIT_FREE])
    subject = "Thank you for the conversation" if form == EMAIL else ""
    return Draft(subject, "\n\n".join([lines[0], " ".join(lines[1:-1]), lines[-1]]))


def keep_in_touch(facts: DraftFacts, news: str = "") -> Draft:
    """An update that tells them what came of their advice."""
    middle = news or "I wanted to tell you what came of our conversation."
    body = "\n\n".join(
        [
            f"Hi {facts.their_first_name},",
            f"{middle} Your perspective still shapes how I think about {_field(facts)}. "
            "How have things been on your side?",
            _sign_off(facts, "Warm regards"),
        ]
    )
    return Draft("A quick update, and thanks again", body)


_FIRST_PERSON = re.compile(r"^(?:i(?:'|’)ll|i will|i)\s+", re.IGNORECASE)


def _as_clause(text: str) -> str:
    """A note as the end of a sentence: "I'll send the deck" → "send the deck"; capitals of
    names and acronyms ("SQL", "Python") are kept."""
    clause = _FIRST_PERSON.sub("", text.strip().rstrip(".!"))
    if len(clause) > 1 and clause[0].isupper() and clause[1].islower():
        return clause[0].lower() + clause[1:]
    return clause
