"""The messages after the first request: one polite follow-up, the thank-you, and the
keep-in-touch update that tells the person what came of their advice.

Notes the seeker took are quoted as what they are ("Your advice, “Learn SQL first”, …")
rather than pasted into a frame, and promises written about the reader ("Send Aiko my survey
project") are turned to speak to them ("I'll send you my survey project").
"""

from __future__ import annotations

import re

from coffeechat.lib.drafting import phrases as p
from coffeechat.lib.drafting.facts import (
    CARD,
    EMAIL,
    INMAIL,
    LETTER,
    LINKEDIN_NOTE,
    NOTE_LIMIT_FREE,
    Draft,
    DraftFacts,
    LeadNews,
    WhatHappened,
)
from coffeechat.lib.drafting.requests import greeting, sign_off, signature

MAX_QUOTE_WORDS = 25


def follow_up(facts: DraftFacts, channel: str = EMAIL, original_subject: str = "") -> Draft:
    """One polite follow-up, 7 business days after a request that had no answer."""
    ask = (
        f"I'm writing once more about my note of last week: would {facts.minutes} minutes in "
        "the next few weeks suit you, to share how you found your way into your work?"
    )
    if channel == LINKEDIN_NOTE:
        text = f"{greeting(facts.reader)} {_short_follow_up(facts)}"
        return Draft("", text if len(text) <= NOTE_LIMIT_FREE else _short_follow_up(facts))
    body = "\n\n".join(
        [
            greeting(facts.reader, channel == LETTER),
            ask + " If the timing isn't right, no reply is needed.",
            sign_off(facts.writer, channel == LETTER, "Best regards"),
        ]
    )
    subject = ""
    if channel in (EMAIL, INMAIL):
        original = p.clean(original_subject)
        subject = (
            (original if original.lower().startswith("re:") else f"Re: {original}")
            if original
            else f"Re: {facts.minutes} minutes of your advice?"
        )
    return Draft(subject, body)


def _short_follow_up(facts: DraftFacts) -> str:
    return (
        f"Could you spare {facts.minutes} minutes to share how you got into your work? "
        "No reply is needed if the timing isn't right."
    )


def thank_you(facts: DraftFacts, what: WhatHappened, form: str = EMAIL) -> Draft:
    """A thank-you within a day or two, naming the advice the seeker is acting on. An email, a
    letter, a handwritten card (short, in the writer's hand) or a LinkedIn note."""
    advice = quoted(what.advice[0]) if what.advice else ""
    if form == LINKEDIN_NOTE:
        return Draft("", _thanks_note(facts, advice))
    if form == CARD:
        return Draft("", _card(facts, what, advice))
    picture = "What you told me about your work gave me a much clearer picture."
    sentences = ["Thank you for taking the time to talk with me."]
    sentences.append(
        f"Your advice, {advice}, is the first thing I'm acting on." if advice else picture
    )
    promise = promise_for(what.promises[0], facts.reader) if what.promises else ""
    if promise:
        sentences.append(f"As promised, {promise}")
        if advice and p.repeated_run(" ".join(sentences)):
            # The promise says what the advice said ("send the deck" noted as both): said
            # once, as the promise, the draft does not read like a paste.
            sentences[1] = picture
    if what.resume_sent:
        sentences.append("I've sent my résumé separately, as you asked.")
    sentences.append("If I can ever return the favor, I hope you'll let me know.")
    formal = form == LETTER
    body = "\n\n".join(
        [
            greeting(facts.reader, formal),
            " ".join(sentences),
            sign_off(facts.writer, formal, "With thanks"),
        ]
    )
    subject = "Thank you for the conversation" if form in (EMAIL, INMAIL) else ""
    return Draft(subject, body)


def _card(facts: DraftFacts, what: WhatHappened, advice: str) -> str:
    """A card says little, by hand: the thanks, the one piece of advice, the name."""
    first = p.bare(facts.reader.first_name) or p.bare(facts.reader.last_name)
    lines = [f"Dear {first}," if first else "Hello,", "Thank you so much for your time."]
    if advice:
        lines.append(f"I'm already acting on your advice: {advice}.")
    else:
        lines.append("Our conversation gave me a much clearer picture of your work.")
    lines.append(f"Gratefully,\n{signature(facts.writer)}")
    return "\n".join(lines)


def _thanks_note(facts: DraftFacts, advice: str) -> str:
    hello = greeting(facts.reader)
    candidates = [f"{hello} thank you for your time and your advice."]
    if advice:
        candidates.insert(0, f"{candidates[0]} I'm already acting on it: {advice}.")
    for text in candidates:
        if len(text) <= NOTE_LIMIT_FREE:
            return text
    return "Thank you for your time and your advice."


