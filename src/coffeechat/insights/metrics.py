"""The outreach funnel and its yield, reply times and weekly activity, counted from the rows.

Each stage counts people (distinct contacts), and a person counted at one stage is counted at
every earlier one: nobody has a conversation without having been asked, in some way. The
stage rules are written out in STAGES; the page shows the same words.
"""

from __future__ import annotations

import statistics
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import JobLead
from coffeechat.lib.business_days import business_days_between
from coffeechat.lib.rhythm import BOOSTER_WITHIN
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Source, Tier
from coffeechat.prepare.profiles import seeker_today

Status = Conversation.Status
HELD_STATUSES = (Status.HELD, Status.THANKED, Status.KEEPING_IN_TOUCH)
REPLIED_STATUSES = (Status.SCHEDULED, Status.DECLINED)  # an answer, whatever it was
REQUESTED_STATUSES = (Status.REQUESTED, Status.NO_REPLY)

STAGES = (
    (
        "requests",
        "Requests",
        "People you asked for a conversation: you sent them a request, or a conversation "
        "with them was marked requested or went further.",
    ),
    (
        "replies",
        "Replies",
        "People who answered: a reply was recorded, a time was agreed, they declined, or the "
        "conversation took place.",
    ),
    (
        "conversations",
        "Conversations",
        "People you talked with: a conversation with them was held (and perhaps thanked).",
    ),
    (
        "referrals",
        "Referrals",
        "People whose “referred by” is someone you talked with.",
    ),
    (
        "job_leads",
        "Job leads",
        "Job leads you recorded (not people: one person may tell you about several).",
    ),
)
STAGE_KEYS = tuple(key for key, _, _ in STAGES)
WEEKS = 12
HISTOGRAM_TOP = 8  # reply times of this many business days or more share the last bar
NOBODY = "No one recorded"
NOT_SET = "Not set"


def held_condition(prefix: str = "") -> Q:
    """A conversation that took place: marked held (or later), or given a held time."""
    return Q(**{f"{prefix}status__in": HELD_STATUSES}) | Q(**{f"{prefix}held_at__isnull": False})


@dataclass
class Stages:
    label: str = ""
    people: int = 0  # contacts in this group, whatever stage they reached
    requests: int = 0
    replies: int = 0
    conversations: int = 0
    referrals: int = 0
    job_leads: int = 0

    def counts(self) -> list[int]:
        return [getattr(self, key) for key in STAGE_KEYS]

    @property
    def reply_rate(self) -> int | None:
        return _percent(self.replies, self.requests)

    @property
    def conversation_rate(self) -> int | None:
        return _percent(self.conversations, self.requests)

    @property
    def referrals_per_conversation(self) -> float | None:
        return round(self.referrals / self.conversations, 1) if self.conversations else None

    @property
    def leads_per_conversation(self) -> float | None:
        return round(self.job_leads / self.conversations, 1) if self.conversations else None


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Funnel:
    overall: Stages
    by_source: list[Stages]
    by_tier: list[Stages]


@dataclass
class ReplyTimes:
    days: list[int] = field(default_factory=list)  # business days to reply, one per reply
    boosters: int = 0  # people who replied within BOOSTER_WITHIN business days
    booster_within: int = BOOSTER_WITHIN

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def quartiles(self) -> tuple[float, float] | None:
        """The 25th and 75th percentiles (inclusive method: linear between closest ranks)."""
        if not self.days:
            return None
        if len(self.days) == 1:
            return (self.days[0], self.days[0])
        low, _, high = statistics.quantiles(self.days, n=4, method="inclusive")
        return (low, high)

    @property
    def fastest(self) -> int | None:
        return min(self.days, default=None)

    @property
    def slowest(self) -> int | None:
        return max(self.days, default=None)

    def histogram(self) -> list[tuple[str, int]]:
        """(label, replies) for 0, 1, … business days, the last bar holding the slow tail."""
        counts = [0] * (HISTOGRAM_TOP + 1)
        for days in self.days:
            counts[min(days, HISTOGRAM_TOP)] += 1
        labels = [str(n) for n in range(HISTOGRAM_TOP)] + [f"{HISTOGRAM_TOP}+"]
        return list(zip(labels, counts, strict=True))


@dataclass
class Week:
    starts_on: date
    requests: int = 0
    conversations: int = 0
    thanks_and_follow_ups: int = 0


# Funnel -------------------------------------------------------------------------------------


def funnel(user) -> Funnel:
    """Every stage overall, by how the seeker knows the person and by seniority.

    The database counts: contacts per (source, tier) at each stage, referrals per (source,
    tier) of the person who introduced them, job leads per (source, tier) of who told you.
    The few rows that come back are added up here into the overall row and the two breakdowns.
    """
    contacts = Contact.objects.owned_by(user).order_by()
    held, replied, requested = _stage_conditions(user)
    per_group = contacts.values_list("source", "tier").annotate(
        people=Count("pk"),
        requests=Count("pk", filter=requested),
        replies=Count("pk", filter=replied),
        conversations=Count("pk", filter=held),
    )
    # Grouped by the person who introduced them; a referrer is always one of the contacts.
    referrals = (
        contacts.filter(referred_by__in=_held_contacts(user))
        .values_list("referred_by__source", "referred_by__tier")
        .annotate(count=Count("pk"))
    )
    # A lead without a contact (or with someone else's) goes to the "No one recorded" row.
    leads = (
        JobLead.objects.owned_by(user)
        .order_by()
        .values_list("contact__owner_id", "contact__source", "contact__tier")
        .annotate(count=Count("pk"))
    )

    overall = Stages(label="Everyone")
    by_source = _Breakdown(Source.choices)
    by_tier = _Breakdown([*Tier.choices, ("", NOT_SET)])
    for source, tier, *counts in per_group:
        for row in (overall, by_source.row(source), by_tier.row(tier)):
            for key, count in zip(("people", *STAGE_KEYS[:3]), counts, strict=True):
                setattr(row, key, getattr(row, key) + count)
    for source, tier, count in referrals:
        for row in (overall, by_source.row(source), by_tier.row(tier)):
            row.referrals += count
    for owner_id, source, tier, count in leads:
        overall.job_leads += count
        mine = owner_id == user.pk
        for breakdown, value in ((by_source, source), (by_tier, tier)):
            (breakdown.row(value) if mine else breakdown.nobody).job_leads += count
    return Funnel(overall=overall, by_source=by_source.rows(), by_tier=by_tier.rows())


