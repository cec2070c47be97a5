"""The Today home page and the search box."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.rhythm import rhythm_for
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.prepare.views import get_profile
from coffeechat.research.models import CareerField, Organization
from coffeechat.search.query import search as search_everything

UPCOMING_DAYS = 14


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    today_date = timezone.localdate()
    tasks = (
        Task.objects.owned_by(user)
        .filter(done=False)
        .filter(Q(due_on__lte=today_date + timedelta(days=2)) | Q(due_on__isnull=True))
        .select_related("contact", "conversation__contact")
        .order_by("due_on", "pk")[:30]
    )
    upcoming = (
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.SCHEDULED,
            scheduled_at__gte=now - timedelta(hours=2),
            scheduled_at__lte=now + timedelta(days=UPCOMING_DAYS),
        )
        .select_related("contact", "organization")
        .order_by("scheduled_at")[:20]
    )
    drafts = (
        Message.objects.owned_by(user)
        .filter(status=Message.Status.DRAFT)
        .select_related("contact")
        .order_by("-updated_at")[:10]
    )
    context = {
        "rhythm_due": _rhythm_due(user),
        "tasks": [(task, task.is_overdue(today_date)) for task in tasks],
        "upcoming": upcoming,
        "drafts": drafts,
        "counts": {
            "fields": CareerField.objects.owned_by(user).count(),
            "organizations": Organization.objects.owned_by(user).count(),
            "contacts": Contact.objects.owned_by(user).count(),
            "conversations": Conversation.objects.owned_by(user).count(),
        },
    }
    return render(request, "core/today.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query, "groups": search_everything(request.user, query)}
    template = "core/search.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _rhythm_due(user) -> list[dict]:
    """Requests without an answer whose 3- or 7-business-day mark has come."""
    profile = get_profile(user)
    zone = zoneinfo.ZoneInfo(profile.time_zone)
    today = timezone.now().astimezone(zone).date()
    waiting = (
        Conversation.objects.owned_by(user)
        .filter(
            status=Conversation.Status.REQUESTED,
            requested_at__isnull=False,
            replied_at__isnull=True,
        )
        .select_related("contact", "organization")
        .order_by("requested_at")[:50]
    )
    due = []
    for conversation in waiting:
        rhythm = rhythm_for(conversation.requested_at, profile.time_zone, profile.holiday_country)
        actions = rhythm.due(today)
        if actions:
            due.append({"conversation": conversation, "rhythm": rhythm, "actions": actions})
    return due
