"""The Today home page: what is due now, drafts waiting, and where to start."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.conversations.models import Conversation
from coffeechat.core.views import require_methods
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, Organization
from coffeechat.today.items import today_items


@require_methods("GET")
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
    return render(request, "today/today.html", context)
