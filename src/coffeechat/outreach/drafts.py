"""Drafts filled from the user's own rows: their profile and pitch, the person, the
conversation and what came of it. The words themselves are coffeechat.lib.drafting's."""

from __future__ import annotations

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.followup.models import JobLead, Task
from coffeechat.lib import drafting
from coffeechat.lib.zones import UTC_ZONE, format_moment, zone_named
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Pitch

# The moments around a meeting, and asking someone for an introduction: each is its own kind
# of message, and the name ?kind= takes.
CONFIRM = Message.Kind.CONFIRM
RESCHEDULE = Message.Kind.RESCHEDULE
NO_SHOW = Message.Kind.NO_SHOW
DECLINE_REPLY = Message.Kind.DECLINE_REPLY
INTRODUCTION = Message.Kind.INTRODUCTION
MEETING_KINDS = (CONFIRM, RESCHEDULE, NO_SHOW)

DRAFT_KINDS = [
    (Message.Kind.REQUEST, "first request"),
    (Message.Kind.FOLLOW_UP, "follow-up (7 business days)"),
    (Message.Kind.THANK_YOU, "thank-you"),
    (Message.Kind.UPDATE, "keep-in-touch update"),
    (CONFIRM, "confirmation (the day before)"),
    (RESCHEDULE, "request to move the meeting"),
    (NO_SHOW, "note after a missed meeting"),
    (DECLINE_REPLY, "kind answer to a no"),
    (INTRODUCTION, "request for an introduction"),
]
KINDS = [kind for kind, _ in DRAFT_KINDS]


def facts_for(profile: SeekerProfile, contact: Contact, minutes: int = 20) -> drafting.DraftFacts:
    organization = contact.organization.name if contact.organization_id else ""
    return drafting.DraftFacts(
        reader=drafting.Reader(
            first_name=contact.first_name,
            last_name=contact.last_name,
            title=contact.title,
            organization=organization,
        ),
        writer=writer_for(profile),
        link=drafting.Link(
            source=contact.source,
            linked_by=contact.referred_by.name if contact.referred_by_id else "",
            detail=contact.source_detail,
            override=contact.connection_sentence,
        ),
        minutes=minutes,
        premium=profile.linkedin_premium,
    )


def writer_for(profile: SeekerProfile) -> drafting.Writer:
    return drafting.Writer(
        name=profile.display_name,
        role=profile.current_role,
        school=profile.school,
        employers=tuple(line for line in profile.employers.splitlines() if line.strip()),
        exploring=_exploring(profile),
        signature=profile.signature,
    )


def _exploring(profile: SeekerProfile) -> str:
    pitch = (
        Pitch.objects.owned_by(profile.owner)
        .filter(contact__isnull=True)
        .exclude(what_i_am_exploring="")
        .first()
    )
    return pitch.what_i_am_exploring if pitch else ""


def what_happened(contact: Contact, conversation: Conversation | None) -> drafting.WhatHappened:
    """What the thank-you and the update name: the advice the seeker is acting on, promises
    open and kept, whether the résumé went out, and the openings this person mentioned."""
    leads = tuple(
        drafting.LeadNews(role, status)
        for role, status in JobLead.objects.filter(contact=contact)
        .order_by("-updated_at", "-pk")
        .values_list("role", "status")
    )
    if conversation is None:
        return drafting.WhatHappened(leads=leads)
    takeaways = list(conversation.takeaways.order_by("-will_act_on", "pk"))
    acted = [t.text for t in takeaways if t.will_act_on]
    advice = acted or [t.text for t in takeaways if t.category == Takeaway.Category.ADVICE]
    tasks = list(
        Task.objects.filter(
            conversation=conversation, kind__in=(Task.Kind.PROMISE, Task.Kind.SEND_RESUME)
        ).order_by("pk")
    )
    promises = [t for t in tasks if t.kind == Task.Kind.PROMISE]
    return drafting.WhatHappened(
        advice=tuple(advice),
        promises=tuple(t.title for t in promises if not t.done),
        kept=tuple(t.title for t in promises if t.done),
        resume_sent=any(t.done for t in tasks if t.kind == Task.Kind.SEND_RESUME),
        leads=leads,
    )


