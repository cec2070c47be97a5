"""The seeker's clock: "now", "today" and business days where the seeker lives.

Every count of days in coffeechat (the 3B7 rhythm, due dates, Today's groups, the weeks of
the insights) is made in the seeker's own time zone and skips the public holidays of their
country, both kept on their profile. This module is the one way to read them.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.utils import timezone

from coffeechat.accounts.models import SeekerProfile
from coffeechat.lib import business_days
from coffeechat.lib.rhythm import Rhythm, rhythm_for
from coffeechat.lib.zones import UTC_ZONE, zone_named


def get_profile(user) -> SeekerProfile:
    """The user's own profile (made with the account; created here for older accounts)."""
    profile, _ = SeekerProfile.objects.get_or_create(owner=user)
    return profile


@dataclass(frozen=True)
class SeekerClock:
    zone: zoneinfo.ZoneInfo
    holiday_country: str = ""

    @property
    def zone_name(self) -> str:
        return self.zone.key

    def now(self) -> datetime:
        """This moment, on the seeker's wall clock."""
        return timezone.now().astimezone(self.zone)

    def today(self) -> date:
        """The seeker's date: in Auckland it is already tomorrow while London has its evening."""
        return self.now().date()

    def day_of(self, moment: datetime) -> date:
        """The seeker's date at a stored moment."""
        return moment.astimezone(self.zone).date()

    def start_of(self, day: date) -> datetime:
        """The moment the seeker's `day` begins, in UTC: their midnight, or where a change of
        clocks skips or repeats midnight, the day's first moment (fold 0). In UTC, because a
        wall time in a gap never equals a moment of another zone."""
        return datetime.combine(day, time(), tzinfo=self.zone).astimezone(UTC)

    def business_days_after(self, start: date, days: int) -> date:
        """The date `days` business days after start (start itself does not count)."""
        return business_days.add_business_days(start, days, self.holiday_country)

    def business_days_from_today(self, days: int) -> date:
        return self.business_days_after(self.today(), days)

    def business_days_between(self, start: date, end: date) -> int:
        return business_days.business_days_between(start, end, self.holiday_country)

    def rhythm(self, requested_at: datetime, replied_at: datetime | None = None) -> Rhythm:
        """The 3B7 dates of a request sent at requested_at, in the seeker's days."""
        return rhythm_for(requested_at, self.zone_name, self.holiday_country, replied_at)


def clock_of(profile: SeekerProfile) -> SeekerClock:
    """The clock of a profile; a zone name that is no longer known reads as the server's."""
    return clock_at(profile.time_zone, profile.holiday_country)


def clock_at(time_zone: str, holiday_country: str) -> SeekerClock:
    """The clock of a profile's two settings, read without the profile (in bulk queries)."""
    zone = zone_named(time_zone) or zone_named(settings.TIME_ZONE) or UTC_ZONE
    return SeekerClock(zone=zone, holiday_country=holiday_country)


def clock_for(user) -> SeekerClock:
    return clock_of(get_profile(user))
