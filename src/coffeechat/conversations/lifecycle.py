"""A conversation's life, from planned to keeping in touch: the one place its status changes.

Every move is checked against the table below and carries its side effects: the moments the
practice counts from (request sent, answer, meeting held, thanks sent), from which the 3B7
dates follow; the tasks a move opens (a held conversation asks for a thank-you within two of
the seeker's days) and closes (a thank-you sent closes it; an answer ends the follow-up
reminders; asking someone who was suggested ends the task to write to them); and the
interaction a message sent or received logs with the person. Pages, commands, imports,
restore and sample data go through here; none sets `status` itself.

    planned → requested → scheduled → held → thanked → keeping in touch
                  ↘ declined, no reply      ↘ cancelled

A move one step back along that line is a correction (marked held by mistake): it clears the
moment of the step it undoes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.people.models import Contact, Interaction

Status = Conversation.Status
PLANNED, REQUESTED, SCHEDULED = Status.PLANNED, Status.REQUESTED, Status.SCHEDULED
HELD, THANKED, KEEPING_IN_TOUCH = Status.HELD, Status.THANKED, Status.KEEPING_IN_TOUCH
DECLINED, NO_REPLY, CANCELLED = Status.DECLINED, Status.NO_REPLY, Status.CANCELLED

# The status groups, defined here once.
STATUSES = frozenset(Status.values)
PIPELINE = (PLANNED, REQUESTED, SCHEDULED, HELD, THANKED, KEEPING_IN_TOUCH)
OPEN = frozenset({PLANNED, REQUESTED, SCHEDULED})  # the conversation is still ahead
TOOK_PLACE = frozenset({HELD, THANKED, KEEPING_IN_TOUCH})  # the conversation happened
ENDED_WITHOUT_MEETING = frozenset({DECLINED, NO_REPLY, CANCELLED})
ANSWERED = frozenset({SCHEDULED, DECLINED})  # they answered, whatever they said
ASKED = frozenset({REQUESTED, NO_REPLY})  # they were asked and have not answered

# Where a conversation may go from each status, besides staying where it is.
FORWARD: dict[str, frozenset[str]] = {
    PLANNED: frozenset({REQUESTED, SCHEDULED, HELD, THANKED, DECLINED, CANCELLED}),
    REQUESTED: frozenset({SCHEDULED, HELD, THANKED, DECLINED, NO_REPLY, CANCELLED}),
    SCHEDULED: frozenset({HELD, THANKED, DECLINED, CANCELLED}),
    HELD: frozenset({THANKED, KEEPING_IN_TOUCH}),
    THANKED: frozenset({KEEPING_IN_TOUCH}),
    KEEPING_IN_TOUCH: frozenset(),
    DECLINED: frozenset({SCHEDULED}),  # they changed their mind
    NO_REPLY: frozenset({SCHEDULED, DECLINED, HELD, THANKED}),  # a late answer
    CANCELLED: frozenset({SCHEDULED}),  # a new time (planning again is a new conversation)
}
# Corrections: one step back, and the moments the step undone had set.
CORRECTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    (REQUESTED, PLANNED): ("requested_at", "replied_at", "scheduled_at"),
    (SCHEDULED, REQUESTED): ("scheduled_at",),  # the time fell through; an answer stays
    (HELD, SCHEDULED): ("held_at",),
    (THANKED, HELD): ("thanked_at",),
    (KEEPING_IN_TOUCH, THANKED): (),
    (DECLINED, REQUESTED): ("replied_at",),
    (NO_REPLY, REQUESTED): (),
}

THANK_YOU_WITHIN_DAYS = 2  # the practice: thank them within a day or two
RHYTHM_TASKS = (Task.Kind.FOLLOW_UP, Task.Kind.SECOND_CONTACT)  # ended by any answer


class TransitionRefused(ValueError):
    """A move the practice does not allow; str() is a sentence for the seeker."""


@dataclass(frozen=True)
class Touch:
    """What the seeker did or received with the person (an email sent, a reply): logged as an
    interaction, which also resets the keep-in-touch clock."""

    kind: str  # an Interaction.Kind
    direction: str  # an Interaction.Direction
    summary: str


def allowed(current: str, target: str) -> bool:
    return current == target or target in FORWARD[current] or (current, target) in CORRECTIONS


# How a refusal names where a conversation stands.
STANDING = {
    PLANNED: "still planned",
    REQUESTED: "waiting for an answer",
    SCHEDULED: "scheduled",
    HELD: "held",
    THANKED: "thanked",
    KEEPING_IN_TOUCH: "keeping in touch",
    DECLINED: "declined",
    NO_REPLY: "without a reply",
    CANCELLED: "cancelled",
}


def refusal(current: str, target: str) -> str:
    """Why a move is refused ("" when it is allowed), in words the seeker understands."""
    if allowed(current, target):
        return ""
    to = f"“{Status(target).label}”"
    if current in TOOK_PLACE and target not in TOOK_PLACE:
        return f"The conversation already took place, so it cannot be marked {to}."
    if target == NO_REPLY and current in (SCHEDULED, DECLINED):
        return f"They already answered, so it cannot be marked {to}."
    if target == NO_REPLY and current == PLANNED:
        return "Only a request that was sent can go without a reply; this one is still planned."
    if target == KEEPING_IN_TOUCH:
        return "Keeping in touch comes after the conversation took place."
    if current == CANCELLED and target == PLANNED:
        return "To plan it again, start a new conversation with them."
    return f"A conversation {STANDING[current]} cannot be marked {to}."


def check(current: str, target: str) -> None:
    reason = refusal(current, target)
    if reason:
        raise TransitionRefused(reason)


# Starting and moving -----------------------------------------------------------------------


def start(owner, contact: Contact, **fields) -> Conversation:
    """A new planned conversation, in the seeker's time zone unless another is given."""
    fields.setdefault("time_zone", clock_for(owner).zone_name)
    return Conversation.objects.create(owner=owner, contact=contact, status=PLANNED, **fields)


