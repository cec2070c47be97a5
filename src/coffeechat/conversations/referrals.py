"""People the other person suggested, during the conversation or after it: each becomes a
contact in one step (how you know them: referral, referred by this person), with a task to
write to them that names who suggested it. Their first request then names that person first
(coffeechat.lib.drafting), and sending it closes the task (coffeechat.conversations.lifecycle).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.names import normalize_org_name
from coffeechat.lib.zones import format_day
from coffeechat.people.models import Contact, Source
from coffeechat.research.models import Organization

WRITE_WITHIN_DAYS = 7  # while the suggestion is fresh, and after the thank-you


def write_to_title(person: Contact, referrer: Contact) -> str:
    return f"Write to {person} — {referrer} suggested you"


@transaction.atomic
def capture(conversation: Conversation, data: dict) -> Contact:
    """A new contact referred by the conversation's person, with its organization matched by
    name as imports match it (case, punctuation and legal suffix ignored) or created, and the
    task to write to them. `data` holds first_name, last_name and optionally title,
    organization (a name) and note."""
    owner, referrer = conversation.owner, conversation.contact
    clock = clock_for(owner)
    organization = None
    name = " ".join(data.get("organization", "").split())[:200]
    if name:
        organization = (
            Organization.objects.owned_by(owner)
            .filter(normalized_name=normalize_org_name(name))
            .first()
        ) or Organization.objects.create(owner=owner, name=name)
    detail = f"Suggested by {referrer} on {format_day(clock.today())}"
    person = Contact.objects.create(
        owner=owner,
        first_name=data.get("first_name", "").strip()[:150],
        last_name=data.get("last_name", "").strip()[:150],
        title=data.get("title", "").strip()[:200],
        organization=organization,
        source=Source.REFERRAL,
        source_detail=detail[:300],
        referred_by=referrer,
        notes=data.get("note", "").replace("\r\n", "\n").strip(),
    )
    Task.objects.create(
        owner=owner,
        title=write_to_title(person, referrer)[:300],
        kind=Task.Kind.WRITE_TO,
        due_on=clock.today() + timedelta(days=WRITE_WITHIN_DAYS),
        contact=person,
        conversation=conversation,
    )
    return person
