"""The "who to ask next" page: the plain ranking rules fed with the user's own rows.

Shown among the people (step 2, people:who_next), it ranks them by their conversations, so it
lives here, above both; the project's urls.py puts it in the people's namespace."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.core.revisions import cached_for
from coffeechat.core.views import require_methods
from coffeechat.lib.who_next import (
    FOCUS,
    GROUP_TITLES,
    PER_ORGANIZATION,
    TIER_ORDER,
    WARMTH,
    Candidate,
    OrganizationState,
    rank,
)
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization, with_advocacy

# People outside the focus organizations are read best first, this many at most: the page
# shows the first of them, and a heavy account has tens of thousands.
ELSEWHERE_READ = 400
ELSEWHERE_ENOUGH = 100  # people kept after the cut per organization: enough for the page
ELSEWHERE_ROUNDS = 4
ELSEWHERE_SHOWN = 25


def suggestions_for(user):
    """(suggestions, held back, focus organizations) for the seeker: every organization's
    state and the people they could still ask, focus organizations in full, the rest best
    first."""
    clock = clock_for(user)
    organizations = list(
        with_advocacy(Organization.objects.owned_by(user)).values("pk", "name", "in_focus")
    )
    conversations = Conversation.objects.owned_by(user).filter(organization_id__isnull=False)
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
    states = [
        OrganizationState(
            organization_id=o["pk"],
            name=o["name"],
            rank=position,
            open_conversations=open_counts.get(o["pk"], 0),
            waiting_since=clock.day_of(waiting[o["pk"]]) if o["pk"] in waiting else None,
            in_focus=o["in_focus"],
        )
        for position, o in enumerate(organizations, start=1)
    ]
    focus_ids = [s.organization_id for s in states if s.in_focus]
    talked = Conversation.objects.owned_by(user).filter(contact=OuterRef("pk"))
    people = (
        Contact.objects.owned_by(user)
        .annotate(has_conversation=Exists(talked))
        .values(*CANDIDATE_FIELDS, "has_conversation")
    )
    at_focus = people.filter(organization_id__in=focus_ids)
    elsewhere = _best_elsewhere(
        people.filter(do_not_contact=False, has_conversation=False)
        .exclude(organization_id__in=focus_ids)
        .annotate(
            warmth=_order_of("source", WARMTH, 4),
            level=_order_of("tier", TIER_ORDER, 2),
        )
        .order_by("warmth", "level", "last_name", "first_name", "pk")
    )
    candidates = [_candidate(row) for row in [*at_focus, *elsewhere]]
    suggestions, held = rank(candidates, states, clock.today(), clock.holiday_country)
    return suggestions, held, len(focus_ids)


def _best_elsewhere(best_first) -> list[dict]:
    """The best people to ask outside the focus organizations, at most PER_ORGANIZATION of
    any one organization (the ranking asks no more of one at a time), read ELSEWHERE_READ at a
    time: a large employer whose people fill one read is left out of the next, so it cannot
    crowd out everyone else. Usually one read; a few at most."""
    kept: list[dict] = []
    per_organization: Counter = Counter()
    full: set[int] = set()
    for _ in range(ELSEWHERE_ROUNDS):
        batch = list(
            best_first.exclude(organization_id__in=full).exclude(
                pk__in=[row["pk"] for row in kept]
            )[:ELSEWHERE_READ]
        )
        for row in batch:
            organization = row["organization_id"]
            if organization is not None:
                if per_organization[organization] >= PER_ORGANIZATION:
                    continue
                per_organization[organization] += 1
                if per_organization[organization] == PER_ORGANIZATION:
                    full.add(organization)
            kept.append(row)
        if len(batch) < ELSEWHERE_READ or len(kept) >= ELSEWHERE_ENOUGH:
            break
    return kept


def _order_of(field: str, order: dict[str, int], default: int) -> Case:
    return Case(
        *(When(Q(**{field: value}), then=Value(rank)) for value, rank in order.items()),
        default=Value(default),
        output_field=IntegerField(),
    )


# Read as plain rows: a heavy account reads hundreds of people for this page.
CANDIDATE_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "source",
    "tier",
    "organization_id",
    "organization__name",
    "do_not_contact",
    "referred_by_id",
    "referred_by__first_name",
    "referred_by__last_name",
)


def _name(first: str | None, last: str | None) -> str:
    return " ".join(part for part in (first, last) if part)


def _candidate(row: dict) -> Candidate:
    return Candidate(
        contact_id=row["pk"],
        name=_name(row["first_name"], row["last_name"]),
        source=row["source"],
        tier=row["tier"],
        organization_id=row["organization_id"],
        referred_by=_name(row["referred_by__first_name"], row["referred_by__last_name"]),
        do_not_contact=row["do_not_contact"],
        has_conversation=row["has_conversation"],
        organization_name=row["organization__name"] or "",
    )


@require_methods("GET")
def who_next(request: HttpRequest) -> HttpResponse:
    user = request.user
    clock = clock_for(user)
    # Ranked again only when something of the account changed (coffeechat.core.revisions).
    suggestions, held, focus_count = cached_for(
        user, "who-next", lambda: suggestions_for(user), clock.today()
    )
    groups, start = [], 1
    for group, members in groupby(suggestions, key=lambda s: s.group):
        members = list(members)
        shown = members if group == FOCUS else members[:ELSEWHERE_SHOWN]
        groups.append(
            {
                "title": GROUP_TITLES[group],
                "suggestions": shown,
                "start": start,
                "more": len(shown) < len(members),
            }
        )
        start += len(shown)
    context = {
        "groups": groups,
        "suggestions": suggestions,
        "held": held,
        "focus_count": focus_count,
        "country": clock.holiday_country,
    }
    return render(request, "conversations/who_next.html", context)
