"""The outreach funnel and its yield, reply times and weekly activity, counted from the rows.

Each stage counts people (distinct contacts), and a person counted at one stage is counted at
every earlier one: nobody has a conversation without having been asked, in some way. The
stage rules are written out in STAGES; the page shows the same words.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connections
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Cast, TruncDate

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import JobLead
from coffeechat.lib.rhythm import BOOSTER_WITHIN
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Source, Tier

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
    took_place = Q(**{f"{prefix}status__in": lifecycle.TOOK_PLACE})
    return took_place | Q(**{f"{prefix}held_at__isnull": False})


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

    The database counts people per (source, tier). The stage each person reached comes from
    their conversations and messages, a few thousand narrow rows at most, each with the
    person's source and tier; referrals are counted per person who introduced them. The
    sums into the overall row and the two breakdowns happen here.
    """
    contacts = Contact.objects.owned_by(user).order_by()
    overall = Stages(label="Everyone")
    by_source = _Breakdown(Source.choices)
    by_tier = _Breakdown([*Tier.choices, ("", NOT_SET)])

    def rows_of(source: str, tier: str) -> tuple[Stages, Stages, Stages]:
        return (overall, by_source.row(source), by_tier.row(tier))

    for source, tier, people, requests, replies, conversations in _people_by_stage(user):
        for row in rows_of(source, tier):
            row.people += people
            row.requests += requests
            row.replies += replies
            row.conversations += conversations
    # Referrals count under the person who introduced them, if you talked with that person.
    held = Conversation.objects.owned_by(user).filter(held_condition()).order_by()
    introduced = (
        contacts.filter(referred_by__in=held.values("contact_id"))
        .values_list("referred_by__source", "referred_by__tier")
        .annotate(count=Count("pk"))
    )
    for source, tier, count in introduced:
        for row in rows_of(source, tier):
            row.referrals += count
    # A lead without a contact (or with someone else's) goes to the "No one recorded" row.
    leads = (
        JobLead.objects.owned_by(user)
        .order_by()
        .values_list("contact__owner_id", "contact__source", "contact__tier")
        .annotate(count=Count("pk"))
    )
    for owner_id, source, tier, count in leads:
        overall.job_leads += count
        mine = owner_id == user.pk
        for breakdown, value in ((by_source, source), (by_tier, tier)):
            (breakdown.row(value) if mine else breakdown.nobody).job_leads += count
    return Funnel(overall=overall, by_source=by_source.rows(), by_tier=by_tier.rows())


REQUESTED, REPLIED, HELD = 1, 2, 3  # how far a person got, from their records


