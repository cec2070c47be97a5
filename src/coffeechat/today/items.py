"""The seeker's day: what is overdue, due today and this week, who has not answered yet (with
the 3- and 7-business-day dates), the meetings coming up (never "due") and the meetings past
that are still to be written up. Within a group, the order of the practice: thank-yous first,
then follow-ups, meetings, promises, keep-in-touch notes, the rest.

One module feeds the Today page, `coffeechat today` and the daily digest. Every date is the
seeker's, on their clock (coffeechat.accounts.clock).

The page keeps its groups (`kept_today_groups`) until something of the account changes (its
mark of change, coffeechat.core.revisions), the seeker's day turns, or a meeting ends: every
other window is counted in the seeker's whole days, so those are the only moments the list
turns over by itself."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy

from coffeechat.accounts.clock import SeekerClock, clock_for
from coffeechat.conversations.keep_in_touch import due_people, names_and_latest_held
from coffeechat.conversations.models import MAX_MINUTES, Conversation
from coffeechat.conversations.next_step import second_person_action, waiting_facts
from coffeechat.core.revisions import cached_for
from coffeechat.followup.models import Task
from coffeechat.lib.rhythm import FOLLOW_UP, SECOND_CONTACT
from coffeechat.lib.zones import format_day, format_moment
from coffeechat.outreach.models import Message
from coffeechat.people.links import draft_url
from coffeechat.people.models import Interaction

THIS_WEEK_DAYS = 7
COMING_MEETING_DAYS = 14  # the meetings on the seeker's next 14 days, and today's
CLOSE_THE_LOOP_DAYS = 21  # promises kept on the seeker's last 21 days, and today
LIMIT = 40  # items read per kind
SHOWN = 10  # items a group shows, the first to do; the rest are a link away

# The order of the practice within a group (lower first).
THANK_YOU, RHYTHM, MEETING, PROMISE, KEEP_IN_TOUCH, LOOP, TASK = range(7)

# The groups, in the order the page shows them.
OVERDUE, TODAY, THIS_WEEK, WAITING, MEETINGS, WRITE_UP = (
    "overdue",
    "today",
    "this_week",
    "waiting",
    "meetings",
    "write_up",
)
GROUP_TITLES = {
    OVERDUE: "Overdue",
    TODAY: "Today",
    THIS_WEEK: "This week",
    WAITING: "Waiting for a reply",
    MEETINGS: "Coming meetings",
    WRITE_UP: "Past meetings to write up",
}
GROUPS = tuple(GROUP_TITLES)

# Only the columns the items are written from: each group reads up to LIMIT rows and their
# people, whose other columns (28 of them) would be read and converted for nothing.
CONTACT_NAME = ("contact__display_name", "contact__first_name", "contact__last_name")

# Links are resolved when shown: `coffeechat today` prints none, so it never loads the URLconf
# (every view module), a third of its run time.
lazy_draft_url = lazy(draft_url, str)


@dataclass(frozen=True)
class TodayItem:
    group: str  # one of GROUPS
    order: int  # the order of the practice within the group (lower first)
    title: str
    detail: str
    action_label: str
    action_url: str
    due: date | None = None
    overdue: bool = False
    when: datetime | None = None  # a meeting's start, for the coming meetings
    task_id: int | None = None  # a task, which can be ticked off in place
    extra_actions: tuple[tuple[str, str], ...] = field(default=())  # (label, url)
    until: datetime | None = None  # the moment the item changes by itself (a meeting ends)

    def sort_key(self) -> tuple:
        return (
            GROUPS.index(self.group),
            self.when or datetime.max.replace(tzinfo=UTC),
            self.order,
            self.due or date.max,
            self.title,
        )


@dataclass(frozen=True)
class TodayGroup:
    key: str
    title: str
    items: list[TodayItem]
    more: bool = False  # more items than shown

    @property
    def more_where(self) -> tuple[str, str]:
        """(label, address) of the list where the items not shown are."""
        if self.key in (WAITING, MEETINGS, WRITE_UP):
            return "your conversations", reverse_lazy("conversations:conversation_list")
        return "your tasks", reverse_lazy("followup:task_list")


def day_group(due: date | None, today: date) -> str:
    """Where a dated item belongs: overdue, today or this week (an undated task: this week)."""
    if due is None:
        return THIS_WEEK
    if due < today:
        return OVERDUE
    return TODAY if due == today else THIS_WEEK


def today_items(user, today: date | None = None) -> list[TodayItem]:
    """Every item, group by group, in the order to do them."""
    clock = clock_for(user)
    return _items(user, clock, today or clock.today())


def _items(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    items = [
        *_tasks(user, today),
        *_waiting(user, clock, today),
        *_meetings(user, clock, today),
        *_write_up(user, clock),
        *_keep_in_touch(user, clock, today),
        *_close_the_loop(user, clock, today),
    ]
    return sorted(items, key=TodayItem.sort_key)


def today_groups(user, today: date | None = None) -> list[TodayGroup]:
    """The groups the page shows, each in the order to do it (empty groups left out)."""
    return _grouped(today_items(user, today))


def kept_today_groups(user) -> list[TodayGroup]:
    """today_groups for the page, kept until the account changes, the seeker's day turns or
    a meeting shown ends (the moments the list would change by itself)."""
    clock = clock_for(user)
    today = clock.today()

    def compute() -> tuple[datetime, list[TodayGroup]]:
        items = _items(user, clock, today)
        turns = [clock.start_of(today + timedelta(days=1))]
        turns += [item.until for item in items if item.until is not None]
        groups = [
            replace(group, items=[_resolved(item) for item in group.items])
            for group in _grouped(items)
        ]
        return min(turns), groups

    _until, groups = cached_for(
        user,
        "today",
        compute,
        today.isoformat(),
        still_good=lambda kept: timezone.now() < kept[0],
    )
    return groups


def _resolved(item: TodayItem) -> TodayItem:
    """The item with its links written out (only for the items shown: resolving a link is
    the slowest part of an item), so a kept item never needs the URLconf again."""
    return replace(
        item,
        action_url=str(item.action_url),
        extra_actions=tuple((label, str(url)) for label, url in item.extra_actions),
    )


def _grouped(items: list[TodayItem]) -> list[TodayGroup]:
    grouped = {key: [item for item in items if item.group == key] for key in GROUPS}
    return [
        TodayGroup(key, GROUP_TITLES[key], members[:SHOWN], len(members) > SHOWN)
        for key, members in grouped.items()
        if members
    ]


def _draft_waiting(user, kind: str, conversation: str) -> Subquery:
    """The newest draft of this kind for the row's conversation, if one is waiting: Today
    opens it rather than starting a second one."""
    return Subquery(
        Message.objects.owned_by(user)
        .filter(conversation=OuterRef(conversation), kind=kind, status=Message.Status.DRAFT)
        .order_by("-updated_at", "-pk")
        .values("pk")[:1]
    )


def _message_url(pk: int):
    return reverse_lazy("outreach:message_detail", args=[pk])


def _tasks(user, today: date) -> list[TodayItem]:
    tasks = (
        Task.objects.owned_by(user)
        .filter(done=False)
        .filter(Q(due_on__lte=today + timedelta(days=THIS_WEEK_DAYS)) | Q(due_on__isnull=True))
        .annotate(draft=_draft_waiting(user, Message.Kind.THANK_YOU, "conversation"))
        .select_related("contact")
        .only("kind", "title", "due_on", "done", "conversation", *CONTACT_NAME)
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:LIMIT]
    )
    items = []
    for task in tasks:
        order = {Task.Kind.THANK_YOU: THANK_YOU, Task.Kind.PROMISE: PROMISE}.get(task.kind, TASK)
        if task.kind == Task.Kind.THANK_YOU and task.draft:
            label, url = "Open the thank-you draft", _message_url(task.draft)
        elif task.kind == Task.Kind.THANK_YOU and task.conversation_id:
            label, url = (
                "Draft the thank-you",
                lazy_draft_url(task.contact_id, task.conversation_id, "thank_you"),
            )
        elif task.kind == Task.Kind.WRITE_TO and task.contact_id:
            label, url = "Draft the request", lazy_draft_url(task.contact_id, None, "request")
        else:
            label, url = "Open", reverse_lazy("followup:task_detail", args=[task.pk])
        who = f" · {task.contact}" if task.contact_id else ""
        items.append(
            TodayItem(
                day_group(task.due_on, today),
                order,
                task.title,
                f"{task.get_kind_display()}{who}",
                label,
                url,
                task.due_on,
                task.is_overdue(today),
                task_id=task.pk,
            )
        )
    return items


def _waiting(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    """Every request without an answer, with the day to write to a second person there (3
    business days) and the day for one follow-up (7); the step that is due is the action."""
    waiting = (
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.REQUESTED,
            requested_at__isnull=False,
            replied_at__isnull=True,
            contact__do_not_contact=False,
        )
        .annotate(
            **waiting_facts(),
            draft=_draft_waiting(user, Message.Kind.FOLLOW_UP, "pk"),
        )
        .select_related("contact", "organization")
        .only("requested_at", "organization__name", *CONTACT_NAME)
        .order_by("requested_at")[:LIMIT]
    )
    items = []
    for conversation in waiting:
        rhythm = clock.rhythm(conversation.requested_at)
        due = rhythm.due(today)
        where = f" at {conversation.organization}" if conversation.organization_id else ""
        steps = []
        if not conversation.asked_another:
            second_on = format_day(rhythm.second_contact_on)
            steps.append(f"a second person{where} from {second_on} (3 business days)")
        if not conversation.followed_up:
            steps.append(f"one follow-up from {format_day(rhythm.follow_up_on)} (7 business days)")
        detail = f"Asked {format_day(rhythm.sent_on)}"
        if steps:
            detail += "; " + " and ".join(steps)
        title = f"Waiting for {conversation.contact}"
        label, url = (
            "Open",
            reverse_lazy("conversations:conversation_detail", args=[conversation.pk]),
        )
        follow_up_due = FOLLOW_UP in due and not conversation.followed_up
        second_due = SECOND_CONTACT in due and not conversation.asked_another
        extra: tuple[tuple[str, str], ...] = ()
        if follow_up_due:
            title = f"Follow up once with {conversation.contact}"
            if conversation.draft:
                label, url = "Open the follow-up draft", _message_url(conversation.draft)
            else:
                label = "Draft the follow-up"
                url = lazy_draft_url(conversation.contact_id, conversation.pk, "follow_up")
        if second_due:
            second = second_person_action(
                conversation.organization_id,
                str(conversation.organization or ""),
                conversation.someone_there,
            )
            if follow_up_due:
                extra = (second,)
            else:
                title = f"Write to a second person{where}"
                label, url = second
        items.append(
            TodayItem(
                WAITING,
                RHYTHM,
                title,
                detail,
                label,
                url,
                rhythm.follow_up_on if follow_up_due else None,
                follow_up_due and today > rhythm.follow_up_on,
                extra_actions=extra,
            )
        )
    return items


def _meetings(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    """Meetings still ahead (or under way), up to two weeks out: prepare, and the day before,
    confirm. Never "due": a meeting is a time, not a task. Each says when it ends (or leaves
    the list read here): then it is one to write up."""
    now = timezone.now()
    coming = list(
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.SCHEDULED,
            scheduled_at__gte=now - timedelta(minutes=MAX_MINUTES),
            scheduled_at__lt=clock.start_of(today + timedelta(days=COMING_MEETING_DAYS + 1)),
        )
        .select_related("contact")
        .only("scheduled_at", "agreed_minutes", "time_zone", *CONTACT_NAME)
        .annotate(questions=Count("agenda_items"))
        .order_by("scheduled_at")[:LIMIT]
    )
    # A full list may leave out a short meeting that starts after its last one and ends first.
    last_read = coming[-1].scheduled_at if len(coming) == LIMIT else None
    items = []
    for conversation in coming:
        ends = conversation.scheduled_at + timedelta(minutes=conversation.agreed_minutes)
        if ends <= now:
            continue  # over: it is one to write up
        turns = [ends, conversation.scheduled_at + timedelta(minutes=MAX_MINUTES)]
        if last_read is not None and last_read > now:
            turns.append(last_read)
        count = conversation.questions
        prepared = (
            f"{count} question{'' if count == 1 else 's'} planned"
            if count
            else "no questions planned yet"
        )
        day = clock.day_of(conversation.scheduled_at)
        extra: tuple[tuple[str, str], ...] = ()
        if day == today + timedelta(days=1):
            extra = (
                (
                    "Confirm the time",
                    lazy_draft_url(conversation.contact_id, conversation.pk, "confirm"),
                ),
            )
        items.append(
            TodayItem(
                MEETINGS,
                MEETING,
                f"Meet {conversation.contact}",
                f"{format_moment(conversation.local_start, clock.zone)}"
                f" · {conversation.agreed_minutes} min · {prepared}",
                "Prep sheet" if count else "Plan the questions",
                reverse_lazy(
                    "conversations:conversation_prep"
                    if count
                    else "conversations:conversation_plan",
                    args=[conversation.pk],
                ),
                when=conversation.scheduled_at,
                extra_actions=extra,
                until=min(turns),
            )
        )
    return items


def _write_up(user, clock: SeekerClock) -> list[TodayItem]:
    """Meetings whose time has passed and that have no takeaways yet (scheduled, or held and
    not yet thanked): how did it go?"""
    now = timezone.now()
    noted = Conversation.objects.filter(pk=OuterRef("pk"), takeaways__isnull=False)
    past = (
        Conversation.objects.owned_by(user)
        .filter(
            Q(status=Conversation.Status.SCHEDULED, scheduled_at__lte=now)
            | Q(status=Conversation.Status.HELD)
        )
        .annotate(noted=Exists(noted))
        .filter(noted=False)
        .select_related("contact")
        .only("status", "scheduled_at", "agreed_minutes", "held_at", *CONTACT_NAME)
        .order_by(F("scheduled_at").desc(nulls_last=True), "-pk")[: LIMIT * 2]
    )
    items = []
    for conversation in past:
        if conversation.status == Conversation.Status.SCHEDULED:
            ends = conversation.scheduled_at + timedelta(minutes=conversation.agreed_minutes)
            if ends > now:
                continue  # still under way
        moment = conversation.scheduled_at or conversation.held_at
        when = f"Met {format_moment(moment, clock.zone)}" if moment else "Met"
        items.append(
            TodayItem(
                WRITE_UP,
                MEETING,
                f"How did it go with {conversation.contact}?",
                f"{when} · write down what you learned, then thank them",
                "How did it go?",
                reverse_lazy("conversations:conversation_wrap_up", args=[conversation.pk]),
            )
        )
    return items[:LIMIT]


def _keep_in_touch(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    # Who is due reads over everyone the seeker has met; the answer is kept until something of
    # the account changes (its mark of change) or the seeker's day does.
    due_first = cached_for(
        user, "today-keep-in-touch", lambda: _due_first(user, clock, today), today.isoformat()
    )
    return [
        TodayItem(
            day_group(due, today),
            KEEP_IN_TOUCH,
            f"Keep in touch with {name}",
            "Tell them what you did with their advice, or share news they would like",
            "Draft an update",
            lazy_draft_url(pk, latest, "update"),
            due,
            due < today,
        )
        for due, name, pk, latest in due_first
    ]


def _due_first(user, clock: SeekerClock, today: date) -> list[tuple[date, str, int, int | None]]:
    """(the day due, the name, the contact id, their latest conversation held) for the first
    LIMIT people due a keep-in-touch note, the earliest first."""
    due = due_people(user, clock, today, limit=LIMIT)
    names, latest = names_and_latest_held(due)
    # Only the first LIMIT of this group can make the list.
    first = sorted((day, names[pk], pk) for pk, day in due.items())[:LIMIT]
    return [(day, name, pk, latest.get(pk)) for day, name, pk in first]


def _close_the_loop(user, clock: SeekerClock, today: date) -> list[TodayItem]:
    since = clock.start_of(today - timedelta(days=CLOSE_THE_LOOP_DAYS))
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
        .only("title", "done_at", "conversation", *CONTACT_NAME)
        .order_by("-done_at")[:LIMIT]
    )
    return [
        TodayItem(
            TODAY,
            LOOP,
            f"Tell {task.contact} you did it: {task.title}",
            f"Done {format_day(clock.day_of(task.done_at))}; closing the loop shows "
            "their advice mattered",
            "Draft an update",
            lazy_draft_url(task.contact_id, task.conversation_id, "update"),
        )
        for task in kept
        if not task.told
    ]