def request_subject(contact: Contact, conversation: Conversation | None) -> str:
    """The subject of the request this person was sent, for a follow-up's "Re:"."""
    sent = Message.objects.filter(
        contact=contact, kind=Message.Kind.REQUEST, status=Message.Status.SENT
    )
    if conversation is not None:
        sent = sent.filter(conversation=conversation)
    return sent.order_by("-sent_at", "-pk").values_list("subject", flat=True).first() or ""


def meeting_of(contact: Contact) -> Conversation | None:
    """The meeting with this person a confirmation or a missed-meeting note is about, when the
    link names none: the latest one with a time."""
    return (
        Conversation.objects.filter(contact=contact, scheduled_at__isnull=False)
        .order_by("-scheduled_at", "-pk")
        .first()
    )


def when_text(conversation: Conversation | None) -> str:
    """The meeting's time on its own clock, as the other person reads it: "Thu 10 Dec 2026,
    14:00 CET"; "" when no time is set."""
    if conversation is None or conversation.scheduled_at is None:
        return ""
    zone = zone_named(conversation.time_zone) or UTC_ZONE
    return format_moment(conversation.scheduled_at, zone)


# Where, when the seeker typed no place: how the meeting takes place.
_MEDIUM_PLACE = {
    Conversation.Medium.PHONE: "by phone",
    Conversation.Medium.VIDEO: "by video call",
}


def place_text(conversation: Conversation) -> str:
    return conversation.place or _MEDIUM_PLACE.get(conversation.medium, "")


def target_for(about: Contact) -> drafting.Reader:
    """The person an introduction is asked for."""
    return drafting.Reader(
        first_name=about.first_name,
        last_name=about.last_name,
        title=about.title,
        organization=about.organization.name if about.organization_id else "",
    )


def moment_draft(
    facts: drafting.DraftFacts,
    contact: Contact,
    kind: str,
    channel: str,
    conversation: Conversation | None,
    about: Contact | None,
) -> drafting.Draft:
    """The drafts of the moments (MEETING_KINDS, DECLINE_REPLY, INTRODUCTION): a subject for
    email and InMail, a formal greeting for a letter or card, a plain message otherwise."""
    if kind == DECLINE_REPLY:
        return drafting.decline_reply(facts, channel)
    if kind == INTRODUCTION:
        target = target_for(about) if about is not None else drafting.Reader()
        return drafting.introduction_request(facts, target, contact.source, channel)
    when = when_text(conversation)
    if kind == RESCHEDULE:
        return drafting.reschedule(facts, when, channel)
    if kind == NO_SHOW:
        return drafting.no_show(facts, when, channel)
    place = place_text(conversation) if conversation is not None else ""
    link = conversation.meeting_link if conversation is not None else ""
    return drafting.confirmation(facts, when, place, link, channel)


def draft_for(
    profile: SeekerProfile,
    contact: Contact,
    kind: str,
    channel: str,
    minutes: int = 20,
    conversation: Conversation | None = None,
    about: Contact | None = None,
) -> drafting.Draft:
    """The draft of `kind` (one of KINDS) to `contact`; `about` is the person an introduction
    is asked for."""
    if conversation is None and kind in MEETING_KINDS:
        conversation = meeting_of(contact)
    if conversation is not None:
        minutes = conversation.agreed_minutes
    facts = facts_for(profile, contact, minutes)
    if kind in (*MEETING_KINDS, DECLINE_REPLY, INTRODUCTION):
        return moment_draft(facts, contact, kind, channel, conversation, about)
    if kind == Message.Kind.FOLLOW_UP:
        return drafting.follow_up(facts, channel, request_subject(contact, conversation))
    if kind == Message.Kind.THANK_YOU:
        return drafting.thank_you(facts, what_happened(contact, conversation), channel)
    if kind == Message.Kind.UPDATE:
        return drafting.keep_in_touch(facts, what_happened(contact, conversation), channel)
    if channel == Message.Channel.CARD:
        channel = Message.Channel.LETTER  # a first request is not a card
    return drafting.request(facts, channel)
