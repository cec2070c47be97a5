"""Dates and times shown and typed in the user's own time zone (their profile's)."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone


class UserTimeZone:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        zone = None
        if request.user.is_authenticated:
            from coffeechat.prepare.models import SeekerProfile

            name = (
                SeekerProfile.objects.filter(owner=request.user)
                .values_list("time_zone", flat=True)
                .first()
            )
            try:
                zone = zoneinfo.ZoneInfo(name) if name else None
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                zone = None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        return self.get_response(request)
