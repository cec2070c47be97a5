"""The center's figures, per cohort and for the whole center, made of counts and moments only:
no query here reads a text column of anyone's data, so no figure can carry a seeker's words.

For a period (the last 30, 90 or 365 days):
- **active seekers**: seekers who changed anything (a person, a conversation, a message, a
  task, an organization) or asked an alumni volunteer within it;
- **requests** sent, **replies** received to them (the reply rate), **conversations held**,
  and **thank-yous within two days** of the conversations held;
- **alumni volunteers**: requests seekers sent them, how many were accepted (of those answered
  or expired), and the median hours to an answer;
- **load across volunteers** (center only): the most requests one volunteer received, the
  median, and the share of approved volunteers nobody asked.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from coffeechat.center import access
from coffeechat.center.models import Cohort, Role, VolunteerRequest
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization

PERIODS = (30, 90, 365)
DEFAULT_PERIOD = 30
WEEKS = 12
NO_COHORT = "No cohort"
CENTER = "Whole center"

User = get_user_model()


@dataclass
class GroupFigures:
    label: str
    cohort_id: int | None = None
    seekers: int = 0
    active_seekers: int = 0
    requests: int = 0
    replies: int = 0
    held: int = 0
    thanked_in_time: int = 0
    volunteer_requests: int = 0
    volunteer_accepted: int = 0
    volunteer_decided: int = 0  # accepted, declined or expired
    response_hours: list[float] = field(default_factory=list, repr=False)

    @property
    def reply_rate(self) -> int | None:
        return _percent(self.replies, self.requests)

    @property
    def thank_rate(self) -> int | None:
        return _percent(self.thanked_in_time, self.held)

    @property
    def acceptance_rate(self) -> int | None:
        return _percent(self.volunteer_accepted, self.volunteer_decided)

    @property
    def median_response_hours(self) -> float | None:
        return round(statistics.median(self.response_hours), 1) if self.response_hours else None

    def add(self, other: GroupFigures) -> None:
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.response_hours.extend(other.response_hours)


COUNTED = tuple(f.name for f in fields(GroupFigures) if f.type == "int" and f.name != "cohort_id")


@dataclass(frozen=True)
class Load:
    volunteers: int
    most: int
    median: float | None
    never_asked: int
    by_count: list[tuple[str, int]]  # ("0 requests", volunteers), …

    @property
    def never_asked_share(self) -> int | None:
        return _percent(self.never_asked, self.volunteers)


@dataclass(frozen=True)
class Week:
    starts_on: date
    requests: int
    held: int


@dataclass(frozen=True)
class CenterFigures:
    days: int
    since: datetime
    cohorts: list[GroupFigures]
    total: GroupFigures
    load: Load


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def seekers_scope() -> Q:
    """Accounts that count as seekers: a seeker's membership, or none at all."""
    return Q(membership__isnull=True) | Q(membership__role=Role.SEEKER)


def _seeker_cohorts() -> dict[int, int | None]:
    """Every active seeker's cohort id (None for no cohort)."""
    rows = User.objects.filter(seekers_scope(), is_active=True).values_list(
        "pk", "membership__cohort"
    )
    return dict(rows)


def center_figures(user, days: int = DEFAULT_PERIOD) -> CenterFigures:
    """The figures a center admin sees; nothing for anyone else."""
    if not access.is_center_admin(user):
        raise PermissionError("center figures are for center admins")
    now = timezone.now()
    since = now - timedelta(days=days)
    cohort_of = _seeker_cohorts()
    names = dict(Cohort.objects.values_list("pk", "name"))
    groups: dict[int | None, GroupFigures] = {
        pk: GroupFigures(name, pk) for pk, name in sorted(names.items(), key=lambda i: i[1])
    }
    groups[None] = GroupFigures(NO_COHORT)
    for cohort_id in cohort_of.values():
        groups[cohort_id].seekers += 1
    _count_active(groups, cohort_of, since)
    _count_conversations(groups, cohort_of, since)
    _count_volunteer_requests(groups, cohort_of, since)
    total = GroupFigures(CENTER)
    for group in groups.values():
        total.add(group)
    shown = [g for pk, g in groups.items() if pk is not None or g.seekers]
    return CenterFigures(days, since, shown, total, _load(since))


def _count_active(groups, cohort_of, since) -> None:
    active: set[int] = set()
    for model in (Conversation, Message, Contact, Task, Organization):
        active.update(
            model.objects.filter(updated_at__gte=since, owner__in=_seeker_ids_query())
            .order_by()  # no default ordering in the DISTINCT
            .values_list("owner", flat=True)
            .distinct()
        )
    active.update(
        VolunteerRequest.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("seeker", flat=True)
        .distinct()
    )
    for owner in active:
        if owner in cohort_of:
            groups[cohort_of[owner]].active_seekers += 1


def _seeker_ids_query():
    return User.objects.filter(seekers_scope(), is_active=True).values("pk")


