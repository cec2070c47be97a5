"""The "who to ask next" page: the plain ranking rules fed with the user's own rows.

Shown among the people (step 2, people:who_next), it ranks them by their conversations, so it
lives here, above both; the project's urls.py puts it in the people's namespace."""

from __future__ import annotations

from django.db.models import Count, Exists, Min, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.core.views import require_methods
from coffeechat.lib.who_next import Candidate, OrganizationState, rank
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization, with_advocacy


@require_methods("GET")
def who_next(request: HttpRequest) -> HttpResponse:
    user = request.user
    clock = clock_for(user)
    ranked_ids = list(
        with_advocacy(Organization.objects.owned_by(user)).values_list("pk", flat=True)
    )
    position = {pk: index for index, pk in enumerate(ranked_ids, start=1)}
    focus = list(Organization.objects.owned_by(user).filter(in_focus=True).values("pk", "name"))
    focus_ids = [o["pk"] for o in focus]
    conversations = Conversation.objects.owned_by(user).filter(organization_id__in=focus_ids)
    open_counts = dict(
        conversations.filter(status__in=lifecycle.OPEN)
        .values_list("organization_id")
        .annotate(n=Count("pk"))
    )
    waiting = dict(
        conversations.filter(
            status=Conversation.Status.REQUESTED,
            requested_at__isnull=False,
            replied_at__isnull=True,
        )
        .values_list("organization_id")
        .annotate(since=Min("requested_at"))
    )
    organizations = [
        OrganizationState(
            organization_id=o["pk"],
            name=o["name"],
            rank=position[o["pk"]],
            open_conversations=open_counts.get(o["pk"], 0),
            waiting_since=clock.day_of(waiting[o["pk"]]) if o["pk"] in waiting else None,
        )
        for o in focus
    ]
    talked = Conversation.objects.filter(contact=OuterRef("pk"))
    rows = (
        Contact.objects.owned_by(user)
        .filter(organization_id__in=focus_ids)
        .annotate(has_conversation=Exists(talked))
        .select_related("referred_by")
        .only(
            "pk",
            "first_name",
            "last_name",
            "source",
            "tier",
            "organization_id",
            "do_not_contact",
            "referred_by__first_name",
            "referred_by__last_name",
        )
    )
    candidates = [
        Candidate(
            contact_id=c.pk,
            name=c.name,
            source=c.source,
            tier=c.tier,
            organization_id=c.organization_id,
            referred_by=c.referred_by.name if c.referred_by_id else "",
            do_not_contact=c.do_not_contact,
            has_conversation=c.has_conversation,
        )
        for c in rows
    ]
    suggestions, held = rank(candidates, organizations, clock.today(), clock.holiday_country)
    context = {
        "suggestions": suggestions,
        "held": held,
        "focus_count": len(focus),
        "country": clock.holiday_country,
    }
    return render(request, "conversations/who_next.html", context)
