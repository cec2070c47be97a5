"""What to keep in mind for the meeting itself, by how it takes place; no Django.

The practice, as the prep sheet and live mode say it: be there early (or test the link), dress
a notch above their office's everyday wear, pay for the coffee, keep the résumé in the bag
until they ask, keep to the agreed minutes and offer to stop when they are up, and have the
pitch ready. Questions left open during the meeting go on a "come back to this" list, one a
line; the helpers at the end read and add to that list.
"""

from __future__ import annotations

from dataclasses import dataclass

# The mediums a conversation takes place in (Conversation.Medium's values).
COFFEE = "coffee"
PHONE = "phone"
VIDEO = "video"
OFFICE = "office"
OTHER = "other"
MEDIUMS = (COFFEE, PHONE, VIDEO, OFFICE, OTHER)
IN_PERSON = frozenset({COFFEE, OFFICE, OTHER})

ARRIVE_EARLY_MINUTES = 10
TEST_LINK_MINUTES = 5


@dataclass(frozen=True)
class MeetingFacts:
    """What is known about one meeting."""

    medium: str
    minutes: int
    has_link: bool = False
    has_place: bool = False
    has_phone: bool = False  # the other person's number is on file


def advice(facts: MeetingFacts) -> list[str]:
    """The lines to read before the meeting, in the order they matter on the day."""
    medium = facts.medium if facts.medium in MEDIUMS else OTHER
    lines = [*_where(medium, facts), *_on_time(medium), *_appearance(medium)]
    if medium == COFFEE:
        lines.append("Offer to pay for the coffee: they are giving you their time.")
    lines.append(_resume(medium))
    lines.append(
        f"Keep to the {facts.minutes} minutes they agreed to. Watch the time, and when it is "
        "up, offer to stop; let them be the one to go on."
    )
    lines.append("Have your pitch ready to say in under a minute, not read out.")
    return lines


def advice_for(
    medium: str,
    minutes: int,
    *,
    has_link: bool = False,
    has_place: bool = False,
    has_phone: bool = False,
) -> list[str]:
    """advice() from plain values."""
    return advice(MeetingFacts(medium, minutes, has_link, has_place, has_phone))


def _where(medium: str, facts: MeetingFacts) -> list[str]:
    if medium == VIDEO and not facts.has_link:
        return ["No meeting link yet: find it in their invitation, or ask for one the day before."]
    if medium == PHONE and not facts.has_phone:
        return ["No phone number on file: confirm who calls whom, and at which number."]
    if medium in IN_PERSON and not facts.has_place and not facts.has_link:
        return ["No place recorded yet: confirm where you are meeting, at their convenience."]
    return []


def _on_time(medium: str) -> list[str]:
    if medium == VIDEO:
        return [
            f"Open the link {TEST_LINK_MINUTES} minutes before: check the sound, the camera "
            "and the light, in a quiet room.",
        ]
    if medium == PHONE:
        return [
            f"Be ready {ARRIVE_EARLY_MINUTES} minutes before, somewhere quiet with a good "
            "signal and your notes in front of you; if you are calling, call on the minute.",
        ]
    if medium == OFFICE:
        return [
            f"Arrive {ARRIVE_EARLY_MINUTES} minutes early: signing in at reception takes time, "
            "and the meeting starts when they expect you.",
        ]
    if medium == COFFEE:
        return [
            f"Arrive {ARRIVE_EARLY_MINUTES} minutes early, so you are the one waiting and can "
            "find a quiet table.",
        ]
    return [f"Be there {ARRIVE_EARLY_MINUTES} minutes early."]


def _appearance(medium: str) -> list[str]:
    if medium == PHONE:
        return []
    if medium == VIDEO:
        return ["Dress as for a visit to their office, a notch above its everyday wear."]
    return ["Dress a notch above what people usually wear at their office."]


def _resume(medium: str) -> str:
    if medium in (VIDEO, PHONE):
        return (
            "Keep your résumé at hand to send if they ask for it, but do not offer it: "
            "this is about their advice, not a job."
        )
    return (
        "Bring a copy of your résumé and keep it in your bag unless they ask for it: "
        "this is about their advice, not a job."
    )


# The "come back to this" list -------------------------------------------------------------

_BULLETS = ("- ", "* ", "• ")


def open_points(text: str) -> list[str]:
    """The list's entries: one a line, list marks and blank lines left out."""
    points = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        for bullet in _BULLETS:
            if line.startswith(bullet):
                line = line[len(bullet) :].strip()
                break
        if line:
            points.append(line)
    return points


def with_open_point(text: str, point: str) -> str:
    """text with point added as the last line, unless it is on the list already."""
    point = " ".join((point or "").split())
    if not point or point.casefold() in {p.casefold() for p in open_points(text)}:
        return text
    kept = (text or "").rstrip()
    return f"{kept}\n- {point}" if kept else f"- {point}"
