"""Pages show dates and times in the seeker's own time zone, the one on their profile."""

from __future__ import annotations

from django.utils import timezone

from coffeechat.accounts.clock import zone_of


class SeekerTimeZone:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        zone = zone_of(request.user) if request.user.is_authenticated else None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        return self.get_response(request)
