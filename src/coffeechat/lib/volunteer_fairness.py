"""Fair load for alumni volunteers: who a seeker sees first in the directory, who is not shown
at all, and how many requests one seeker may have waiting.

The rule, as the directory's help text says it:

- **Full for the month.** A volunteer offers a number of requests a month (their capacity,
  3 unless they change it). Every request they received since the first of the calendar month
  (midnight, in the server's time zone) counts against it, whatever became of it: waiting,
  accepted, declined, withdrawn by the seeker or left to expire. Each one reached their inbox
  and their email; a rule that forgot withdrawn or expired requests would let one seeker send,
  withdraw and send again, and the volunteer would get more than they offered. A volunteer
  who has received their number is hidden from the directory until the month turns.
- **Fewest lately first.** Among the others, whoever has had the fewest requests in the last
  30 days *for the number they offered* comes first (requests in 30 days divided by the
  monthly capacity): a volunteer who offers 6 a month is asked twice as often as one who
  offers 3. A rolling 30 days, not the month, so the order does not start again on the 1st.
- **Ties**: fewer requests in those 30 days; then whoever was last asked longest ago (never
  asked comes first); then the volunteer's number, so a page shows the same order each time.
- **A seeker** may have at most SEEKER_OPEN_LIMIT requests waiting for an answer at once, so
  that the volunteers' time is shared among everyone who is looking.

Plain Python, no Django: the app counts the requests (coffeechat.center.access), this module
decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

RECENT_DAYS = 30
SEEKER_OPEN_LIMIT = 2
NEVER = datetime.min.replace(tzinfo=UTC)  # the last request to one never asked
DEFAULT_CAPACITY = 3


@dataclass(frozen=True)
class Load:
    """What a volunteer has been asked: the counts the rule needs, nothing about who asked."""

    volunteer: int  # a stable number for the volunteer (their account's id)
    capacity: int  # requests a month they offered
    this_month: int = 0  # requests received since the month began
    recent: int = 0  # requests received in the last RECENT_DAYS days
    last_received: datetime | None = None  # their most recent request, ever

    @property
    def spare(self) -> int:
        """Requests they can still receive this month."""
        return max(self.capacity - self.this_month, 0)

    @property
    def full(self) -> bool:
        return self.spare == 0


def month_start(now: datetime) -> datetime:
    """The first moment of `now`'s calendar month, in `now`'s own time zone."""
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime) -> datetime:
    """The first moment of the month after `now`'s: when a full volunteer shows again."""
    start = month_start(now)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def recent_since(now: datetime) -> datetime:
    """Where the rolling window of recent requests begins."""
    return now - timedelta(days=RECENT_DAYS)


def rank(loads: Iterable[Load]) -> list[Load]:
    """The volunteers a seeker may ask, fairest first; full ones are left out."""
    return sorted((load for load in loads if not load.full), key=_fairness)


def _fairness(load: Load) -> tuple:
    # A float division is correctly rounded: equal shares give equal floats, and shares of
    # whole numbers this small never round into each other.
    share_used = load.recent / load.capacity if load.capacity > 0 else 1.0
    if load.last_received is None:  # never asked: before anyone asked at all
        return (share_used, load.recent, False, NEVER, load.volunteer)
    return (share_used, load.recent, True, load.last_received, load.volunteer)


def seeker_may_ask(open_requests: int) -> bool:
    """Whether a seeker with this many requests waiting may send another."""
    return open_requests < SEEKER_OPEN_LIMIT
