"""Calendar files: one meeting as a download, and a private feed a calendar app subscribes to.

The download and the settings page sit behind LoginRequiredMiddleware like every page; the
feed cannot (calendar apps do not log in), so its secret address is the credential.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Model
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from coffeechat.calendars.models import FeedToken
from coffeechat.calendars.publishing import feed_drafts, meeting_draft, publish
from coffeechat.conversations.models import Conversation
from coffeechat.core.views import owned_object, require_methods
from coffeechat.lib import ics

ICS_TYPE = "text/calendar; charset=utf-8"
FEED_NAME = "coffeechat"
FEED_REFRESH = timedelta(hours=1)
UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def _page_url(request: HttpRequest):
    def page_url(obj: Model) -> str:
        return request.build_absolute_uri(obj.get_absolute_url())

    return page_url


def _calendar_response(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=ICS_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response


@owned_object(Conversation, "GET", "HEAD")
def meeting_ics(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    """One conversation as an .ics file, named after the person."""
    if conversation.scheduled_at is None:
        messages.error(request, "Set the date and time first; then it can go in your calendar.")
        return redirect(conversation)
    events = publish([meeting_draft(conversation, _page_url(request))])
    response = _calendar_response(ics.calendar(events, name=None))
    name = UNSAFE_IN_FILENAMES.sub("-", conversation.contact.name).strip(" .-") or "meeting"
    filename = f"Informational interview with {name}.ics"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@require_methods("GET", "POST")
def feed_settings(request: HttpRequest) -> HttpResponse:
    """Create, replace or delete the feed. Its address is shown once, in the POST's answer."""
    feed_url = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("create", "rotate"):
            token = FeedToken.issue(request.user)
            feed_url = request.build_absolute_uri(reverse("calendars:feed", args=[token]))
        elif action == "revoke":
            if FeedToken.revoke(request.user):
                messages.success(request, "Your calendar feed is deleted; its address is dead.")
            return redirect("calendars:feed_settings")
        else:
            messages.error(request, "That action is not known.")
            return redirect("calendars:feed_settings")
    feed = FeedToken.objects.filter(owner=request.user).first()
    response = render(request, "calendars/feed_settings.html", {"feed": feed, "feed_url": feed_url})
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_methods("GET", "HEAD")
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The owner's meetings and dated follow-ups, for calendar apps that subscribe by URL."""
    owner = FeedToken.owner_for(token)
    if owner is None:
        # Plain and the same for a token that never existed, was replaced or was deleted.
        response = HttpResponseNotFound(b"Not found\n", content_type="text/plain; charset=utf-8")
    else:
        events = publish(feed_drafts(owner, _page_url(request)))
        data = ics.calendar(events, name=FEED_NAME, refresh_interval=FEED_REFRESH)
        response = _calendar_response(data)
        response["Content-Disposition"] = content_disposition_header(False, "coffeechat.ics")
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
