"""A seeker's progress as a coach may see it: counts and moments only, never a name or a word
the seeker wrote. Figures for many seekers come from a fixed number of grouped queries, so a
coach's dashboard makes the same queries with five seekers or fifty, and each more seeker
adds only indexed look-ups inside them.

- **Step reached**: the furthest of the six steps the seeker's data shows (a career field or
  an organization → 1, a person → 2, a pitch or a conversation plan → 3, a request sent (to
  anyone, or to one of the center's alumni volunteers) → 4,
  a conversation held → 5, a thank-you or keep-in-touch update → 6).
- **Last activity**: the latest change to any of their conversations, messages, people,
  organizations or tasks, or their latest request to an alumni volunteer.
- **The last 30 days**: requests sent, replies received, conversations held, requests to the
  center's alumni volunteers and how many they accepted.
- **Flags**: no activity for 14 days; requests unanswered 7 of the seeker's business days
  after sending with no follow-up sent (the 3B7 rhythm); conversations held more than two days
  ago without a thank-you.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from coffeechat.accounts.clock import clock_at
from coffeechat.center.models import VolunteerRequest
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import AgendaItem, Conversation
from coffeechat.core import revisions
from coffeechat.followup.models import Task
from coffeechat.lib.rhythm import last_sent_on_due
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Pitch
from coffeechat.research.models import CareerField, Organization

WINDOW_DAYS = 30
KEPT = 3600 + 300  # seconds: an hour's figures outlive their hour a little, then leave the cache
NEVER = datetime(1970, 1, 1, tzinfo=UTC)  # stands for no row at all inside SQL
QUIET_DAYS = 14

STEPS = (
    (0, "Not started"),
    (1, "1 · Research"),
    (2, "2 · People"),
    (3, "3 · Prepare"),
    (4, "4 · Reach out"),
    (5, "5 · Conversations"),
    (6, "6 · Follow up"),
)
STEP_LABELS = dict(STEPS)


@dataclass
class Progress:
    seeker_id: int
    step: int = 0
    last_activity: datetime | None = None
    requests: int = 0  # sent in the last 30 days
    replies: int = 0
    held: int = 0
    alumni_asked: int = 0  # requests to the center's alumni volunteers
    alumni_accepted: int = 0
    overdue_follow_ups: int = 0
    unthanked: int = 0
    quiet: bool = True  # no activity for QUIET_DAYS (or none at all)
    flags: list[str] = field(default_factory=list)

    @property
    def step_label(self) -> str:
        return STEP_LABELS[self.step]


def progress_of(seeker_ids: Iterable[int], now: datetime | None = None) -> dict[int, Progress]:
    """Each seeker's progress, by id; ids of no seeker's data get an empty Progress.

    Two queries whatever the number of seekers: one row per seeker whose columns are indexed
    look-ups into that seeker's own rows, and the count of requests past their follow-up day."""
    ids = sorted(set(seeker_ids))
    now = now or timezone.now()
    found = {seeker_id: Progress(seeker_id) for seeker_id in ids}
    if not ids:
        return found
    since = now - timedelta(days=WINDOW_DAYS)
    thank_by = now - timedelta(days=lifecycle.THANK_YOU_WITHIN_DAYS)
    rows = (
        get_user_model()
        .objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "seeker_profile__time_zone", "seeker_profile__holiday_country")
        .annotate(
            step=_step(),
            last_activity=_latest_activity(),
            requests=_count(Conversation.objects.filter(requested_at__gte=since)),
            replies=_count(Conversation.objects.filter(replied_at__gte=since)),
            held=_count(Conversation.objects.filter(held_at__gte=since)),
            alumni_asked=_count(VolunteerRequest.objects.filter(created_at__gte=since), "seeker"),
            alumni_accepted=_count(
                VolunteerRequest.objects.filter(
                    created_at__gte=since, status=VolunteerRequest.Status.ACCEPTED
                ),
                "seeker",
            ),
            unthanked=_count(
                Conversation.objects.filter(status=Conversation.Status.HELD, held_at__lte=thank_by)
            ),
        )
    )
    clocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for seeker_id, zone, country, step, last_activity, *counts in rows:
        if zone is not None:  # no profile, no clock: its days cannot be counted
            clocks[(zone, country)].append(seeker_id)
        progress = found[seeker_id]
        progress.step = step
        progress.last_activity = last_activity if last_activity != NEVER else None
        (
            progress.requests,
            progress.replies,
            progress.held,
            progress.alumni_asked,
            progress.alumni_accepted,
            progress.unthanked,
        ) = counts
    if clocks:
        _overdue_follow_ups(clocks, found, now)
    quiet_since = now - timedelta(days=QUIET_DAYS)
    for progress in found.values():
        progress.quiet = progress.last_activity is None or progress.last_activity < quiet_since
        progress.flags = _flags(progress)
    return found


