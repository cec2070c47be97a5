"""The 3B7 rhythm on a table of dates: Friday sends, public holidays, far time zones."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coffeechat.lib.business_days import add_business_days
from coffeechat.lib.rhythm import FOLLOW_UP, SECOND_CONTACT, last_sent_on_due, rhythm_for


def at(y, m, d, hh=10, mm=0, tz=UTC):
    return datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.mark.parametrize(
    ("sent_at", "zone", "country", "second", "follow"),
    [
        # Monday in New York; Wednesday the 11th is Veterans Day.
        (at(2026, 11, 9, 15), "America/New_York", "US", date(2026, 11, 13), date(2026, 11, 19)),
        # The same Monday in London, where the 11th is a working day.
        (at(2026, 11, 9, 15), "Europe/London", "GB", date(2026, 11, 12), date(2026, 11, 18)),
        # Friday: the weekend does not count.
        (at(2026, 11, 13, 15), "America/New_York", "US", date(2026, 11, 18), date(2026, 11, 24)),
        # Friday before Thanksgiving week: Thursday the 26th is a holiday in the US.
        (at(2026, 11, 20, 15), "America/New_York", "US", date(2026, 11, 25), date(2026, 12, 2)),
        # The same moment from Germany, where the 26th is a working day.
        (at(2026, 11, 20, 15), "Europe/Berlin", "DE", date(2026, 11, 25), date(2026, 12, 1)),
        # Around Christmas in Germany (25 and 26 December) and New Year.
        (at(2026, 12, 22, 9), "Europe/Berlin", "DE", date(2026, 12, 28), date(2027, 1, 4)),
        # 23:30 UTC on Thursday is already Friday in Auckland (UTC+13 in summer).
        (at(2026, 11, 19, 23, 30), "Pacific/Auckland", "NZ", date(2026, 11, 25), date(2026, 12, 1)),
        # 03:00 UTC on Saturday is still Friday evening in Honolulu.
        (at(2026, 11, 21, 3), "Pacific/Honolulu", "US", date(2026, 11, 25), date(2026, 12, 2)),
        # Sent on a Sunday: the count starts on Monday.
        (at(2026, 11, 22, 12), "Asia/Tokyo", "JP", date(2026, 11, 26), date(2026, 12, 2)),
    ],
)
def test_look_again_after_3_and_follow_up_after_7_business_days(
    sent_at, zone, country, second, follow
):
    rhythm = rhythm_for(sent_at, zone, country)
    assert (rhythm.second_contact_on, rhythm.follow_up_on) == (second, follow)


def test_nothing_is_due_before_3_business_days():
    rhythm = rhythm_for(at(2026, 11, 13, 15), "America/New_York", "US")
    assert rhythm.due(date(2026, 11, 17)) == []
    assert rhythm.due(date(2026, 11, 18)) == [SECOND_CONTACT]
    assert rhythm.due(date(2026, 11, 24)) == [SECOND_CONTACT, FOLLOW_UP]


def test_a_reply_cancels_both():
    sent = at(2026, 11, 13, 15)
    rhythm = rhythm_for(sent, "America/New_York", "US", replied_at=sent + timedelta(days=20))
    assert rhythm.due(date(2026, 12, 31)) == []


@pytest.mark.parametrize(
    ("replied_at", "business_days", "booster"),
    [
        (at(2026, 11, 13, 18), 0, True),  # the same Friday
        (at(2026, 11, 16, 14), 1, True),  # Monday
        (at(2026, 11, 18, 20), 3, True),  # Wednesday: still within 3
        (at(2026, 11, 19, 14), 4, False),  # Thursday
    ],
)
def test_quick_answers_mark_likely_boosters(replied_at, business_days, booster):
    rhythm = rhythm_for(at(2026, 11, 13, 15), "America/New_York", "US", replied_at=replied_at)
    assert rhythm.response_business_days == business_days
    assert rhythm.likely_booster is booster


def test_days_are_counted_where_the_seeker_lives():
    # 20:00 on Wednesday in Los Angeles is Thursday in UTC: Los Angeles counts from Wednesday.
    sent = datetime(2026, 11, 19, 4, 0, tzinfo=UTC)
    assert rhythm_for(sent, "America/Los_Angeles", "US").sent_on == date(2026, 11, 18)
    assert rhythm_for(sent, "UTC", "US").sent_on == date(2026, 11, 19)


def test_a_moment_without_time_zone_is_refused():
    with pytest.raises(ValueError):
        rhythm_for(datetime(2026, 11, 19, 4, 0), "UTC")


def test_offsets_other_than_utc_are_understood():
    sent = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=-10)))
    assert rhythm_for(sent, "Pacific/Honolulu", "US").sent_on == date(2026, 11, 20)


@given(
    today=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    days_before=st.integers(min_value=0, max_value=40),
    country=st.sampled_from(["", "US", "GB", "DE", "NZ", "JP"]),
)
def test_the_last_day_sent_that_is_due_splits_every_request_exactly(today, days_before, country):
    """A request is due for its follow-up today exactly when it was sent on or before the day
    one computation gives for the seeker's today, around weekends and holidays alike."""
    sent_on = today - timedelta(days=days_before)
    due = add_business_days(sent_on, 7, country) <= today
    assert due == (sent_on <= last_sent_on_due(today, country))


def test_a_request_sent_on_a_thursday_is_due_on_the_second_monday_after():
    # Thursday 5 November 2026 + 7 business days (no UK holiday between) → Monday 16th.
    assert last_sent_on_due(date(2026, 11, 16), "GB") == date(2026, 11, 5)
    assert last_sent_on_due(date(2026, 11, 13), "GB") == date(2026, 11, 4)