def _count_conversations(groups, cohort_of, since) -> None:
    in_time = timedelta(days=lifecycle.THANK_YOU_WITHIN_DAYS)
    rows = (
        Conversation.objects.filter(owner__in=_seeker_ids_query())
        .filter(Q(requested_at__gte=since) | Q(held_at__gte=since))
        .values("owner")
        .annotate(
            requests=Count("pk", filter=Q(requested_at__gte=since)),
            replies=Count("pk", filter=Q(requested_at__gte=since, replied_at__isnull=False)),
            held=Count("pk", filter=Q(held_at__gte=since)),
            thanked=Count(
                "pk", filter=Q(held_at__gte=since, thanked_at__lte=F("held_at") + in_time)
            ),
        )
        .values_list("owner", "requests", "replies", "held", "thanked")
    )
    for owner, requests, replies, held, thanked in rows:
        group = groups[cohort_of[owner]]
        group.requests += requests
        group.replies += replies
        group.held += held
        group.thanked_in_time += thanked


def _count_volunteer_requests(groups, cohort_of, since) -> None:
    decided = (
        VolunteerRequest.Status.ACCEPTED,
        VolunteerRequest.Status.DECLINED,
        VolunteerRequest.Status.EXPIRED,
    )
    rows = VolunteerRequest.objects.filter(
        created_at__gte=since, seeker__in=_seeker_ids_query()
    ).values_list("seeker", "status", "created_at", "answered_at")
    for seeker, status, created_at, answered_at in rows:
        group = groups[cohort_of[seeker]]
        group.volunteer_requests += 1
        group.volunteer_accepted += status == VolunteerRequest.Status.ACCEPTED
        group.volunteer_decided += status in decided
        if answered_at is not None and status != VolunteerRequest.Status.WITHDRAWN:
            group.response_hours.append((answered_at - created_at).total_seconds() / 3600)


def _load(since) -> Load:
    counts = list(
        access.approved_volunteers()
        .annotate(n=Count("requests_received", filter=Q(requests_received__created_at__gte=since)))
        .values_list("n", flat=True)
    )
    if not counts:
        return Load(0, 0, None, 0, [])
    buckets: dict[str, int] = defaultdict(int)
    for n in counts:
        buckets["4 or more" if n >= 4 else str(n)] += 1
    order = ["0", "1", "2", "3", "4 or more"]
    by_count = [(f"{key} requests", buckets[key]) for key in order]
    return Load(
        volunteers=len(counts),
        most=max(counts),
        median=statistics.median(counts),
        never_asked=counts.count(0),
        by_count=by_count,
    )


def weekly(user, cohort: Cohort | None = None, weeks: int = WEEKS) -> list[Week]:
    """Requests sent and conversations held per week (Monday to Sunday, server time)."""
    if not access.is_center_admin(user):
        raise PermissionError("center figures are for center admins")
    today = timezone.localdate()
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    owners = User.objects.filter(seekers_scope(), is_active=True)
    if cohort is not None:
        owners = owners.filter(membership__cohort=cohort)
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    requests = _per_day(owners, "requested_at", start)
    held = _per_day(owners, "held_at", start)
    result = []
    for n in range(weeks):
        monday = first + timedelta(days=7 * n)
        days = [monday + timedelta(days=d) for d in range(7)]
        result.append(
            Week(monday, sum(requests.get(d, 0) for d in days), sum(held.get(d, 0) for d in days))
        )
    return result


def _per_day(owners, moment: str, start: datetime) -> dict[date, int]:
    rows = (
        Conversation.objects.filter(owner__in=owners.values("pk"), **{f"{moment}__gte": start})
        .annotate(day=TruncDate(moment))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return dict(rows)


CSV_COLUMNS = (
    ("Group", "label"),
    ("Seekers", "seekers"),
    ("Active seekers", "active_seekers"),
    ("Requests sent", "requests"),
    ("Replies", "replies"),
    ("Reply rate %", "reply_rate"),
    ("Conversations held", "held"),
    ("Thank-yous within 2 days", "thanked_in_time"),
    ("Thank-you rate %", "thank_rate"),
    ("Volunteer requests", "volunteer_requests"),
    ("Volunteer requests accepted", "volunteer_accepted"),
    ("Volunteer acceptance rate %", "acceptance_rate"),
    ("Median hours to a volunteer's answer", "median_response_hours"),
)


LOAD_HEADER = [
    "Approved volunteers",
    "Most requests to one",
    "Median",
    "Never asked",
    "Never asked %",
]


def csv_rows(figures: CenterFigures) -> list[list]:
    header = [label for label, _ in CSV_COLUMNS]
    rows = [header]
    for group in [*figures.cohorts, figures.total]:
        rows.append(["" if (v := getattr(group, name)) is None else v for _, name in CSV_COLUMNS])
    load = figures.load
    rows.append([])
    rows.append(
        ["Approved volunteers", "Most requests to one", "Median", "Never asked", "Never asked %"]
    )
    rows.append(
        [
            load.volunteers,
            load.most,
            "" if load.median is None else load.median,
            load.never_asked,
            "" if load.never_asked_share is None else load.never_asked_share,
        ]
    )
    return rows
