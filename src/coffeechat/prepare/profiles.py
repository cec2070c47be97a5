"""The seeker's profile and the day it is where they live, for every place that counts days."""

from __future__ import annotations

import zoneinfo
from datetime import date

from django.utils import timezone

from coffeechat.prepare.models import SeekerProfile


def get_profile(user) -> SeekerProfile:
    """The user's own profile (made with the account; created here for older accounts)."""
    profile, _ = SeekerProfile.objects.get_or_create(owner=user)
    return profile


def seeker_today(user) -> tuple[SeekerProfile, zoneinfo.ZoneInfo, date]:
    """The profile, its time zone, and today's date in that zone."""
    profile = get_profile(user)
    zone = zoneinfo.ZoneInfo(profile.time_zone)
    return profile, zone, timezone.now().astimezone(zone).date()