@transaction.atomic
def move(conversation: Conversation, target: str, at: datetime | None = None) -> Conversation:
    """Move to `target` with its side effects, and save; refused moves raise TransitionRefused.

    `at` is when it happened (now by default): the moment stamped on the step."""
    check(conversation.status, target)
    at = at or timezone.now()
    current = conversation.status
    if current == target:
        conversation.save()
        return conversation
    if (current, target) in CORRECTIONS:
        _correct(conversation, current, target, at)
    else:
        _advance(conversation, target, at)
        if current == PLANNED and target != CANCELLED:
            _asked(conversation)  # whichever way they were asked
    conversation.status = target
    conversation.save()
    return conversation


def _advance(conversation: Conversation, target: str, at: datetime) -> None:
    if target == REQUESTED:
        conversation.requested_at = conversation.requested_at or at
    elif target in (SCHEDULED, DECLINED):
        _answered(conversation, at)
    elif target in ENDED_WITHOUT_MEETING:
        _close(conversation, RHYTHM_TASKS)  # no reply or cancelled: nobody to follow up
    elif target in TOOK_PLACE:
        _took_place(conversation, at)
        if target == HELD:
            _open_thank_you(conversation)
        elif target == THANKED:
            conversation.thanked_at = conversation.thanked_at or at
            _close(conversation, (Task.Kind.THANK_YOU,))


def _asked(conversation: Conversation) -> None:
    """A request went to the person: the task to write to them (someone suggested them) is
    done."""
    for task in Task.objects.filter(
        owner_id=conversation.owner_id,
        contact_id=conversation.contact_id,
        kind=Task.Kind.WRITE_TO,
        done=False,
    ):
        task.done = True
        task.save()


def _answered(conversation: Conversation, at: datetime) -> None:
    """They answered: the 3B7 reminders stop and the response time is kept."""
    if conversation.requested_at and conversation.replied_at is None:
        conversation.replied_at = at
    _close(conversation, RHYTHM_TASKS)


def _took_place(conversation: Conversation, at: datetime) -> None:
    """The conversation happened: at its scheduled time if that has passed, else at `at`."""
    if conversation.held_at is None:
        scheduled = conversation.scheduled_at
        conversation.held_at = scheduled if scheduled and scheduled <= at else at
    _answered(conversation, conversation.held_at)


def _correct(conversation: Conversation, current: str, target: str, at: datetime) -> None:
    for name in CORRECTIONS[(current, target)]:
        setattr(conversation, name, None)
    if target == REQUESTED:
        # Waiting for an answer counts from a request; one skipped on the way is dated now.
        conversation.requested_at = conversation.requested_at or at
    if current == HELD:
        # Not held after all: the thank-you it asked for is not due.
        Task.objects.filter(
            conversation=conversation, kind=Task.Kind.THANK_YOU, done=False
        ).delete()
    if current == THANKED:
        # The thanks did not go out after all: the thank-you is due again.
        closed = Task.objects.filter(conversation=conversation, kind=Task.Kind.THANK_YOU)
        for task in closed:
            task.done = False
            task.save()  # through save(): calendars and search hear of it
        if not closed:
            _open_thank_you(conversation)


def _open_thank_you(conversation: Conversation) -> None:
    """A thank-you due two of the seeker's days after the conversation, unless one is open or
    thanks were already sent."""
    if conversation.thanked_at is not None:
        return
    if Task.objects.filter(conversation=conversation, kind=Task.Kind.THANK_YOU).exists():
        return
    clock = clock_for(conversation.owner)
    held_on = clock.day_of(conversation.held_at) if conversation.held_at else clock.today()
    Task.objects.create(
        owner=conversation.owner,
        title=f"Thank {conversation.contact} for the conversation",
        kind=Task.Kind.THANK_YOU,
        due_on=held_on + timedelta(days=THANK_YOU_WITHIN_DAYS),
        contact=conversation.contact,
        conversation=conversation,
    )