def keep_in_touch(facts: DraftFacts, what: WhatHappened, channel: str = EMAIL) -> Draft:
    """An update that tells them what the seeker did with their advice, and what came of it."""
    sentences = ["I wanted to tell you what came of our conversation."]
    if what.advice:
        sentences.append(f"I took your advice, {quoted(what.advice[0])}, to heart.")
    if what.kept:
        sentences.append(kept_promise(what.kept[0], facts.reader))
    news = [lead_news(lead) for lead in what.leads[:2]]
    sentences.extend(sentence for sentence in news if sentence)
    if len(sentences) == 1:
        sentences.append("Our talk still shapes how I think about the next step.")
    sentences.append("How have things been on your side?")
    body = "\n\n".join(
        [
            greeting(facts.reader, channel == LETTER),
            " ".join(sentences),
            sign_off(facts.writer, channel == LETTER, "Warm regards"),
        ]
    )
    if channel == LINKEDIN_NOTE:
        short = "A quick update: your advice is still paying off. How are things with you?"
        with_name = f"{greeting(facts.reader)} {short}"
        return Draft("", with_name if len(with_name) <= NOTE_LIMIT_FREE else short)
    subject = "An update, and thanks again" if channel in (EMAIL, INMAIL) else ""
    return Draft(subject, body)


_LEAD_NEWS = {
    "applied": "I applied for {role} you told me about.",
    "interviewing": "I'm interviewing for {role} you told me about.",
    "offer": "I was offered {role} you told me about.",
    "closed": "{Role} you told me about did not work out, but your advice carried over.",
}


def lead_news(lead: LeadNews) -> str:
    """How an opening they mentioned went, for the people who helped; nothing for one the
    seeker has only noted."""
    template = _LEAD_NEWS.get(lead.status)
    role = p.bare(lead.role)
    if not template or not p.fits(role, 10):
        return ""
    words = role.casefold().split()
    noun = "" if words[-1] in ("role", "position", "job", "opening", "internship") else " role"
    phrase = f"the {role}{noun}"
    return template.format(role=phrase, Role=p.upper_first(phrase))


def quoted(note: str) -> str:
    """A note of the seeker's, quoted as written: “Learn SQL before applying”."""
    text = p.bare(p.clean(note))
    if len(p.words(text)) > MAX_QUOTE_WORDS:
        text = " ".join(text.split()[:MAX_QUOTE_WORDS]) + "…"
    return f"“{text}”" if text else ""


# Promises, turned to the person they were made to ---------------------------------------

_WILL = re.compile(r"^(?:i\s*(?:'|’)\s*ll|i\s+will|i\s+shall|will|i)\s+", re.IGNORECASE)
# Verbs that start an action the seeker promised ("send", "read"…).
_ACTIONS = frozenset({
    "send", "share", "email", "forward", "introduce", "connect", "update", "tell", "show",
    "write", "call", "text", "read", "look", "check", "review", "finish", "apply", "follow",
    "keep", "let", "bring", "give", "lend", "mail", "post", "return", "ask", "invite", "try",
    "take", "reach", "message", "draft", "prepare", "put", "get", "visit", "meet", "join",
})  # fmt: skip


def promise_for(promise: str, reader) -> str:
    """A promise as a sentence to the reader: "Send Aiko my survey project" → "I'll send you
    my survey project."; a note that is no action is quoted instead."""
    text = _WILL.sub("", p.bare(p.clean(promise)))
    if not text:
        return ""
    verb, _, rest = text.partition(" ")
    if verb.lower() not in _ACTIONS or not p.fits(text, 20):
        return f"I'll follow up on {quoted(promise)}."
    return f"I'll {verb.lower()} {_toward_you(verb.lower(), _to_you(rest, reader))}.".replace(
        " .", "."
    )


# Verbs of giving: a promise to "send the deck" was a promise to send it to them.
_GIVING = frozenset({"send", "email", "forward", "mail", "bring", "give", "lend", "show"})
_SAYS_WHO = re.compile(r"\b(?:you|your|to|with|for)\b", re.IGNORECASE)


def _toward_you(verb: str, rest: str) -> str:
    """ "send" + "the deck" → "you the deck"; "share" + "the deck" → "the deck with you"."""
    if not rest or _SAYS_WHO.search(rest):
        return rest
    if verb in _GIVING:
        return f"you {rest}"
    if verb == "share":
        return f"{rest} with you"
    return rest


def kept_promise(promise: str, reader) -> str:
    """A promise kept, told to the reader: "Take the course Aiko recommended" → "I followed
    through on my promise to take the course you recommended."."""
    text = _WILL.sub("", p.bare(p.clean(promise)))
    verb, _, rest = text.partition(" ")
    if verb.lower() not in _ACTIONS or not p.fits(text, 20):
        return f"I also did what I said I would: {quoted(promise)}."
    return f"I followed through on my promise to {verb.lower()} {_to_you(rest, reader)}.".replace(
        " .", "."
    )


def _to_you(text: str, reader) -> str:
    """Mentions of the reader by name become "you" and "your"."""
    names = [n for n in (p.bare(reader.first_name), p.bare(reader.last_name)) if n]
    full = " ".join(names)
    for name in ([full] if len(names) > 1 else []) + names:
        escaped = re.escape(name)
        text = re.sub(rf"\b{escaped}(?:'|’)s\b", "your", text)
        text = re.sub(rf"\b{escaped}\b", "you", text)
    return text
