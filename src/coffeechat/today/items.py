"""What is due now, in the order the practice puts it: thank-yous first, then the 3B/7B
follow-ups, coming meetings with their preparation, promises, keep-in-touch notes, the rest.

One function feeds the Today page, `coffeechat today` and the daily digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy

from coffeechat.accounts.clock import SeekerClock, clock_for
from coffeechat.conversations.keep_in_touch import due_people, names_and_latest_held
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.rhythm import FOLLOW_UP, SECOND_CONTACT
from coffeechat.lib.zones import format_moment
from coffeechat.outreach.models import Message
from coffeechat.people.links import draft_url
from coffeechat.people.models import Interaction

UPCOMING_DAYS = 7
CLOSE_THE_LOOP_DAYS = 21
LIMIT = 40

THANK_YOU, RHYTHM, MEETING, PROMISE, KEEP_IN_TOUCH, LOOP, TASK = range(7)

# Links are resolved when shown: `coffeechat today` prints none, so it never loads the URLconf
# (every view module), a third of its run time.
lazy_draft_url = lazy(draft_url, str)


@dataclass(frozen=True)
class TodayItem:
    group: int  # the order of the practice (lower first)
    title: str
    detail: str
    action_label: str
    action_url: str
    due: date | None = None
    overdue: bool = False

    def sort_key(self) -> tuple:
        return (self.group, not self.overdue, self.due or date.max, self.title)


def today_items(user, today: date | None = None) -> list[TodayItem]:
    clock = clock_for(user)
    today = today or clock.today()
    items = [
        *_tasks(user, today),
        *_rhythm(user, clock, today),
        *_meetings(user, clock, today),
        *_keep_in_touch(user, clock, today),
        *_close_the_loop(user, clock),
    ]
    return sorted(items, key=TodayItem.sort_key)[:LIMIT]


def _tasks(user, today: date) -> list[TodayItem]:
    tasks = (
        Task.objects.owned_by(user)
        .filter(done=False)
        .filter(Q(due_on__lte=today + timedelta(days=2)) | Q(due_on__isnull=True))
        .select_related("contact", "conversation")
        .order_by("due_on", "pk")[:LIMIT]
    )
    items = []
    for task in tasks:
        group = {Task.Kind.THANK_YOU: THANK_YOU, Task.Kind.PROMISE: PROMISE}.get(task.kind, TASK)
        if task.kind == Task.Kind.THANK_YOU and task.conversation_id:
            label, url = (
                "Draft the thank-you",
                lazy_draft_url(task.contact_id, task.conversation_id, "thank_you"),
            )
        else:
            label, url = "Open", reverse_lazy("followup:task_detail", args=[task.pk])
        who = f" · {task.contact}" if task.contact_id else ""
        items.append(
            TodayItem(
                group,
                task.title,
                f"{task.get_kind_display()}{who}",
                label,
                url,
                task.due_on,
                task.is_overdue(today),
            )
        )
    return items


def _rhythm(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    followed_up = Message.objects.filter(
        conversation=OuterRef("pk"), kind=Message.Kind.FOLLOW_UP, status=Message.Status.SENT
    )
    asked_another = Conversation.objects.filter(
        organization=OuterRef("organization"),
        requested_at__gt=OuterRef("requested_at"),
    ).exclude(pk=OuterRef("pk"))
    waiting = (
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.REQUESTED,
            requested_at__isnull=False,
            replied_at__isnull=True,
        )
        .annotate(followed_up=Exists(followed_up), asked_another=Exists(asked_another))
        .select_related("contact", "organization")
        .order_by("requested_at")[:LIMIT]
    )
    items = []
    for conversation in waiting:
        rhythm = clock.rhythm(conversation.requested_at)
        due = rhythm.due(today)
        where = f" at {conversation.organization}" if conversation.organization_id else ""
        if FOLLOW_UP in due and not conversation.followed_up:
            items.append(
                TodayItem(
                    RHYTHM,
                    f"Follow up once with {conversation.contact}",
                    f"No answer 7 business days after your request of {rhythm.sent_on:%d %b}",
                    "Draft the follow-up",
                    lazy_draft_url(conversation.contact_id, conversation.pk, "follow_up"),
                    rhythm.follow_up_on,
                    today > rhythm.follow_up_on,
                )
            )
        if SECOND_CONTACT in due and not conversation.asked_another:
            items.append(
                TodayItem(
                    RHYTHM,
                    f"Write to a second person{where}",
                    f"{conversation.contact} has not answered in 3 business days",
                    "Who to ask next",
                    reverse_lazy("people:who_next"),
                    rhythm.second_contact_on,
                )
            )
    return items


def _meetings(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    now = timezone.now()
    coming = (
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.SCHEDULED,
            scheduled_at__gte=now - timedelta(hours=2),
            scheduled_at__lte=now + timedelta(days=UPCOMING_DAYS),
        )
        .select_related("contact", "organization")
        .annotate(questions=Count("agenda_items"))
        .order_by("scheduled_at")[:LIMIT]
    )
    items = []
    for conversation in coming:
        count = conversation.questions
        prepared = (
            f"{count} question{'' if count == 1 else 's'} planned"
            if count
            else "no questions planned yet"
        )
        items.append(
            TodayItem(
                MEETING,
                f"Meet {conversation.contact}",
                f"{format_moment(conversation.local_start, clock.zone)}"
                f" · {conversation.agreed_minutes} min"
                f" · {prepared}",
                "Prep sheet" if conversation.questions else "Plan the questions",
                reverse_lazy(
                    "conversations:conversation_prep"
                    if conversation.questions
                    else "conversations:conversation_plan",
                    args=[conversation.pk],
                ),
                clock.day_of(conversation.scheduled_at),
            )
        )
    return items


def _keep_in_touch(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    due = due_people(user, clock, today, limit=LIMIT)
    names, latest = names_and_latest_held(due)
    # Only the first LIMIT of this group can make the list; build items for those alone.
    due_people_first = sorted((day, names[pk], pk) for pk, day in due.items())[:LIMIT]
    return [
        TodayItem(
            KEEP_IN_TOUCH,
            f"Keep in touch with {name}",
            "Tell them what you did with their advice, or share news they would like",
            "Draft an update",
            lazy_draft_url(pk, latest.get(pk), "update"),
            due,
            due < today,
        )
        for due, name, pk in due_people_first
    ]


def _close_the_loop(user, clock: SeekerClock) -> list[TodayItem]:
    since = timezone.now() - timedelta(days=CLOSE_THE_LOOP_DAYS)
    told = Interaction.objects.filter(
        contact=OuterRef("contact"),
        direction=Interaction.Direction.OUTGOING,
        occurred_at__gt=OuterRef("done_at"),
    )
    kept = (
        Task.objects.owned_by(user)
        .filter(kind=Task.Kind.PROMISE, done=True, done_at__gte=since, contact__isnull=False)
        .annotate(told=Exists(told))
        .select_related("contact")
        .order_by("-done_at")[:LIMIT]
    )
    items = []
    for task in kept:
        if not task.told:
            items.append(
                TodayItem(
                    LOOP,
                    f"Tell {task.contact} you did it: {task.title}",
                    "Closing the loop shows their advice mattered",
                    "Draft an update",
                    lazy_draft_url(task.contact_id, task.conversation_id, "update"),
                    clock.day_of(task.done_at),
                )
            )
    return items
