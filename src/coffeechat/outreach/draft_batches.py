"""Drafts for several people at once (`coffeechat draft`): who each kind of message is for, the
draft for each with what the checker says of it, and saving them as drafts to send."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from coffeechat.accounts.clock import clock_for, get_profile
from coffeechat.conversations import lifecycle
from coffeechat.conversations.keep_in_touch import due_people
from coffeechat.conversations.models import Conversation
from coffeechat.lib.etiquette import Finding
from coffeechat.outreach import checking
from coffeechat.outreach.drafts import draft_for
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact

# The command's channel names: the message's channel, and whether the note is a Premium one.
CHANNELS = {
    "email": (Message.Channel.EMAIL, False),
    "linkedin-note": (Message.Channel.LINKEDIN_NOTE, True),
    "linkedin-note-free": (Message.Channel.LINKEDIN_NOTE, False),
    "inmail": (Message.Channel.INMAIL, False),
    "letter": (Message.Channel.LETTER, False),
    "phone": (Message.Channel.PHONE, False),
}
KINDS = {
    "request": Message.Kind.REQUEST,
    "follow-up": Message.Kind.FOLLOW_UP,
    "thank-you": Message.Kind.THANK_YOU,
    "keep-in-touch": Message.Kind.UPDATE,
}


class UnknownContact(LookupError):
    """str() names what was given that matches none of the user's contacts."""


@dataclass
class DraftRow:
    contact: Contact
    conversation: Conversation | None
    kind: str  # a Message.Kind
    channel: str  # a Message.Channel
    subject: str
    body: str
    findings: list[Finding]

    def as_json(self, kind_name: str, channel_name: str) -> dict:
        return {
            "contact_id": self.contact.pk,
            "contact": self.contact.name,
            "kind": kind_name,
            "channel": channel_name,
            "subject": self.subject,
            "body": self.body,
            "findings": [finding.as_dict() for finding in self.findings],
        }


def find_contacts(user, wanted: list[str]) -> list[Contact]:
    """The user's contacts named by id or email address, in the order given."""
    owned = Contact.objects.owned_by(user).select_related("organization", "referred_by")
    found = []
    for text in wanted:
        value = text.strip()
        if value.isascii() and value.isdigit():
            contact = owned.filter(pk=int(value)).first()
        else:
            contact = owned.filter(email__iexact=value).order_by("pk").first()
        if contact is None:
            raise UnknownContact(f"No contact of yours has the id or email address {text!r}.")
        found.append(contact)
    return found


def targets(user, kind: str, contacts: list[Contact] | None = None):
    """(contact, conversation) pairs a kind of message is for: the given people, or with none
    given, everyone it applies to — a request to everyone who may be contacted, a follow-up to
    people whose request waits for an answer, a thank-you after a conversation held and not
    yet thanked, an update to people due one."""
    if contacts is not None:
        return [(contact, _conversation_for(contact, kind)) for contact in contacts]
    conversations = Conversation.objects.owned_by(user).select_related(
        "contact__organization", "contact__referred_by"
    )
    if kind == Message.Kind.FOLLOW_UP:
        waiting = conversations.filter(
            status=lifecycle.REQUESTED, requested_at__isnull=False, replied_at__isnull=True
        ).order_by("requested_at", "pk")
        return [(c.contact, c) for c in waiting if not c.contact.do_not_contact]
    if kind == Message.Kind.THANK_YOU:
        unthanked = conversations.filter(status=lifecycle.HELD, thanked_at__isnull=True)
        return [(c.contact, c) for c in unthanked.order_by("held_at", "pk")]
    if kind == Message.Kind.UPDATE:
        clock = clock_for(user)
        due = due_people(user, clock, clock.today())
        people = Contact.objects.owned_by(user).select_related("organization", "referred_by")
        return [(c, _conversation_for(c, kind)) for c in people.filter(pk__in=due)]
    people = Contact.objects.owned_by(user).filter(do_not_contact=False)
    people = people.select_related("organization", "referred_by")
    return [(contact, _conversation_for(contact, kind)) for contact in people]


def _conversation_for(contact: Contact, kind: str) -> Conversation | None:
    """The conversation a message of this kind belongs to: the request waiting for an answer,
    the latest held one, or the one being planned."""
    conversations = Conversation.objects.filter(contact=contact)
    if kind == Message.Kind.REQUEST:
        wanted = Q(status=lifecycle.PLANNED)
    elif kind == Message.Kind.FOLLOW_UP:
        wanted = Q(status=lifecycle.REQUESTED)
    else:
        wanted = Q(held_at__isnull=False) | Q(status__in=lifecycle.TOOK_PLACE)
    return conversations.filter(wanted).order_by("-held_at", "-created_at", "-pk").first()


def draft_rows(user, pairs, kind: str, channel_name: str) -> list[DraftRow]:
    channel, premium = CHANNELS[channel_name]
    profile = get_profile(user)
    if channel == Message.Channel.LINKEDIN_NOTE:
        profile.linkedin_premium = premium  # the note's limit is the one asked for
    rows = []
    for contact, conversation in pairs:
        draft = draft_for(profile, contact, kind, channel, conversation=conversation)
        findings = checking.findings_for(draft.body, channel, draft.subject, kind, premium)
        rows.append(
            DraftRow(contact, conversation, kind, channel, draft.subject, draft.body, findings)
        )
    return rows


@transaction.atomic
def save_drafts(user, rows: list[DraftRow]) -> list[Message]:
    """Keep the drafts as messages waiting to be sent (one at a time, so search finds them);
    nothing is sent."""
    return [
        Message.objects.create(
            owner=user,
            contact=row.contact,
            conversation=row.conversation,
            kind=row.kind,
            channel=row.channel,
            subject=row.subject,
            body=row.body,
            status=Message.Status.DRAFT,
        )
        for row in rows
    ]
