"""The first steps, ticked from what the account holds, shown on Today until the first
request is sent: who the seeker is and their pitch (every draft is built from them), a career
field with its questions, an organization, people, who to ask, a plan, a draft, the request."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, When
from django.urls import reverse

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import AgendaItem, Conversation
from coffeechat.outreach.models import Message
from coffeechat.people.links import draft_url
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Pitch
from coffeechat.research.models import CareerField, Organization


@dataclass(frozen=True)
class Step:
    title: str
    why: str
    action_label: str
    url: str
    done: bool
    extra_actions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Checklist:
    steps: list[Step]

    @property
    def next_step(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)


def request_sent(user) -> bool:
    """Has the seeker sent a first request (from here, or recorded as sent)?"""
    return (
        Conversation.objects.owned_by(user).filter(requested_at__isnull=False).exists()
        or Message.objects.owned_by(user)
        .filter(kind=Message.Kind.REQUEST, status=Message.Status.SENT)
        .exists()
    )


def checklist(user) -> Checklist | None:
    """The steps to a first request, or None once one was sent."""
    if request_sent(user):
        return None
    profile = SeekerProfile.objects.filter(owner=user).values("display_name", "current_role")
    profile = profile.first() or {}
    owned = {
        "pitch": Pitch.objects.owned_by(user).exclude(who_i_am="", what_i_am_exploring="", text=""),
        "field": CareerField.objects.owned_by(user).filter(open_questions__isnull=False),
        "organization": Organization.objects.owned_by(user),
        "contact": Contact.objects.owned_by(user),
        "conversation": Conversation.objects.owned_by(user),
        "plan": AgendaItem.objects.owned_by(user),
        "draft": Message.objects.owned_by(user).filter(kind=Message.Kind.REQUEST),
    }
    has = {name: queryset.exists() for name, queryset in owned.items()}
    # The conversation the next steps are about: the first one still to ask, else the first.
    first = (
        Conversation.objects.owned_by(user)
        .annotate(
            asked=Case(When(status=Conversation.Status.PLANNED, then=0), default=1),
        )
        .order_by("asked", "created_at", "pk")
        .values("pk", "contact_id")
        .first()
    )
    plan_url = (
        reverse("conversations:conversation_plan", args=[first["pk"]])
        if first
        else reverse("people:who_next")
    )
    request_url = (
        draft_url(first["contact_id"], first["pk"], "request")
        if first
        else reverse("people:who_next")
    )
    draft = (
        Message.objects.owned_by(user)
        .filter(kind=Message.Kind.REQUEST, status=Message.Status.DRAFT)
        .order_by("-updated_at", "-pk")
        .first()
    )
    steps = [
        Step(
            "Say who you are",
            "Your name and a few words about you sign and open every draft.",
            "Fill in your profile",
            reverse("prepare:profile"),
            bool(profile.get("display_name", "").strip() and profile.get("current_role", "")),
        ),
        Step(
            "Write your pitch",
            "Who you are, what you are exploring and what you ask, in 30 seconds.",
            "Write your pitch",
            reverse("prepare:pitch_create"),
            has["pitch"],
        ),
        Step(
            "Name a career field and what you want to learn",
            "The questions you want answered decide whom to ask and what to ask them.",
            "Add a career field",
            reverse("research:careerfield_create"),
            has["field"],
        ),
        Step(
            "List an organization",
            "A few places where people do that work, to rank on your target list.",
            "Add an organization",
            reverse("research:organization_create"),
            has["organization"],
        ),
        Step(
            "Bring in the people you know",
            "Your LinkedIn connections, or anyone you could ask for 20 minutes of advice.",
            "Import LinkedIn connections",
            reverse("people:importbatch_upload"),
            has["contact"],
            (("Add a person", reverse("people:contact_create")),),
        ),
        Step(
            "Pick whom to ask",
            "Warm contacts and near-peers first; plan a conversation with one of them.",
            "Who to ask next",
            reverse("people:who_next"),
            has["conversation"],
        ),
        Step(
            "Plan the questions",
            "A few questions for the minutes they give you, researched facts left out.",
            "Plan the questions",
            plan_url,
            has["plan"],
        ),
        Step(
            "Draft the request",
            "coffeechat writes it from your profile and pitch; the checker reads it with you.",
            "Draft the request",
            request_url,
            has["draft"],
        ),
        Step(
            "Send your first request",
            "Send it from your own email or LinkedIn, then mark it sent here.",
            "Open your draft" if draft else "Draft the request",
            draft.get_absolute_url() if draft else request_url,
            False,
        ),
    ]
    return Checklist(steps)
