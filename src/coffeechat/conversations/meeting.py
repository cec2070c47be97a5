"""What the prep sheet and live mode both show about the meeting itself: where it takes place
(the link, the address, or the number to call), the advice for its medium
(coffeechat.lib.meeting_advice), the seeker's current pitch, and the questions left open."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.conversations.models import Conversation
from coffeechat.lib import meeting_advice
from coffeechat.prepare.models import Pitch

# Earlier conversations with the same person whose open questions the prep sheet repeats.
EARLIER_SHOWN = 3


@dataclass(frozen=True)
class Where:
    """How to reach the meeting; each part empty when unknown or not for this medium."""

    link: str = ""  # a web address to join (only http and https become links)
    place: str = ""  # an address or a café
    phone: str = ""  # the other person's number, for a phone call
    phone_href: str = ""  # the same number as a tel: address

    @property
    def known(self) -> bool:
        return bool(self.link or self.place or self.phone)


def where(conversation: Conversation) -> Where:
    link = conversation.meeting_link.strip()
    if not link.lower().startswith(("http://", "https://")):
        link = ""
    phone = ""
    if conversation.medium == Conversation.Medium.PHONE:
        phone = conversation.contact.phone.strip()
    dialled = "".join(c for c in phone if c.isdigit() or c == "+")
    return Where(
        link=link,
        place=conversation.place.strip(),
        phone=phone,
        phone_href=f"tel:{dialled}" if dialled else "",
    )


def current_pitch(user, contact) -> Pitch | None:
    """The newest version of the pitch written for this person, else of the general pitch."""
    pitches = Pitch.objects.owned_by(user)
    return pitches.filter(contact=contact).first() or pitches.filter(contact__isnull=True).first()


def meeting_context(user, conversation: Conversation) -> dict:
    place = where(conversation)
    facts = meeting_advice.MeetingFacts(
        medium=conversation.medium,
        minutes=conversation.agreed_minutes,
        has_link=bool(place.link),
        has_place=bool(place.place),
        has_phone=bool(place.phone),
    )
    return {
        "where": place,
        "advice": meeting_advice.advice(facts),
        "pitch": current_pitch(user, conversation.contact),
        "come_back": meeting_advice.open_points(conversation.come_back_to),
    }


def left_open_before(user, conversation: Conversation) -> list[tuple[Conversation, list[str]]]:
    """Earlier conversations with the same person that left questions open, newest first, with
    those questions."""
    earlier = (
        Conversation.objects.owned_by(user)
        .filter(contact_id=conversation.contact_id)
        .filter(created_at__lte=conversation.created_at)
        .exclude(pk=conversation.pk)
        .exclude(come_back_to="")
        .order_by("-created_at", "-pk")[:EARLIER_SHOWN]
    )
    found = []
    for other in earlier:
        points = meeting_advice.open_points(other.come_back_to)
        if points:
            found.append((other, points))
    return found