def _people_by_stage(user) -> list[tuple[str, str, int, int, int, int]]:
    """(source, tier, people, asked, answered, talked with) per source and tier.

    One pass over the contacts, each joined to the furthest stage their conversations and
    messages reached (worked out over those few rows first). The inner queries are Django's,
    scoped to the owner; only the join around them is written out.
    """
    answered = Q(replied_at__isnull=False) | Q(status__in=lifecycle.ANSWERED)
    asked = Q(requested_at__isnull=False) | Q(status__in=lifecycle.ASKED)
    conversation_stage = Case(
        When(held_condition(), then=Value(HELD)),
        When(answered, then=Value(REPLIED)),
        When(asked, then=Value(REQUESTED)),
        default=Value(0),
    )
    received = Q(kind=Message.Kind.REPLY, status=Message.Status.RECEIVED)
    sent = Q(kind=Message.Kind.REQUEST, status=Message.Status.SENT)
    message_stage = Case(When(received, then=Value(REPLIED)), default=Value(REQUESTED))
    by_conversation = (
        Conversation.objects.owned_by(user)
        .filter(held_condition() | answered | asked)
        .order_by()
        .annotate(stage=conversation_stage)
        .values("contact_id", "stage")
    )
    by_message = (
        Message.objects.owned_by(user)
        .filter(received | sent)
        .order_by()
        .annotate(stage=message_stage)
        .values("contact_id", "stage")
    )
    contacts = Contact.objects.owned_by(user).order_by()
    people = {
        (source, tier): count
        for source, tier, count in contacts.values_list("source", "tier").annotate(
            count=Count("pk")
        )
    }
    # Driven from the few thousand people asked, each looked up by primary key; a left join
    # from every contact costs more than counting the contacts on their own, above.
    using = contacts.db
    connection = connections[using]
    parts = [qs.query.get_compiler(using).as_sql() for qs in (by_conversation, by_message)]
    (conv_sql, conv_params), (msg_sql, msg_params) = parts
    table = connection.ops.quote_name(Contact._meta.db_table)
    sql = f"""
        SELECT c.source, c.tier, COUNT(*),
               SUM(CASE WHEN s.stage >= {REPLIED} THEN 1 ELSE 0 END),
               SUM(CASE WHEN s.stage >= {HELD} THEN 1 ELSE 0 END)
        FROM (
            SELECT u.contact_id, MAX(u.stage) AS stage FROM (
                SELECT a.contact_id, a.stage FROM ({conv_sql}) a
                UNION ALL
                SELECT b.contact_id, b.stage FROM ({msg_sql}) b
            ) u GROUP BY u.contact_id
        ) s
        INNER JOIN {table} c ON c.id = s.contact_id
        WHERE c.owner_id = %s
        GROUP BY c.source, c.tier
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, (*conv_params, *msg_params, user.pk))
        reached = {(source, tier): counts for source, tier, *counts in cursor}
    return [
        (source, tier, count, *(int(n or 0) for n in reached.get((source, tier), (0, 0, 0))))
        for (source, tier), count in people.items()
    ]


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


# Reply times --------------------------------------------------------------------------------


def _local_days(queryset, fields: tuple[str, ...], moments: tuple[str, ...], zone) -> list:
    """The queryset's `fields`, then each of its `moments` as the date where the seeker lives.

    The same dates as `moment.astimezone(zone).date()`, without building a datetime per value:
    PostgreSQL works them out itself; SQLite keeps moments as UTC text, parsed here.
    """
    if connections[queryset.db].vendor == "postgresql":
        days = [TruncDate(moment, tzinfo=zone) for moment in moments]
        return list(queryset.values_list(*fields, *days))
    texts = [Cast(moment, output_field=CharField()) for moment in moments]
    width = len(fields)
    rows = []
    for row in queryset.values_list(*fields, *texts):
        dates = []
        for text in row[width:]:
            if text is None:
                dates.append(None)
                continue
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            dates.append(moment.astimezone(zone).date())
        rows.append((*row[:width], *dates))
    return rows


def reply_times(user) -> ReplyTimes:
    """Business days from each request to its reply, in the seeker's days and holidays."""
    clock = clock_for(user)
    # A reply recorded before the request is not a response time.
    answered = (
        Conversation.objects.owned_by(user)
        .filter(requested_at__isnull=False, replied_at__gte=F("requested_at"))
        .order_by()
    )
    result = ReplyTimes()
    boosters: set[int] = set()
    for contact_id, sent_on, replied_on in _local_days(
        answered, ("contact_id",), ("requested_at", "replied_at"), clock.zone
    ):
        # What the 3B7 rhythm counts, without the follow-up dates it would work out as well.
        days = clock.business_days_between(sent_on, replied_on)
        result.days.append(days)
        if days <= BOOSTER_WITHIN:
            boosters.add(contact_id)
    result.days.sort()
    result.boosters = len(boosters)
    return result


# Weekly activity ----------------------------------------------------------------------------


def weekly_activity(user, weeks: int = WEEKS) -> list[Week]:
    """The last `weeks` weeks (Monday to Sunday where the seeker lives), oldest first."""
    clock = clock_for(user)
    zone, today = clock.zone, clock.today()
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    rows = [Week(starts_on=first + timedelta(weeks=n)) for n in range(weeks)]
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(weeks=weeks), time.min, tzinfo=zone)
    in_window = {}
    for moment in ("requested_at", "held_at", "sent_at"):
        in_window[moment] = Q(**{f"{moment}__gte": start, f"{moment}__lt": end})
    conversations = (
        Conversation.objects.owned_by(user)
        .filter(in_window["requested_at"] | in_window["held_at"])
        .order_by()
    )
    Kind = Message.Kind
    thanks = (Kind.THANK_YOU, Kind.FOLLOW_UP)
    # A request sent outside any conversation's record still went out that week.
    loose = Q(conversation__isnull=True) | Q(conversation__requested_at__isnull=True)
    sent = (
        Message.objects.owned_by(user)
        .filter(in_window["sent_at"], status=Message.Status.SENT)
        .filter(Q(kind__in=thanks) | (Q(kind=Kind.REQUEST) & loose))
        .annotate(thanks=Case(When(kind__in=thanks, then=Value(1)), default=Value(0)))
        .order_by()
    )

    def count(key: str, day: date | None) -> None:
        index = (day - first).days // 7 if day is not None else -1
        if 0 <= index < weeks:
            row = rows[index]
            setattr(row, key, getattr(row, key) + 1)

    for requested_on, held_on in _local_days(conversations, (), ("requested_at", "held_at"), zone):
        count("requests", requested_on)
        count("conversations", held_on)
    for is_thanks, sent_on in _local_days(sent, ("thanks",), ("sent_at",), zone):
        count("thanks_and_follow_ups" if is_thanks else "requests", sent_on)
    return rows
