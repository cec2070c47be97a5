"""Who is due a keep-in-touch note: people met in a conversation, about a week after it, then
every one to three months (lib.keep_in_touch), counted in the seeker's days. Today lists the
earliest; `coffeechat draft --kind keep-in-touch --all` drafts a note for each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.db.models import Case, DateTimeField, Func, Q, Value, When
from django.db.models.functions import Coalesce

from coffeechat.accounts.clock import SeekerClock
from coffeechat.conversations.models import Conversation
from coffeechat.lib.keep_in_touch import (
    DEFAULT_EVERY_DAYS,
    FIRST_NOTE_AFTER_DAYS,
    THANK_YOU_WINDOW_DAYS,
    next_touch,
)
from coffeechat.people.models import Contact


def due_people(user, clock: SeekerClock, today: date, limit: int | None = None) -> dict[int, date]:
    """{contact id: the day their note fell due}, for everyone due by `today`; with a limit, at
    least the `limit` earliest (the database is read only as far as they reach)."""
    # Only people whose note the database reckons due before the end of the day after
    # `today` are candidates (a day's margin: the database adds whole days to moments, the
    # seeker counts days in their zone); each candidate is then judged exactly in the
    # seeker's days. From the people met in a conversation, whose latest conversation held
    # and latest interaction the database keeps on them (conversations.touch_dates), read
    # by an index: the heavy sample has 30,000 people, 2,000 of them met.
    reach = clock.start_of(today + timedelta(days=2))
    met = (
        Contact.objects.owned_by(user)
        .filter(last_held_at__isnull=False, do_not_contact=False)
        .annotate(due_at=_due_at())
        .filter(due_at__lt=reach)
        .order_by("due_at", "pk")
        .values_list("pk", "keep_in_touch_days", "last_held_at", "last_touch_at", "due_at")
    )
    # Most of them may be due, but a list shows `limit` at most, the earliest first: read
    # them in the database's order only until a day after the limit-th falls due (a margin
    # for time zones), then judge those exactly, in the seeker's days.
    # SQLite hands rows over as they are read, so reading can stop early; PostgreSQL would
    # first copy the whole result into a held server-side cursor, so it is asked for pages
    # of rows (LIMIT), and the next page only when the last did not reach far enough.
    if limit is None:
        rows = met
    elif connection.vendor == "sqlite":
        rows = met.iterator(chunk_size=2 * limit)
    else:
        rows = _in_pages(met, 2 * limit)
    due, read_until = {}, None
    for pk, every, held, last_touch, due_at in rows:
        if read_until is not None and due_at >= read_until:
            break
        touched = clock.day_of(last_touch) if last_touch else None
        day = next_touch(clock.day_of(held), touched, every)
        if day is not None and day <= today:
            due[pk] = day
            if limit is not None and len(due) == limit:
                read_until = due_at + timedelta(days=2)
    return due


def _in_pages(queryset, size: int):
    """The rows of an ordered queryset, read `size` at a time (LIMIT … OFFSET …)."""
    start = 0
    while True:
        page = list(queryset[start : start + size])
        yield from page
        if len(page) < size:
            return
        start += size


def names_and_latest_held(contact_ids) -> tuple[dict[int, str], dict[int, int]]:
    """Each person's name, and the latest conversation held with them (an update refers to
    it), read from their conversations held."""
    held = (
        Conversation.objects.filter(contact_id__in=list(contact_ids), held_at__isnull=False)
        .order_by("contact_id", "held_at", "pk")
        .values_list(
            "contact_id",
            "pk",
            "contact__first_name",
            "contact__last_name",
            "contact__display_name",
        )
    )
    names, latest = {}, {}
    for contact_id, pk, first, last, shown in held:
        names[contact_id] = shown or " ".join(part for part in (first, last) if part)
        latest[contact_id] = pk  # the latest comes last
    return names, latest


class AddDays(Func):
    """A moment plus a whole number of days taken from a column (SQLite and PostgreSQL)."""

    output_field = DateTimeField()
    template = "(%(expressions)s)"
    arg_joiner = " + INTERVAL '1 day' * "

    def as_sqlite(self, compiler, connection, **extra_context):
        # Same text form as Django's stored datetimes, so comparisons between them hold.
        return self.as_sql(
            compiler,
            connection,
            template="strftime('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', %(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra_context,
        )


def _due_at():
    """When a keep-in-touch note falls due, as next_touch says, in the database's terms."""
    every = Coalesce("keep_in_touch_days", DEFAULT_EVERY_DAYS)
    return Case(
        When(
            Q(last_touch_at__isnull=True)
            | Q(last_touch_at__lte=AddDays("last_held_at", Value(THANK_YOU_WINDOW_DAYS))),
            then=AddDays("last_held_at", Value(FIRST_NOTE_AFTER_DAYS)),
        ),
        default=AddDays("last_touch_at", every),
        output_field=DateTimeField(),
    )
