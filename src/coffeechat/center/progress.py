"""A seeker's progress as a coach may see it: counts and moments only, never a name or a word
the seeker wrote. Figures for many seekers come from a fixed number of grouped queries, so a
coach's dashboard costs the same with five seekers or fifty.

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
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from coffeechat.accounts.clock import clock_of
from coffeechat.accounts.models import SeekerProfile
from coffeechat.center.models import VolunteerRequest
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import AgendaItem, Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Pitch
from coffeechat.research.models import CareerField, Organization

WINDOW_DAYS = 30
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
    """Each seeker's progress, by id; ids of no seeker's data get an empty Progress."""
    ids = sorted(set(seeker_ids))
    now = now or timezone.now()
    found = {seeker_id: Progress(seeker_id) for seeker_id in ids}
    if not ids:
        return found
    _steps(ids, found)
    _last_activity(ids, found)
    _recent_counts(ids, found, now - timedelta(days=WINDOW_DAYS))
    _alumni_counts(ids, found, now - timedelta(days=WINDOW_DAYS))
    _overdue_follow_ups(ids, found)
    _unthanked(ids, found, now)
    for progress in found.values():
        quiet_since = now - timedelta(days=QUIET_DAYS)
        progress.quiet = progress.last_activity is None or progress.last_activity < quiet_since
        progress.flags = _flags(progress)
    return found


def _owners_having(queryset, ids, owner: str = "owner") -> set[int]:
    # order_by(): a model's default ordering would join its way into the DISTINCT.
    rows = queryset.filter(**{f"{owner}__in": ids}).order_by().values_list(owner, flat=True)
    return set(rows.distinct())


def _steps(ids: list[int], found: dict[int, Progress]) -> None:
    took_place = Q(status__in=lifecycle.TOOK_PLACE) | Q(held_at__isnull=False)
    followed_up = Q(status__in=(Conversation.Status.THANKED, Conversation.Status.KEEPING_IN_TOUCH))
    reached = (
        (1, _owners_having(CareerField.objects.all(), ids)),
        (1, _owners_having(Organization.objects.all(), ids)),
        (2, _owners_having(Contact.objects.all(), ids)),
        (3, _owners_having(Pitch.objects.all(), ids)),
        (3, _owners_having(AgendaItem.objects.all(), ids)),
        (4, _owners_having(Conversation.objects.filter(requested_at__isnull=False), ids)),
        (4, _owners_having(VolunteerRequest.objects.all(), ids, owner="seeker")),
        (5, _owners_having(Conversation.objects.filter(took_place), ids)),
        (6, _owners_having(Conversation.objects.filter(followed_up), ids)),
    )
    for step, owners in reached:
        for owner in owners:
            found[owner].step = max(found[owner].step, step)


def _last_activity(ids: list[int], found: dict[int, Progress]) -> None:
    for model in (Conversation, Message, Contact, Organization, Task):
        rows = (
            model.objects.filter(owner__in=ids)
            .values("owner")
            .annotate(latest=Max("updated_at"))
            .values_list("owner", "latest")
        )
        _latest(found, rows)
    requests = (
        VolunteerRequest.objects.filter(seeker__in=ids)
        .values("seeker")
        .annotate(latest=Max("created_at"))
        .values_list("seeker", "latest")
    )
    _latest(found, requests)


def _latest(found: dict[int, Progress], rows) -> None:
    for owner, latest in rows:
        progress = found[owner]
        if progress.last_activity is None or latest > progress.last_activity:
            progress.last_activity = latest


def _recent_counts(ids: list[int], found: dict[int, Progress], since: datetime) -> None:
    rows = (
        Conversation.objects.filter(owner__in=ids)
        .values("owner")
        .annotate(
            requests=Count("pk", filter=Q(requested_at__gte=since)),
            replies=Count("pk", filter=Q(replied_at__gte=since)),
            held=Count("pk", filter=Q(held_at__gte=since)),
        )
        .values_list("owner", "requests", "replies", "held")
    )
    for owner, requests, replies, held in rows:
        found[owner].requests, found[owner].replies, found[owner].held = requests, replies, held


def _alumni_counts(ids: list[int], found: dict[int, Progress], since: datetime) -> None:
    rows = (
        VolunteerRequest.objects.filter(seeker__in=ids, created_at__gte=since)
        .values("seeker")
        .annotate(
            asked=Count("pk"),
            accepted=Count("pk", filter=Q(status=VolunteerRequest.Status.ACCEPTED)),
        )
        .values_list("seeker", "asked", "accepted")
    )
    for seeker, asked, accepted in rows:
        found[seeker].alumni_asked, found[seeker].alumni_accepted = asked, accepted


def _overdue_follow_ups(ids: list[int], found: dict[int, Progress]) -> None:
    """Requests still unanswered on the seeker's follow-up day (7 business days after
    sending, in their zone and holidays) with no follow-up message sent since."""
    waiting = list(
        Conversation.objects.filter(
            owner__in=ids,
            status=Conversation.Status.REQUESTED,
            requested_at__isnull=False,
            replied_at__isnull=True,
        ).values_list("pk", "owner", "requested_at")
    )
    if not waiting:
        return
    followed = set(
        Message.objects.filter(
            conversation__in=[pk for pk, _, _ in waiting],
            kind=Message.Kind.FOLLOW_UP,
            status=Message.Status.SENT,
        ).values_list("conversation", flat=True)
    )
    clocks = {
        profile.owner_id: clock_of(profile)
        for profile in SeekerProfile.objects.filter(owner__in={owner for _, owner, _ in waiting})
    }
    by_owner: dict[int, int] = defaultdict(int)
    for pk, owner, requested_at in waiting:
        clock = clocks.get(owner)
        if pk in followed or clock is None:
            continue
        if clock.today() >= clock.rhythm(requested_at).follow_up_on:
            by_owner[owner] += 1
    for owner, count in by_owner.items():
        found[owner].overdue_follow_ups = count


def _unthanked(ids: list[int], found: dict[int, Progress], now: datetime) -> None:
    cutoff = now - timedelta(days=lifecycle.THANK_YOU_WITHIN_DAYS)
    rows = (
        Conversation.objects.filter(
            owner__in=ids, status=Conversation.Status.HELD, held_at__lte=cutoff
        )
        .values("owner")
        .annotate(n=Count("pk"))
        .values_list("owner", "n")
    )
    for owner, count in rows:
        found[owner].unthanked = count


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
