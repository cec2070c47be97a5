"""Pages show dates and times in the seeker's own time zone, the one on their profile, and
name the seeker as they sign (one query for both)."""

from __future__ import annotations

from django.utils import timezone

from coffeechat.accounts.models import SeekerProfile
from coffeechat.lib.zones import zone_named


class SeekerTimeZone:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        zone, request.seeker_name = None, ""
        if request.user.is_authenticated:
            row = (
                SeekerProfile.objects.filter(owner=request.user)
                .values_list("time_zone", "display_name")
                .first()
            )
            if row is not None:
                zone, request.seeker_name = zone_named(row[0]), row[1].strip()
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        return self.get_response(request)
