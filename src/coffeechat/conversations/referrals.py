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
    """The person suggested, as a contact referred by the conversation's person, and the task
    to write to them. Someone already on the list (same first and last name, at the same
    organization) is that contact, not a copy: they gain who suggested them, if nobody had.
    The organization is matched by name as imports match it (case, punctuation and legal
    suffix ignored), or created. `data` holds first_name, last_name and optionally title,
    organization (a name) and note."""
    owner, referrer = conversation.owner, conversation.contact
    clock = clock_for(owner)
    first = data.get("first_name", "").strip()[:150]
    last = data.get("last_name", "").strip()[:150]
    note = data.get("note", "").replace("\r\n", "\n").strip()
    name = " ".join(data.get("organization", "").split())[:200]
    organization = (
        Organization.objects.owned_by(owner)
        .filter(normalized_name=normalize_org_name(name))
        .first()
        if name
        else None
    )
    person = _already_listed(owner, first, last, organization, referrer)
    if person is not None:
        changed = []
        if person.referred_by_id is None:
            person.referred_by = referrer
            changed.append("referred_by")
        if note and note not in person.notes:
            person.notes = f"{person.notes}\n\n{note}".strip()
            changed.append("notes")
        if changed:
            person.save(update_fields=[*changed, "updated_at"])
    else:
        if name and organization is None:
            organization = Organization.objects.create(owner=owner, name=name)
        person = Contact.objects.create(
            owner=owner,
            first_name=first,
            last_name=last,
            title=data.get("title", "").strip()[:200],
            organization=organization,
            source=Source.REFERRAL,
            source_detail=f"Suggested by {referrer} on {format_day(clock.today())}"[:300],
            referred_by=referrer,
            notes=note,
        )
    open_task = Task.objects.filter(
        owner=owner, contact=person, kind=Task.Kind.WRITE_TO, done=False
    ).exists()
    if not open_task:
        Task.objects.create(
            owner=owner,
            title=write_to_title(person, referrer)[:300],
            kind=Task.Kind.WRITE_TO,
            due_on=clock.today() + timedelta(days=WRITE_WITHIN_DAYS),
            contact=person,
            conversation=conversation,
        )
    return person


def _already_listed(owner, first: str, last: str, organization, referrer) -> Contact | None:
    """The contact this suggestion names, when both names are given and match one person at
    the same organization (or one without an organization, when none was named)."""
    if not (first and last):
        return None
    matches = (
        Contact.objects.owned_by(owner)
        .filter(first_name__iexact=first, last_name__iexact=last, organization=organization)
        .exclude(pk=referrer.pk)
    )
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None
