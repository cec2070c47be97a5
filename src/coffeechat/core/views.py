"""The Today home page and the search box."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, Organization

SEARCH_LIMIT = 10
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


def search_results(user, query: str) -> list[dict]:
    """Matches among the user's own rows, grouped by kind."""
    if len(query) < 2:
        return []
    contacts = (
        Contact.objects.owned_by(user)
        .filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(title__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(notes__icontains=query)
            | Q(background__icontains=query)
        )
        .select_related("organization")[:SEARCH_LIMIT]
    )
    organizations = Organization.objects.owned_by(user).filter(
        Q(name__icontains=query) | Q(notes__icontains=query) | Q(industry__icontains=query)
    )[:SEARCH_LIMIT]
    fields = CareerField.objects.owned_by(user).filter(
        Q(name__icontains=query) | Q(notes__icontains=query)
    )[:SEARCH_LIMIT]
    conversations = (
        Conversation.objects.owned_by(user)
        .filter(Q(notes__icontains=query) | Q(goals__icontains=query))
        .select_related("contact")[:SEARCH_LIMIT]
    )
    messages = (
        Message.objects.owned_by(user)
        .filter(Q(subject__icontains=query) | Q(body__icontains=query))
        .select_related("contact")[:SEARCH_LIMIT]
    )
    groups = [
        ("People", contacts),
        ("Organizations", organizations),
        ("Fields", fields),
        ("Conversation notes", conversations),
        ("Messages", messages),
    ]
    return [{"title": title, "rows": list(rows)} for title, rows in groups if rows]


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query, "groups": search_results(request.user, query)}
    template = "core/search.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)