def progress_this_hour(seeker_ids: Iterable[int]) -> dict[int, Progress]:
    """Each seeker's progress as of the start of the current hour, computed once and kept
    until one of the seekers changes anything (their mark of change moves) or the hour ends.

    What a seeker does shows at once; what the clock alone changes (a request reaching its
    follow-up day, a conversation two days without a thank-you, 14 quiet days, the 30-day
    window moving on) shows within the hour. A coach's dashboard asked for again reads one row
    per seeker (their marks), not their data."""
    ids = sorted(set(seeker_ids))
    if not ids:
        return {}
    hour = this_hour()
    return revisions.cached_across(
        ids, "coach-progress", lambda: progress_of(ids, hour), hour.isoformat(), timeout=KEPT
    )


def this_hour() -> datetime:
    """The start of the current hour: the moment a coach's figures are computed for."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


# Where a seeker's activity shows: each model's owner field and the moment it last changed.
ACTIVITY = (
    (Conversation, "owner", "updated_at"),
    (Message, "owner", "updated_at"),
    (Contact, "owner", "updated_at"),
    (Organization, "owner", "updated_at"),
    (Task, "owner", "updated_at"),
    (VolunteerRequest, "seeker", "created_at"),
)


def _theirs(queryset: QuerySet, owner: str = "owner") -> QuerySet:
    """The rows of the seeker on the outer query's row (order_by(): a model's default ordering
    has no place in a subquery)."""
    return queryset.filter(**{owner: OuterRef("pk")}).order_by()


def _has(queryset: QuerySet, owner: str = "owner") -> Exists:
    return Exists(_theirs(queryset, owner))


def _count(queryset: QuerySet, owner: str = "owner") -> Coalesce:
    counted = _theirs(queryset, owner).values(owner).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0)


def _step() -> Case:
    """The furthest step the seeker's rows show; WHEN stops at the first that holds."""
    took_place = Q(status__in=lifecycle.TOOK_PLACE) | Q(held_at__isnull=False)
    followed_up = Q(status__in=(Conversation.Status.THANKED, Conversation.Status.KEEPING_IN_TOUCH))
    conversations = Conversation.objects
    reached = (
        (6, _has(conversations.filter(followed_up))),
        (5, _has(conversations.filter(took_place))),
        (4, _has(conversations.filter(requested_at__isnull=False))),
        (4, _has(VolunteerRequest.objects.all(), "seeker")),
        (3, _has(Pitch.objects.all())),
        (3, _has(AgendaItem.objects.all())),
        (2, _has(Contact.objects.all())),
        (1, _has(CareerField.objects.all())),
        (1, _has(Organization.objects.all())),
    )
    whens = [When(condition, then=Value(step)) for step, condition in reached]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _latest_activity() -> Greatest:
    """The latest moment among the seeker's rows; NEVER when there is none (GREATEST and
    SQLite's MAX answer NULL for a NULL argument on some databases, and not on others)."""
    latest = []
    for model, owner, moment in ACTIVITY:
        rows = _theirs(model.objects.all(), owner).values(owner).annotate(at=Max(moment))
        latest.append(Coalesce(Subquery(rows.values("at")[:1]), Value(NEVER)))
    return Greatest(*latest, output_field=DateTimeField())


def _overdue_follow_ups(
    clocks: dict[tuple[str, str], list[int]], found: dict[int, Progress], now: datetime
) -> None:
    """Requests still unanswered on the seeker's follow-up day (7 business days after
    sending, in their zone and holidays) with no follow-up message sent since, counted in SQL:
    the follow-up day only moves later with the day sent, so each clock (zone and holidays)
    has one moment before which every waiting request is due."""
    due = Q(pk__in=[])
    for (zone, country), owners in clocks.items():
        clock = clock_at(zone, country)
        last_due = last_sent_on_due(clock.day_of(now), clock.holiday_country)
        not_due_from = clock.start_of(last_due + timedelta(days=1))
        due |= Q(owner__in=owners, requested_at__lt=not_due_from)
    followed = Message.objects.filter(
        conversation=OuterRef("pk"), kind=Message.Kind.FOLLOW_UP, status=Message.Status.SENT
    )
    rows = (
        Conversation.objects.filter(
            due, status=Conversation.Status.REQUESTED, replied_at__isnull=True
        )
        .exclude(Exists(followed))
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values_list("owner", "n")
    )
    for owner, count in rows:
        found[owner].overdue_follow_ups = count


def _flags(progress: Progress) -> list[str]:
    flags = []
    if progress.last_activity is None:
        flags.append("Nothing recorded yet")
    elif progress.quiet:
        flags.append(f"No activity for {QUIET_DAYS} days")
    if progress.overdue_follow_ups:
        n = progress.overdue_follow_ups
        flags.append(f"{n} request{'s' if n != 1 else ''} past 7 business days, no follow-up")
    if progress.unthanked:
        n = progress.unthanked
        flags.append(f"{n} conversation{'s' if n != 1 else ''} held, no thank-you yet")
    return flags
