"""Rules for a first request for an informational interview (email, LinkedIn, letter)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coffeechat.lib.etiquette import signals
from coffeechat.lib.etiquette.ask_favor import favor_ask
from coffeechat.lib.etiquette.ask_job import job_ask
from coffeechat.lib.etiquette.ask_pay import pay_ask
from coffeechat.lib.etiquette.attach_resume import resume_attached
from coffeechat.lib.etiquette.connection import has_connection
from coffeechat.lib.etiquette.findings import ERROR, WARNING, Finding
from coffeechat.lib.etiquette.parts import Parts, split_message
from coffeechat.lib.etiquette.rules_own import signature_missing, text_repeated
from coffeechat.lib.etiquette.text import (
    count_words,
    normalize,
    person_counts,
    quote,
    split_units,
)
from coffeechat.lib.etiquette.timing import Duration, durations

WORDS_WARNING = 75
WORDS_ERROR = 100
NOTE_LIMIT = 300
FREE_NOTE_LIMIT = 200
INMAIL_SUBJECT_LIMIT = 200
INMAIL_BODY_LIMIT = 1900
LONGEST_MINUTES = 30


@dataclass
class Message:
    body: str  # as written, normalized
    channel: str
    subject: str
    parts: Parts
    sentences: list[str] = field(default_factory=list)  # of the counted body
    read: list[str] = field(default_factory=list)  # what ask.* and attach.resume read
    timing: list[Duration] | None = None

    @property
    def core(self) -> str:
        """The counted body: no greeting, no closing (sign-off, signature, P.S., quote)."""
        return self.parts.body

    @classmethod
    def parse(cls, body: str, channel: str, subject: str) -> Message:
        body = normalize(body).strip()
        subject = normalize(subject).strip()
        parts = split_message(body)
        units = split_units(parts.body)
        read = [subject] if subject else []
        for sentence, lead in units + split_units(parts.postscript):
            read.append(f"{lead} {sentence}" if lead else sentence)
        return cls(body, channel, subject, parts, [s for s, _ in units], read)


Rule = Callable[[Message], Finding | None]


def length_words(msg: Message) -> Finding | None:
    count = count_words(msg.core)
    if count <= WORDS_WARNING:
        return None
    severity = ERROR if count > WORDS_ERROR else WARNING
    return Finding(
        "length.words",
        severity,
        f"The request runs to {count} words, not counting the greeting and sign-off; "
        f"past {WORDS_WARNING} it gets skimmed on a phone, past {WORDS_ERROR} it gets skipped.",
        "Cut it to three or four sentences: how you got their name, one line about you, and one "
        "question asking for 15–20 minutes. Save your background for the conversation.",
    )


def length_channel(msg: Message) -> Finding | None:
    problems = []
    if msg.channel in ("linkedin-note", "linkedin-note-free"):
        limit = NOTE_LIMIT if msg.channel == "linkedin-note" else FREE_NOTE_LIMIT
        if len(msg.body) > limit:
            kind = "connection note" if limit == NOTE_LIMIT else "connection note on a free account"
            problems.append(f"the {kind} has {len(msg.body)} characters; LinkedIn allows {limit}")
    elif msg.channel == "inmail":
        if len(msg.subject) > INMAIL_SUBJECT_LIMIT:
            problems.append(
                f"the InMail subject has {len(msg.subject)} characters; the limit is "
                f"{INMAIL_SUBJECT_LIMIT}"
            )
        if len(msg.body) > INMAIL_BODY_LIMIT:
            problems.append(
                f"the InMail body has {len(msg.body)} characters; keep it within "
                f"{INMAIL_BODY_LIMIT:,}"
            )
    if not problems:
        return None
    return Finding(
        "length.channel",
        ERROR,
        "Too long for the channel: " + "; ".join(problems) + ", so it would be cut off.",
        "Trim it to fit: keep the name of whoever referred you, one line about you and the "
        "question asking for 15–20 minutes; a subject line needs only a few words.",
    )


def _first(sentences: list[str], finder: Callable[[str], str | None]) -> str | None:
    for sentence in sentences:
        found = finder(sentence)
        if found:
            return found
    return None


def ask_job(msg: Message) -> Finding | None:
    found = _first(msg.read, job_ask)
    if not found:
        return None
    return Finding(
        "ask.job",
        ERROR,
        f"It asks for a job ({quote(found)}). People agree to share what they know; "
        "a request that reads like an application usually goes unanswered.",
        "Remove the job request and say plainly that you are after information and advice, "
        "for example: \u201cI'm not asking about openings; I'd like to learn how you got "
        "into this work.\u201d",
    )


def ask_pay(msg: Message) -> Finding | None:
    found = _first(msg.read, pay_ask)
    if not found:
        return None
    return Finding(
        "ask.pay",
        ERROR,
        f"It raises pay or benefits ({quote(found)}), which is off limits in an "
        "informational interview.",
        "Drop the question about money. Ask about the work instead, for example what a typical "
        "week involves or which skills matter most; look up pay ranges in published surveys.",
    )


def ask_favor(msg: Message) -> Finding | None:
    found = _first(msg.read, favor_ask)
    if not found:
        return None
    return Finding(
        "ask.favor",
        ERROR,
        f"It asks for a favor beyond the conversation ({quote(found)}), before the reader "
        "knows you.",
        "Ask only for the conversation. At its end you may ask who else you should talk to; "
        "if they offer to pass your name on, that is their call.",
    )


def attach_resume(msg: Message) -> Finding | None:
    found = _first(msg.read, resume_attached)
    if not found:
        return None
    return Finding(
        "attach.resume",
        WARNING,
        f"The first request sends a résumé along ({quote(found)}), which makes it look like "
        "a job application.",
        "Leave the résumé out. If it helps, offer a short note about your background instead, "
        "and share the résumé later if they ask or when you want feedback on it.",
    )


def connection_missing(msg: Message) -> Finding | None:
    if has_connection(msg.sentences[:2]):
        return None
    return Finding(
        "connection.missing",
        WARNING,
        "The first two sentences do not say how you found this person or what you have in "
        "common, so the message reads as a cold contact.",
        "Open with the link, for example: \u201cPriya Raman suggested I contact you\u201d, "
        "\u201cWe are both Oberlin alumni\u201d or \u201cI read your article on …\u201d.",
    )


def _other_ask(sentence: str) -> bool:
    return bool(job_ask(sentence) or favor_ask(sentence))


def request_not_question(msg: Message) -> Finding | None:
    if signals.has_question_request(msg.sentences, _other_ask):
        return None
    statements = signals.request_statements(msg.sentences)
    if not statements and any(signals.is_question(s) for s in msg.sentences):
        return None
    shown = f" ({quote(statements[0])})" if statements else ""
    return Finding(
        "request.not_question",
        WARNING,
        f"The request for the conversation is not a question{shown}; a statement reads like a "
        "demand and is easy to leave unanswered.",
        "Ask it as a question the reader can say yes to, for example: \u201cWould you be open "
        "to a 20-minute call in the next few weeks?\u201d",
    )


def _timing(msg: Message):
    if msg.timing is None:
        msg.timing = durations(msg.sentences)
    return msg.timing


def time_missing(msg: Message) -> Finding | None:
    if _timing(msg):
        return None
    return Finding(
        "time.missing",
        WARNING,
        "It does not say how much time you are asking for, so the reader cannot tell what "
        "they would be agreeing to.",
        "Name a short, specific amount of time, for example \u201c15 minutes\u201d or "
        "\u201ca 20-minute call\u201d.",
    )


def time_too_long(msg: Message) -> Finding | None:
    longer = [d for d in _timing(msg) if d.minutes > LONGEST_MINUTES]
    if not longer:
        return None
    return Finding(
        "time.too_long",
        WARNING,
        f"It asks for more than {LONGEST_MINUTES} minutes ({quote(longer[0].text)}), "
        "a lot to ask of someone who does not know you yet.",
        "Ask for 15–30 minutes (20 is typical), by phone, video or over coffee; if the "
        "conversation goes well, they can offer more.",
    )


def focus_self(msg: Message) -> Finding | None:
    mine, yours = person_counts(msg.core)
    if mine <= yours:
        return None
    return Finding(
        "focus.self",
        WARNING,
        f"It talks more about you than about the reader ({mine} words such as I, me and my "
        f"against {yours} such as you and your).",
        "Shorten your own story to one line and turn the rest toward them: their path, their "
        "work, what they would advise.",
    )


def purpose_missing(msg: Message) -> Finding | None:
    texts = [msg.subject, msg.core] if msg.subject else [msg.core]
    if any(signals.PURPOSE.search(text) for text in texts):
        return None
    return Finding(
        "purpose.missing",
        WARNING,
        "It never says that you want to learn from them, so the reader has to guess what the "
        "conversation is for.",
        "Say what you hope to learn, for example: \u201cI'd like to hear how you moved into "
        "this field and what you would advise someone starting out.\u201d",
    )


def repeated_words(msg: Message) -> Finding | None:
    return text_repeated(msg.core)


def unsigned(msg: Message) -> Finding | None:
    return signature_missing(msg.parts, msg.channel)


# Rules that hold for every message of the practice: a follow-up, a thank-you or an update is
# still no place to ask for a job, pay or a favor.
EVERY_MESSAGE: tuple[Rule, ...] = (
    length_channel,
    ask_job,
    ask_pay,
    ask_favor,
    attach_resume,
    repeated_words,
    unsigned,
)
# Rules for the first request for an informational interview only.
FIRST_REQUEST: tuple[Rule, ...] = (
    length_words,
    connection_missing,
    request_not_question,
    time_missing,
    time_too_long,
    focus_self,
    purpose_missing,
)
RULES: tuple[Rule, ...] = EVERY_MESSAGE + FIRST_REQUEST
KINDS = ("request", "follow_up", "thank_you", "update")


def rules_for(kind: str) -> tuple[Rule, ...]:
    return RULES if kind == "request" else EVERY_MESSAGE
