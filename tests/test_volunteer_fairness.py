"""The fair-load rule for alumni volunteers, in plain Python: who is full for the month, who
comes first, and how many requests one seeker may have waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from coffeechat.lib import volunteer_fairness as fairness
from coffeechat.lib.volunteer_fairness import Load

NOW = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)


def test_a_volunteer_with_as_many_requests_as_they_offered_is_full():
    assert not Load(1, capacity=3, this_month=2).full
    assert Load(1, capacity=3, this_month=3).full
    assert Load(1, capacity=3, this_month=5).full
    assert Load(1, capacity=3, this_month=5).spare == 0
    assert Load(1, capacity=3, this_month=1).spare == 2


def test_full_volunteers_are_left_out_of_the_ranking():
    ranked = fairness.rank([Load(1, 3, this_month=3), Load(2, 3, this_month=0)])
    assert [load.volunteer for load in ranked] == [2]


def test_fewer_recent_requests_come_first():
    loads = [Load(1, 3, recent=2), Load(2, 3, recent=0), Load(3, 3, recent=1)]
    assert [load.volunteer for load in fairness.rank(loads)] == [2, 3, 1]


def test_recent_requests_are_weighed_against_what_each_offered():
    # Two of the six a month offered is a lighter load than two of three.
    loads = [Load(1, capacity=3, recent=2), Load(2, capacity=6, recent=2)]
    assert [load.volunteer for load in fairness.rank(loads)] == [2, 1]


def test_ties_go_to_the_never_asked_then_the_longest_waiting_then_the_number():
    long_ago = NOW - timedelta(days=90)
    lately = NOW - timedelta(days=40)
    loads = [
        Load(4, 3, last_received=lately),
        Load(3, 3, last_received=long_ago),
        Load(9, 3),
        Load(5, 3),
    ]
    assert [load.volunteer for load in fairness.rank(loads)] == [5, 9, 3, 4]


def test_the_order_is_the_same_whatever_order_the_rows_came_in():
    loads = [Load(n, 3 + n % 2, recent=n % 3, this_month=n % 3) for n in range(20)]
    assert fairness.rank(loads) == fairness.rank(list(reversed(loads)))


@given(
    st.lists(
        st.builds(
            Load,
            volunteer=st.integers(1, 10_000),
            capacity=st.integers(1, 20),
            this_month=st.integers(0, 25),
            recent=st.integers(0, 40),
        ),
        unique_by=lambda load: load.volunteer,
        max_size=30,
    )
)
def test_ranking_keeps_every_volunteer_with_room_and_no_one_full(loads):
    ranked = fairness.rank(loads)
    assert {load.volunteer for load in ranked} == {load.volunteer for load in loads if load.spare}
    shares = [load.recent / load.capacity for load in ranked]
    assert shares == sorted(shares)


def test_the_month_starts_at_midnight_on_the_first_in_the_clocks_own_zone():
    assert fairness.month_start(NOW) == datetime(2026, 12, 1, tzinfo=UTC)
    auckland = NOW.astimezone(ZoneInfo("Pacific/Auckland"))  # already 3 December there
    start = fairness.month_start(auckland)
    assert (start.year, start.month, start.day, start.hour) == (2026, 12, 1, 0)
    assert start.utcoffset() == timedelta(hours=13)


def test_the_next_month_starts_on_the_first_even_across_the_year():
    assert fairness.next_month_start(NOW) == datetime(2027, 1, 1, tzinfo=UTC)
    assert fairness.next_month_start(datetime(2026, 2, 28, 12, tzinfo=UTC)) == datetime(
        2026, 3, 1, tzinfo=UTC
    )


def test_recent_means_the_last_thirty_days():
    assert fairness.recent_since(NOW) == NOW - timedelta(days=30)


def test_a_seeker_may_have_two_requests_waiting():
    assert fairness.seeker_may_ask(0)
    assert fairness.seeker_may_ask(1)
    assert not fairness.seeker_may_ask(2)
