"""The seeker's clock (coffeechat.accounts.clock): today and business days where they live,
with the holidays of their country, read from their profile."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coffeechat.accounts.clock import clock_for, get_profile
from coffeechat.accounts.models import SeekerProfile


def _living_in(user, zone: str, country: str = "US"):
    profile = get_profile(user)
    profile.time_zone, profile.holiday_country = zone, country
    profile.save()
    return clock_for(user)


@pytest.mark.frozen_at("2026-12-02T23:30:00+00:00")  # a Wednesday evening in London
def test_today_is_the_date_where_the_seeker_lives(seeker, stranger):
    assert _living_in(seeker, "Pacific/Auckland").today() == date(2026, 12, 3)
    assert _living_in(stranger, "America/Los_Angeles").today() == date(2026, 12, 2)


@pytest.mark.frozen_at("2026-11-25T18:00:00+00:00")  # Wednesday before US Thanksgiving
def test_business_days_skip_the_holidays_of_the_seekers_country(seeker, stranger):
    american = _living_in(seeker, "America/Chicago", "US")
    british = _living_in(stranger, "Europe/London", "GB")
    assert american.business_days_from_today(1) == date(2026, 11, 27)  # past Thanksgiving
    assert british.business_days_from_today(1) == date(2026, 11, 26)
    assert american.business_days_between(date(2026, 11, 25), date(2026, 11, 30)) == 2


def test_the_3b7_dates_count_from_the_request_in_the_seekers_days(seeker):
    clock = _living_in(seeker, "Pacific/Auckland", "NZ")
    # Thursday 23:30 UTC is Friday in Auckland: the week's last business day.
    rhythm = clock.rhythm(datetime(2026, 12, 3, 23, 30, tzinfo=UTC))
    assert rhythm.sent_on == date(2026, 12, 4)
    assert rhythm.second_contact_on == date(2026, 12, 9)
    assert rhythm.follow_up_on == date(2026, 12, 15)


def test_a_zone_no_longer_known_reads_as_the_servers(seeker, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    SeekerProfile.objects.filter(owner=seeker).update(time_zone="Mars/Olympus_Mons")
    assert clock_for(seeker).zone_name == "Europe/Berlin"


def test_a_day_starts_at_its_first_moment_where_the_seeker_lives(seeker):
    clock = _living_in(seeker, "America/Santiago", "CL")
    assert clock.start_of(date(2026, 9, 5)) == datetime(2026, 9, 5, 4, tzinfo=UTC)
    # Chile's clocks skip from midnight to one on 6 September: the day starts at one.
    start = clock.start_of(date(2026, 9, 6))
    assert start == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert start.astimezone(clock.zone).hour == 1
    assert clock.day_of(start) == date(2026, 9, 6)
    assert clock.day_of(start - timedelta(microseconds=1)) == date(2026, 9, 5)
