"""Drafts filled from the user's own rows: their profile, the person, the organization."""

from __future__ import annotations

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import Takeaway
from coffeechat.followup.models import Task
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


def facts_for(profile: SeekerProfile, contact: Contact, minutes: int = 20) -> drafting.DraftFacts:
    employers = [line.strip() for line in profile.employers.splitlines() if line.strip()]
    organization = contact.organization.name if contact.organization_id else ""
    shared_employer = ""
    if contact.source == "former_coworker":
        shared_employer = next(
            (e for e in employers if organization and e.casefold() == organization.casefold()),
            employers[0] if employers else organization,
        )
    referrer = contact.referred_by.name if contact.referred_by_id else ""
    situation = drafting.situation_for(
        contact.source, bool(referrer), profile.school, shared_employer, contact.source_detail
    )
    if situation == drafting.REFERRAL and not referrer:
        referrer = contact.source_detail
        if not referrer:
            situation = drafting.COLD
    role = profile.current_role or (f"a student at {profile.school}" if profile.school else "")
    return drafting.DraftFacts(
        their_first_name=contact.first_name or contact.name,
        their_last_name=contact.last_name,
        their_title=contact.title,
        their_organization=organization,
        situation=situation,
        referrer=referrer,
        shared_school=profile.school,
        shared_employer=shared_employer,
        where_met=contact.source_detail if situation == drafting.EVENT else "",
        their_work=contact.source_detail if situation == drafting.ARTICLE else "",
        my_name=profile.display_name,
        my_role=role,
        exploring=_exploring(profile, contact),
        minutes=minutes,
        signature=profile.signature,
    )


def _exploring(profile: SeekerProfile, contact: Contact) -> str:
    pitch = (
        Pitch.objects.owned_by(profile.owner)
        .filter(contact__isnull=True)
        .exclude(what_i_am_exploring="")
        .first()
    )
    if pitch:
        return pitch.what_i_am_exploring.strip().rstrip(".")
    return ""


def thanks_from(conversation) -> drafting.ThanksFacts:
    """What the thank-you names: the advice the seeker will act on and what they promised."""
    if conversation is None:
        return drafting.ThanksFacts()
    takeaways = list(conversation.takeaways.order_by("-will_act_on", "pk"))
    acted = [t.text for t in takeaways if t.will_act_on]
    advice = acted or [t.text for t in takeaways if t.category == Takeaway.Category.ADVICE]
    promises = list(
        Task.objects.filter(conversation=conversation, kind=Task.Kind.PROMISE)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    return drafting.ThanksFacts(
        advice=advice, promises=promises, resume_requested=conversation.resume_requested
    )


def draft_for(
    profile: SeekerProfile,
    contact: Contact,
    kind: str,
    channel: str,
    minutes: int = 20,
    conversation=None,
) -> drafting.Draft:
    if conversation is not None:
        minutes = conversation.agreed_minutes
    facts = facts_for(profile, contact, minutes)
    if kind == Message.Kind.FOLLOW_UP:
        return drafting.follow_up(facts, channel)
    if kind == Message.Kind.THANK_YOU:
        return drafting.thank_you(facts, thanks_from(conversation), channel)
    if kind == Message.Kind.UPDATE:
        return drafting.keep_in_touch(facts)
    return drafting.request(facts, channel, premium=profile.linkedin_premium)
