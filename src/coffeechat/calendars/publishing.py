"""Turns conversations and follow-up tasks into calendar events with stable UIDs and SEQUENCEs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Model
from django.utils import timezone
from icalendar import Event

from coffeechat.calendars.models import EventRevision
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib import ics

MEETINGS_LOOK_BACK = timedelta(days=90)
UID_DOMAIN = "coffeechat"
CANCELLED = frozenset(
    {Conversation.Status.CANCELLED, Conversation.Status.DECLINED, Conversation.Status.NO_REPLY}
)
TENTATIVE = frozenset({Conversation.Status.PLANNED, Conversation.Status.REQUESTED})

# Builds the absolute address of an object's page in coffeechat (request.build_absolute_uri).
PageUrl = Callable[[Model], str]


@dataclass
class Draft:
    """One event before its SEQUENCE and DTSTAMP are known."""

    subject: Conversation | Task
    content: dict
    # The page link follows the host the request came in on; it must not count as a change.
    url: str = ""
    revision: EventRevision | None = field(default=None, repr=False)

    @property
    def fingerprint(self) -> str:
        text = json.dumps(self.content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def kind(self) -> str:
        return "conversation" if isinstance(self.subject, Conversation) else "task"

    def event(self) -> Event:
        revision = self.revision
        head = {
            "uid": uid_for(self.subject),
            "url": self.url,
            "dtstamp": revision.changed_at,
            "sequence": revision.sequence,
        }
        if self.kind == "conversation":
            return ics.meeting_event(**head, **self.content)
        return ics.task_todo_or_event(**head, **self.content)


def uid_for(subject: Conversation | Task) -> str:
    """Stable across exports, unique across installations: the row and when it was created."""
    label = subject._meta.model_name
    created = subject.created_at.astimezone(UTC).isoformat()
    digest = hashlib.sha256(f"{label}:{subject.pk}:{created}".encode()).hexdigest()[:16]
    return f"{label}-{subject.pk}-{digest}@{UID_DOMAIN}"


def meeting_draft(conversation: Conversation, page_url: PageUrl) -> Draft:
    contact = conversation.contact
    organization = conversation.organization
    summary = f"Informational interview with {contact.name}"
    if organization is not None:
        summary += f" ({organization.name})"
    lines = [f"{conversation.get_medium_display()}, {conversation.agreed_minutes} minutes"]
    if contact.title:
        lines.append(contact.title + (f", {organization.name}" if organization else ""))
    if conversation.meeting_link:
        lines.append(f"Join: {conversation.meeting_link}")
    content = {
        "start_utc": conversation.scheduled_at,
        "minutes": conversation.agreed_minutes,
        "tz_name": conversation.time_zone,
        "summary": summary,
        "description": "\n".join(lines),
        "location": conversation.place or conversation.meeting_link,
        "cancelled": conversation.status in CANCELLED,
        "tentative": conversation.status in TENTATIVE,
    }
    return Draft(conversation, content, url=page_url(conversation))


def task_draft(task: Task, page_url: PageUrl) -> Draft:
    contact = task.contact or (task.conversation.contact if task.conversation_id else None)
    summary = task.title + (f" ({contact.name})" if contact else "")
    content = {
        "due_on": task.due_on,
        "summary": summary,
        "description": "A follow-up in coffeechat"
        + ("" if task.kind == Task.Kind.OTHER else f": {task.get_kind_display()}"),
    }
    return Draft(task, content, url=page_url(task))


def feed_drafts(
    owner, page_url: PageUrl, now: datetime | None = None, *, every_meeting: bool = False
) -> list[Draft]:
    """The owner's meetings of the last 90 days and later (every one, for the calendar
    export), and their open dated follow-ups."""
    now = now or timezone.now()
    meetings = Conversation.objects.owned_by(owner).filter(scheduled_at__isnull=False)
    if not every_meeting:
        meetings = meetings.filter(scheduled_at__gte=now - MEETINGS_LOOK_BACK)
    meetings = meetings.select_related("contact", "organization", "calendar_revision").order_by(
        "scheduled_at", "pk"
    )
    tasks = (
        Task.objects.owned_by(owner)
        .filter(done=False, due_on__isnull=False)
        .select_related("contact", "conversation__contact", "calendar_revision")
        .order_by("due_on", "pk")
    )
    return [meeting_draft(c, page_url) for c in meetings] + [task_draft(t, page_url) for t in tasks]


def publish(drafts: list[Draft]) -> list[Event]:
    """Events for the drafts, read-only: SEQUENCE and DTSTAMP come from the revision recorded
    when the row was saved (see record_revision); a row never saved since gets SEQUENCE 0.

    The subjects must come with select_related("calendar_revision")."""
    for draft in drafts:
        draft.revision = _stored_revision(draft.subject) or EventRevision(
            fingerprint=draft.fingerprint, changed_at=draft.subject.updated_at
        )
    return [draft.event() for draft in drafts]


def calendar_file_bytes(owner, page_url: PageUrl | None = None) -> bytes:
    """The calendar export: every scheduled meeting and every open dated follow-up, as one
    iCalendar file with the same events (UIDs, sequences) as the subscription feed."""
    events = publish(feed_drafts(owner, page_url or no_url, every_meeting=True))
    return ics.calendar(events, name="coffeechat")


def no_url(_subject) -> str:
    """For files made without a request (the command line): events carry no page address."""
    return ""


def record_revision(subject: Conversation | Task, now: datetime | None = None) -> None:
    """On save: when what the calendar shows changed, the next SEQUENCE and a new DTSTAMP.

    Editing private notes changes nothing a calendar shows, so it bumps nothing."""
    if isinstance(subject, Conversation):
        if subject.scheduled_at is None:
            return
        draft = meeting_draft(subject, no_url)
    else:
        if subject.due_on is None:
            return
        draft = task_draft(subject, no_url)
    now = now or timezone.now()
    revision = EventRevision.objects.filter(**{draft.kind: subject}).first()
    if revision is None:
        EventRevision.objects.create(
            fingerprint=draft.fingerprint, changed_at=now, **{draft.kind: subject}
        )
    elif revision.fingerprint != draft.fingerprint:
        revision.sequence += 1
        revision.fingerprint = draft.fingerprint
        revision.changed_at = now
        revision.save(update_fields=["sequence", "fingerprint", "changed_at"])


def _stored_revision(subject: Conversation | Task) -> EventRevision | None:
    try:
        return subject.calendar_revision
    except EventRevision.DoesNotExist:
        return None