def _close(conversation: Conversation, kinds) -> None:
    for task in Task.objects.filter(conversation=conversation, kind__in=kinds, done=False):
        task.done = True
        task.save()


# What happened, as the pages and commands report it ---------------------------------------


@transaction.atomic
def request_sent(conversation: Conversation, at: datetime) -> None:
    """A request went out: from planned to requested, and the 3B7 dates count from `at`."""
    if conversation.status == PLANNED:
        move(conversation, REQUESTED, at)
        return
    if conversation.requested_at is None:
        conversation.requested_at = at
        conversation.save()
    _asked(conversation)


@transaction.atomic
def reply_received(conversation: Conversation, at: datetime) -> None:
    """They answered, with no time agreed yet: the reminders stop. A conversation given up as
    without a reply is waiting again, now with their answer."""
    if conversation.status == NO_REPLY:
        move(conversation, REQUESTED, at)
    if conversation.replied_at is None:
        _answered(conversation, at)
        conversation.save()


@transaction.atomic
def held(conversation: Conversation, at: datetime | None = None) -> None:
    """The conversation took place: a thank-you is due within two days."""
    at = at or timezone.now()
    if HELD in FORWARD[conversation.status]:
        move(conversation, HELD, at)
        return
    if conversation.status in TOOK_PLACE:
        _took_place(conversation, at)
    conversation.save()  # declined or cancelled: what was noted is kept, nothing took place
    if conversation.status == HELD:
        _open_thank_you(conversation)


@transaction.atomic
def thank_you_sent(conversation: Conversation, at: datetime) -> None:
    """Thanks went out; thanking them also means the conversation happened. A conversation
    past thanks (keeping in touch) keeps its status; one that ended without a meeting (they
    declined kindly, say) was thanked for that, and nothing took place."""
    if THANKED in FORWARD[conversation.status]:
        move(conversation, THANKED, at)
        return
    if conversation.status in TOOK_PLACE:
        _took_place(conversation, at)
        conversation.thanked_at = conversation.thanked_at or at
        conversation.save()
    _close(conversation, (Task.Kind.THANK_YOU,))


@transaction.atomic
def update_sent(conversation: Conversation, at: datetime) -> None:
    """A keep-in-touch note went out after the conversation."""
    if conversation.status in (HELD, THANKED):
        move(conversation, KEEPING_IN_TOUCH, at)


def touched(
    contact: Contact, conversation: Conversation | None, at: datetime, touch: Touch
) -> Interaction:
    """Log what the seeker did or received with the person."""
    return Interaction.objects.create(
        owner=contact.owner,
        contact=contact,
        conversation=conversation,
        kind=touch.kind,
        direction=touch.direction,
        occurred_at=at,
        summary=touch.summary,
    )


# Conversations recorded as they already are (sample data, restore) ------------------------

# The moments a conversation at each status carries, in the order the steps took them.
MOMENTS = ("requested_at", "replied_at", "scheduled_at", "held_at", "thanked_at")
MOMENTS_OF: dict[str, tuple[str, ...]] = {
    PLANNED: (),
    REQUESTED: ("requested_at",),
    NO_REPLY: ("requested_at",),
    DECLINED: ("requested_at", "replied_at"),
    CANCELLED: ("requested_at", "replied_at"),
    SCHEDULED: ("requested_at", "replied_at", "scheduled_at"),
    HELD: ("requested_at", "replied_at", "scheduled_at", "held_at"),
    THANKED: MOMENTS,
    KEEPING_IN_TOUCH: MOMENTS,
}


def settle(conversation: Conversation, status: str, moments: dict[str, datetime]) -> None:
    """Give an unsaved conversation `status` and, of `moments`, the ones a conversation that
    came that far has (a planned one keeps no request time): for rows written in bulk, such
    as sample data, where moving each through every step would cost a query per step."""
    conversation.status = status
    for name in MOMENTS_OF[status]:
        setattr(conversation, name, moments.get(name))


# Tasks ticked off by hand -------------------------------------------------------------------


@transaction.atomic
def task_done(task: Task, at: datetime | None = None) -> None:
    """The seeker ticked a task off. A thank-you ticked off means the thanks went out (a card,
    a call): the conversation is thanked, as if the message had been sent from here."""
    at = at or timezone.now()
    if task.done:
        return
    conversation = task.conversation
    if task.kind == Task.Kind.THANK_YOU and conversation is not None:
        thank_you_sent(conversation, at)  # closes this task with the others
        task.refresh_from_db()
    if not task.done:
        task.done = True
        task.save()
