"""The first sentence of a first request: the true connection, in a person's words.

Whoever links them comes first: the person who referred the seeker, the school or employer
they share, the class, the event, the piece of theirs the seeker read. Only what the seeker's
own rows say is claimed; what cannot be read from them is left out (a cold contact gets what
the seeker knows of their work, nothing invented). The seeker may write their own sentence
for a person, which then comes first instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffeechat.lib.drafting import phrases as p
from coffeechat.lib.drafting.facts import DraftFacts, Link, Reader, Writer

MAX_OVERRIDE_WORDS = 40


@dataclass(frozen=True)
class Opening:
    sentence: str  # the connection sentence ("" when there is nothing true to say)
    short: str  # the same for a 200-character connection note
    subject: str  # an email subject that names the connection, or ""
    named: bool  # the sentence names a real connection (not a cold opening)


def opening(facts: DraftFacts) -> Opening:
    own = own_sentence(facts.link.override)
    if own:
        return Opening(own, own, "", True)
    link, writer, reader = facts.link, facts.writer, facts.reader
    handler = _BY_SOURCE.get(link.source, _cold)
    return handler(link, writer, reader) or _cold(link, writer, reader)


def own_sentence(text: str) -> str:
    """The seeker's own connection sentence, made a sentence: a capital, an end stop."""
    sentence = p.clean(text)
    if not p.fits(sentence, MAX_OVERRIDE_WORDS):
        return ""
    sentence = p.upper_first(sentence)
    return sentence if sentence[-1] in ".!?" else sentence + "."


def _referral(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    name = _person(link.linked_by) or p.linking_person(link.detail)
    if not name:
        return None
    who = p.upper_first(name)
    return Opening(
        f"{who} suggested I get in touch with you.",
        f"{who} suggested I get in touch.",
        f"{who} suggested I get in touch",
        True,
    )


def _alumni(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    school = _name(writer.school)
    if school:
        return Opening(
            f"I found you through the {school} alumni network.",
            f"I found you through the {school} alumni network.",
            f"From the {school} alumni network",
            True,
        )
    return Opening(
        "I found you through our school's alumni network.",
        "We went to the same school.",
        "",
        True,
    )


def _professor(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    taken = p.class_taken(link.detail)
    school = _name(writer.school)
    where = f" at {school}" if school else ""
    if taken:
        sentence = f"I took {taken}{where}."
        return Opening(sentence, f"I took {taken}.", "A question from a former student", True)
    if school:
        return Opening(
            f"I was one of your students at {school}.",
            f"I was one of your students at {school}.",
            "A question from a former student",
            True,
        )
    return Opening("I was one of your students.", "I was one of your students.", "", True)


def _former_coworker(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    relation, place = p.relation_and_place(link.detail)
    if relation and place:
        sentence = f"You were my {relation} at {place}."
        return Opening(sentence, sentence, "", True)
    employer = shared_employer(writer, reader, link.detail)
    if employer:
        sentence = f"We worked together at {employer}."
        return Opening(sentence, sentence, f"From a former {employer} colleague", True)
    return Opening("We used to work together.", "We used to work together.", "", True)


def shared_employer(writer: Writer, reader: Reader, detail: str) -> str:
    """An employer the seeker's profile lists that the reader's organization or the seeker's
    note names: the only employers a draft may say they shared."""
    organization = p.without_aside(reader.organization).casefold()
    note = p.clean(detail).casefold()
    for employer in writer.employers:
        name = p.without_aside(employer)
        if name and (name.casefold() == organization or name.casefold() in note):
            return name if p.fits(name, 8) else ""
    return ""


def _family(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    sentence = "I'm reaching out to you as family, but this time with a career question."
    return Opening(sentence, sentence, "", True)


_FROM_GROUP = re.compile(r"^(?:we\s+know\s+each\s+other\s+)?(?:from|through|at|in)\s+", re.I)


def _friend(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    note = p.bare(p.first_sentence(link.detail))
    if _FROM_GROUP.match(note):
        group = p.bare(_FROM_GROUP.sub("", note))
        if p.fits(group, 8):
            group = p.lower_first(group) if p.DETERMINER.match(group) else group
            sentence = f"We know each other from {group}."
            return Opening(sentence, sentence, "", True)
    sentence = "I'm reaching out to you as a friend, but this time with a career question."
    return Opening(sentence, sentence, "", True)


def _friend_of_contact(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    linker = _person(link.linked_by) or p.linking_person(link.detail)
    if not linker:
        return None
    sentence = f"I got your name from {linker}."
    return Opening(sentence, sentence, f"{p.upper_first(linker)} passed on your name", True)


def _linkedin_first(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    _, verb, rest = p.split_note(link.detail)
    if verb == "connected" and re.match(r"^(?:after|at|during|through|via)\s+\S", rest, re.I):
        when = p.bare(rest)
        if p.fits(when, 10):
            sentence = f"We connected on LinkedIn {p.lower_first(when)}."
            return Opening(sentence, sentence, "", True)
    sentence = "We're connected on LinkedIn."
    return Opening(sentence, sentence, "", True)


def _linkedin_second(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    mutual = _person(link.linked_by) or p.linking_person(link.detail)
    if not mutual:
        return None
    sentence = f"We're both connected with {mutual} on LinkedIn."
    return Opening(sentence, sentence, "", True)


def _event(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    name, spoke = p.event(link.detail)
    if not name:
        return None
    sentence = f"I heard you speak at {name}." if spoke else f"We met at {name}."
    return Opening(sentence, sentence, f"Following up from {name}", True)


def _article(link: Link, writer: Writer, reader: Reader) -> Opening | None:
    how, work = p.their_work(link.detail)
    if not work:
        return None
    sentence = f"I {how} {work}."
    return Opening(sentence, sentence, p.upper_first(work), True)


def _cold(link: Link, writer: Writer, reader: Reader) -> Opening:
    """Nothing links them: what the seeker knows of the reader's work, and no more."""
    work = their_role(reader)
    sentence = f"I came across {work} while learning about the field."
    return Opening(sentence, f"I came across {work}.", "", False)


def their_role(reader: Reader) -> str:
    """ "your work as Product Manager at Northwind", or as much of it as is known."""
    title = p.bare(reader.title) if p.fits(p.bare(reader.title), 6) else ""
    organization = _name(reader.organization)
    if title and organization and title.casefold() != organization.casefold():
        return f"your work as {title} at {organization}"
    if organization:
        return f"your work at {organization}"
    if title:
        return f"your work as {title}"
    return "your work"


def _person(name: str) -> str:
    name = p.bare(name)
    return name if p.fits(name, 6) else ""


def _name(text: str) -> str:
    name = p.without_aside(text)
    return name if p.fits(name, 8) else ""


_BY_SOURCE = {
    "referral": _referral,
    "alumni": _alumni,
    "professor": _professor,
    "former_coworker": _former_coworker,
    "family": _family,
    "friend": _friend,
    "friend_of_contact": _friend_of_contact,
    "linkedin_1st": _linkedin_first,
    "linkedin_2nd": _linkedin_second,
    "event": _event,
    "article": _article,
    "cold": _cold,
}