class _Breakdown:
    """One row per choice in the choices' order, then any other value met, then nobody."""

    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        self._rows = {value: Stages(label=str(label)) for value, label in labels}
        self.nobody = Stages(label=NOBODY)

    def row(self, value: str) -> Stages:
        # A value outside the choices gets its own row.
        return self._rows.setdefault(value, Stages(label=value or NOT_SET))

    def rows(self) -> list[Stages]:
        shown = [row for row in self._rows.values() if row.people or row.job_leads]
        return shown + ([self.nobody] if self.nobody.job_leads else [])


def _held_contacts(user):
    return (
        Conversation.objects.owned_by(user).filter(held_condition()).order_by().values("contact_id")
    )


def _stage_conditions(user) -> tuple[Q, Q, Q]:
    """Conditions on a contact for the first three stages, each implied by the next one."""
    conversations = Conversation.objects.owned_by(user).order_by()
    messages = Message.objects.owned_by(user).order_by()

    def among(queryset) -> Q:
        return Q(pk__in=queryset.values("contact_id"))

    held = among(conversations.filter(held_condition()))
    answered = Q(replied_at__isnull=False) | Q(status__in=REPLIED_STATUSES)
    replied = (
        held
        | among(conversations.filter(answered))
        | among(messages.filter(kind=Message.Kind.REPLY, status=Message.Status.RECEIVED))
    )
    asked = Q(requested_at__isnull=False) | Q(status__in=REQUESTED_STATUSES)
    requested = (
        replied
        | among(conversations.filter(asked))
        | among(messages.filter(kind=Message.Kind.REQUEST, status=Message.Status.SENT))
    )
    return held, replied, requested


# Reply times --------------------------------------------------------------------------------


def reply_times(user) -> ReplyTimes:
    """Business days from each request to its reply, in the seeker's days and holidays."""
    profile, _, _ = seeker_today(user)
    answered = (
        Conversation.objects.owned_by(user)
        .filter(requested_at__isnull=False, replied_at__isnull=False)
        .values_list("contact_id", "requested_at", "replied_at")
    )
    zone = zoneinfo.ZoneInfo(profile.time_zone)
    country = profile.holiday_country
    result = ReplyTimes()
    boosters: set[int] = set()
    for contact_id, requested_at, replied_at in answered:
        if replied_at < requested_at:
            continue  # a reply recorded before the request: not a response time
        # What rhythm_for counts, without the follow-up dates it would work out as well.
        days = business_days_between(
            requested_at.astimezone(zone).date(), replied_at.astimezone(zone).date(), country
        )
        result.days.append(days)
        if days <= BOOSTER_WITHIN:
            boosters.add(contact_id)
    result.days.sort()
    result.boosters = len(boosters)
    return result


# Weekly activity ----------------------------------------------------------------------------


def weekly_activity(user, weeks: int = WEEKS) -> list[Week]:
    """The last `weeks` weeks (Monday to Sunday where the seeker lives), oldest first."""
    _, zone, today = seeker_today(user)
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    rows = [Week(starts_on=first + timedelta(weeks=n)) for n in range(weeks)]
    # Week n runs from local midnight of its Monday to local midnight of the next one: the
    # same weeks as each moment's date where the seeker lives.
    bounds = [
        datetime.combine(first + timedelta(weeks=n), time.min, tzinfo=zone)
        for n in range(weeks + 1)
    ]

    def per_week(name: str, moment: str, condition: Q | None = None) -> dict[str, Count]:
        return {
            f"{name}_{n}": Count(
                "pk",
                filter=Q(**{f"{moment}__gte": bounds[n], f"{moment}__lt": bounds[n + 1]})
                & (condition or Q()),
            )
            for n in range(weeks)
        }

    conversations = (
        Conversation.objects.owned_by(user)
        .filter(
            Q(requested_at__gte=bounds[0], requested_at__lt=bounds[-1])
            | Q(held_at__gte=bounds[0], held_at__lt=bounds[-1])
        )
        .aggregate(**per_week("requests", "requested_at"), **per_week("held", "held_at"))
    )
    # A request sent outside any conversation's record still went out that week.
    loose_request = Q(kind=Message.Kind.REQUEST) & (
        Q(conversation__isnull=True) | Q(conversation__requested_at__isnull=True)
    )
    thanks = Q(kind__in=(Message.Kind.THANK_YOU, Message.Kind.FOLLOW_UP))
    messages = (
        Message.objects.owned_by(user)
        .filter(status=Message.Status.SENT, sent_at__gte=bounds[0], sent_at__lt=bounds[-1])
        .aggregate(
            **per_week("requests", "sent_at", loose_request),
            **per_week("thanks", "sent_at", thanks),
        )
    )
    for n, row in enumerate(rows):
        row.requests = conversations[f"requests_{n}"] + messages[f"requests_{n}"]
        row.conversations = conversations[f"held_{n}"]
        row.thanks_and_follow_ups = messages[f"thanks_{n}"]
    return rows
