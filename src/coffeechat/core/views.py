"""The Today home page and the search box."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coffeechat.conversations.models import Conversation
from coffeechat.core.today import today_items
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, Organization
from coffeechat.search.query import search as search_everything

UPCOMING_DAYS = 14


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    drafts = (
        Message.objects.owned_by(user)
        .filter(status=Message.Status.DRAFT)
        .select_related("contact")
        .order_by("-updated_at")[:10]
    )
    context = {
        "items": today_items(user),
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
