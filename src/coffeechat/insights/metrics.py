"""The outreach funnel and its yield, reply times and weekly activity, counted from the rows.

Each stage counts people (distinct contacts), and a person counted at one stage is counted at
every earlier one: nobody has a conversation without having been asked, in some way. The
stage rules are written out in STAGES; the page shows the same words.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import JobLead
from coffeechat.lib.rhythm import BOOSTER_WITHIN, rhythm_for
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
    """Every stage overall, by how the seeker knows the person and by seniority."""
    contacts = list(
        Contact.objects.owned_by(user).values_list("pk", "source", "tier", "referred_by_id")
    )
    reached = _stages_reached(user)
    held = reached["conversations"]
    leads = list(JobLead.objects.owned_by(user).values_list("contact_id", flat=True))
    source_of = {pk: source for pk, source, _, _ in contacts}
    tier_of = {pk: tier for pk, _, tier, _ in contacts}

    def group(label_of: dict[int, str], labels: Iterable[tuple[str, str]]) -> list[Stages]:
        rows = {value: Stages(label=str(label)) for value, label in labels}
        nobody = Stages(label=NOBODY)

        def row_of(pk: int) -> Stages:
            value = label_of[pk]  # a value outside the choices gets its own row
            return rows.setdefault(value, Stages(label=value or NOT_SET))

        for pk in label_of:
            row = row_of(pk)
            row.people += 1
            for key in ("requests", "replies", "conversations"):
                setattr(row, key, getattr(row, key) + (pk in reached[key]))
        for *_, referrer in contacts:
            if referrer in held:
                row_of(referrer).referrals += 1
        for contact_id in leads:
            target = row_of(contact_id) if contact_id in label_of else nobody
            target.job_leads += 1
        shown = [row for row in rows.values() if row.people or row.job_leads]
        return shown + ([nobody] if nobody.job_leads else [])

    overall = Stages(label="Everyone", people=len(contacts), job_leads=len(leads))
    for key in ("requests", "replies", "conversations"):
        setattr(overall, key, len(reached[key]))
    overall.referrals = sum(1 for *_, referrer in contacts if referrer in held)
    return Funnel(
        overall=overall,
        by_source=group(source_of, Source.choices),
        by_tier=group(tier_of, [*Tier.choices, ("", NOT_SET)]),
    )


def _stages_reached(user) -> dict[str, set[int]]:
    """Contact ids at each of the first three stages, each set holding the next one."""
    conversations = Conversation.objects.owned_by(user)
    messages = Message.objects.owned_by(user)
    held = set(conversations.filter(held_condition()).values_list("contact_id", flat=True))
    answered = Q(replied_at__isnull=False) | Q(status__in=REPLIED_STATUSES)
    replied = held | set(conversations.filter(answered).values_list("contact_id", flat=True))
    replied |= set(
        messages.filter(kind=Message.Kind.REPLY, status=Message.Status.RECEIVED).values_list(
            "contact_id", flat=True
        )
    )
    asked = Q(requested_at__isnull=False) | Q(status__in=REQUESTED_STATUSES)
    requested = replied | set(conversations.filter(asked).values_list("contact_id", flat=True))
    requested |= set(
        messages.filter(kind=Message.Kind.REQUEST, status=Message.Status.SENT).values_list(
            "contact_id", flat=True
        )
    )
    return {"requests": requested, "replies": replied, "conversations": held}


# Reply times --------------------------------------------------------------------------------


def reply_times(user) -> ReplyTimes:
    """Business days from each request to its reply, in the seeker's days and holidays."""
    profile, _, _ = seeker_today(user)
    answered = (
        Conversation.objects.owned_by(user)
        .filter(requested_at__isnull=False, replied_at__isnull=False)
        .values_list("contact_id", "requested_at", "replied_at")
    )
    result = ReplyTimes()
    boosters: set[int] = set()
    for contact_id, requested_at, replied_at in answered:
        if replied_at < requested_at:
            continue  # a reply recorded before the request: not a response time
        rhythm = rhythm_for(requested_at, profile.time_zone, profile.holiday_country, replied_at)
        result.days.append(rhythm.response_business_days)
        if rhythm.likely_booster:
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
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(weeks=weeks), time.min, tzinfo=zone)
    conversations = Conversation.objects.owned_by(user)
    sent = Message.objects.owned_by(user).filter(
        status=Message.Status.SENT, sent_at__gte=start, sent_at__lt=end
    )
    events = {
        "requests": [
            *conversations.filter(requested_at__gte=start, requested_at__lt=end).values_list(
                "requested_at", flat=True
            ),
            # A request sent outside any conversation's record still went out that week.
            *sent.filter(kind=Message.Kind.REQUEST)
            .filter(Q(conversation__isnull=True) | Q(conversation__requested_at__isnull=True))
            .values_list("sent_at", flat=True),
        ],
        "conversations": conversations.filter(held_at__gte=start, held_at__lt=end).values_list(
            "held_at", flat=True
        ),
        "thanks_and_follow_ups": sent.filter(
            kind__in=(Message.Kind.THANK_YOU, Message.Kind.FOLLOW_UP)
        ).values_list("sent_at", flat=True),
    }
    for key, moments in events.items():
        for moment in moments:
            index = (moment.astimezone(zone).date() - first).days // 7
            if 0 <= index < weeks:
                row = rows[index]
                setattr(row, key, getattr(row, key) + 1)
    return rows
