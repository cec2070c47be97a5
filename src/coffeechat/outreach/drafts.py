"""Drafts filled from the user's own rows: their profile and pitch, the person, the
conversation and what came of it. The words themselves are coffeechat.lib.drafting's."""

from __future__ import annotations

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.followup.models import JobLead, Task
from coffeechat.lib import drafting
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Pitch

DRAFT_KINDS = [
    (Message.Kind.REQUEST, "first request"),
    (Message.Kind.FOLLOW_UP, "follow-up (7 business days)"),
    (Message.Kind.THANK_YOU, "thank-you"),
    (Message.Kind.UPDATE, "keep-in-touch update"),
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


def draft_for(
    profile: SeekerProfile,
    contact: Contact,
    kind: str,
    channel: str,
    minutes: int = 20,
    conversation: Conversation | None = None,
) -> drafting.Draft:
    if conversation is not None:
        minutes = conversation.agreed_minutes
    facts = facts_for(profile, contact, minutes)
    if kind == Message.Kind.FOLLOW_UP:
        return drafting.follow_up(facts, channel, request_subject(contact, conversation))
    if kind == Message.Kind.THANK_YOU:
        return drafting.thank_you(facts, what_happened(contact, conversation), channel)
    if kind == Message.Kind.UPDATE:
        return drafting.keep_in_touch(facts, what_happened(contact, conversation), channel)
    if channel == Message.Channel.CARD:
        channel = Message.Channel.LETTER  # a first request is not a card
    return drafting.request(facts, channel)
