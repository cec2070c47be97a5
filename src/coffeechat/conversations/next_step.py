"""The one next step for a conversation, and for a person, from where things stand.

planned → draft the request; requested → the follow-up dates (3 and 7 business days) and the
second person there; answered → schedule; scheduled → the prep sheet (the day before: confirm),
and once its time has passed, "How did it go?" until takeaways are written; held → the
thank-you, due within a day or two; thanked → keep in touch; declined or no reply → a kind
close and whom to ask instead. Shown on the conversation's page, the person's page and Today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy

from coffeechat.accounts.clock import SeekerClock, clock_for
from coffeechat.conversations.models import DEFAULT_MINUTES, Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.rhythm import FOLLOW_UP, SECOND_CONTACT
from coffeechat.lib.zones import format_day
from coffeechat.people.links import draft_url
from coffeechat.people.models import Contact, Source

Status = Conversation.Status


def waiting_facts() -> dict[str, Exists]:
    """For a queryset of requests waiting for a reply, what was done since and what is left,
    as the 3B7 steps count them (Today's rows and a conversation's next step read the same):

    - followed_up: the one follow-up was sent;
    - asked_another: someone else at the organization was asked since;
    - someone_there: the organization has a person on the seeker's list who was never asked
      and may be contacted (a second person to write to)."""
    return {
        # Messages are read through their relation's name: outreach sits above conversations.
        "followed_up": Exists(
            Conversation.objects.filter(
                pk=OuterRef("pk"),
                messages__owner=OuterRef("owner"),
                messages__kind="follow_up",
                messages__status="sent",
            )
        ),
        "asked_another": Exists(
            Conversation.objects.filter(
                owner=OuterRef("owner"),
                organization=OuterRef("organization"),
                requested_at__gt=OuterRef("requested_at"),
            ).exclude(pk=OuterRef("pk"))
        ),
        # "Never asked" as NOT EXISTS per person, not a join of everyone to their
        # conversations: PostgreSQL would build that join over all 30,000 people once.
        "someone_there": Exists(
            Contact.objects.filter(
                ~Exists(Conversation.objects.filter(contact=OuterRef("pk"))),
                owner=OuterRef("owner"),
                organization=OuterRef("organization"),
                do_not_contact=False,
            )
        ),
    }


def second_person_action(
    organization_id: int | None, organization_name: str, someone_there: bool
) -> tuple[str, str]:
    """Where "write to a second person" leads: who to ask next, or, when nobody there is on
    the seeker's list yet, a new person at that organization."""
    # Built lazily: Today's command prints the label and never needs the address.
    if organization_id is None or someone_there:
        return "Who to ask next", reverse_lazy("people:who_next")
    create = reverse_lazy("people:contact_create")
    return (
        f"Add someone at {organization_name}",
        format_lazy("{}?organization={}", create, organization_id),
    )


@dataclass(frozen=True)
class NextStep:
    title: str  # where things stand, as a heading
    text: str  # what to do and why, one or two sentences
    label: str  # the primary button
    url: str
    others: tuple[tuple[str, str], ...] = ()  # (label, url): the secondary actions

    @property
    def urls(self) -> frozenset[str]:
        """Every address it links to, so a page's other tools can leave them out."""
        return frozenset([self.url, *(url for _, url in self.others)])


def _draft(conversation: Conversation, kind: str, noun: str) -> tuple[str, str]:
    """("Open the <noun> draft", its page) when one is waiting, else ("Draft the <noun>", a
    new draft of that kind). Messages are read by their relation's name: outreach sits above
    conversations."""
    waiting = (
        conversation.messages.filter(kind=kind, status="draft").order_by("-updated_at").first()
    )
    if waiting is not None:
        return f"Open the {noun} draft", waiting.get_absolute_url()
    return f"Draft the {noun}", draft_url(conversation.contact_id, conversation.pk, kind)


def for_conversation(conversation: Conversation, clock: SeekerClock | None = None) -> NextStep:
    clock = clock or clock_for(conversation.owner)
    status = conversation.status
    who = conversation.contact.first_name or str(conversation.contact)
    pk, contact_id = conversation.pk, conversation.contact_id
    plan = reverse("conversations:conversation_plan", args=[pk])
    edit = reverse("conversations:conversation_edit", args=[pk])
    who_next = reverse("people:who_next")
    if conversation.contact.do_not_contact:
        return NextStep(
            "Not to be contacted",
            f"You marked {who} as someone not to contact: nothing more to send them.",
            "Who to ask next",
            who_next,
        )
    if status == Status.PLANNED:
        return NextStep(
            "Planned",
            f"Write to {who}: a short request for {conversation.agreed_minutes} minutes of "
            "advice, never for a job.",
            *_draft(conversation, "request", "request"),
            (("Plan the questions", plan),),
        )
    if status == Status.REQUESTED and conversation.replied_at is None:
        return _waiting(conversation, clock, who)
    if status == Status.REQUESTED:
        return NextStep(
            "They answered",
            f"Agree on a time with {who} and note it here; a calendar file follows.",
            "Schedule it",
            edit,
            (("Plan the questions", plan),),
        )
    if status == Status.SCHEDULED:
        return _scheduled(conversation, clock, who)
    if status == Status.HELD:
        return _held(conversation, clock, who)
    if status == Status.THANKED:
        return NextStep(
            "Thanked",
            f"Keep in touch: in a few weeks, tell {who} what you did with their advice.",
            "Draft an update",
            draft_url(contact_id, pk, "update"),
        )
    if status == Status.KEEPING_IN_TOUCH:
        return NextStep(
            "Keeping in touch",
            f"Every month or two, a short note to {who}: what came of their advice, news "
            "they would like.",
            "Draft an update",
            draft_url(contact_id, pk, "update"),
        )
    if status == Status.DECLINED:
        return NextStep(
            "They declined",
            f"Thank {who} for answering, with no hard feelings, and ask someone else.",
            "Reply kindly",
            draft_url(contact_id, pk, "decline_reply"),
            (("Who to ask next", who_next),),
        )
    if status == Status.NO_REPLY:
        return NextStep(
            "No reply",
            f"Leave it there: one follow-up is enough, and {who} may answer later. "
            "Ask someone else.",
            "Who to ask next",
            who_next,
        )
    return NextStep(  # cancelled
        "Cancelled",
        f"If {who} would still like to talk, offer a new time; otherwise ask someone else.",
        "Offer a new time",
        draft_url(contact_id, pk, "reschedule"),
        (("Who to ask next", who_next),),
    )


def _waiting(conversation: Conversation, clock: SeekerClock, who: str) -> NextStep:
    rhythm = clock.rhythm(conversation.requested_at)
    due = rhythm.due(clock.today())
    where = f" at {conversation.organization}" if conversation.organization_id else ""
    text = (
        f"Asked {format_day(rhythm.sent_on)}. From {format_day(rhythm.second_contact_on)} "
        f"(3 business days) you may write to a second person{where}; from "
        f"{format_day(rhythm.follow_up_on)} (7 business days), one polite follow-up to {who}."
    )
    facts = (
        Conversation.objects.filter(pk=conversation.pk)
        .annotate(**waiting_facts())
        .values("followed_up", "asked_another", "someone_there")
        .get()
    )
    followed_up = facts["followed_up"]
    asked_another = facts["asked_another"]  # that step is done (as Today counts it)
    who_next = second_person_action(
        conversation.organization_id, str(conversation.organization or ""), facts["someone_there"]
    )
    answered = (
        "Record their answer",
        reverse("conversations:conversation_edit", args=[conversation.pk]),
    )
    if followed_up:
        text += f" You followed up once; leave it there, {who} may still answer."
    if FOLLOW_UP in due and not followed_up:
        follow_up = draft_url(conversation.contact_id, conversation.pk, "follow_up")
        return NextStep(
            "Waiting for a reply", text, "Draft the follow-up", follow_up, (who_next, answered)
        )
    if SECOND_CONTACT in due and not asked_another:
        return NextStep("Waiting for a reply", text, *who_next, (answered,))
    return NextStep("Waiting for a reply", text, *answered, (who_next,))


def _scheduled(conversation: Conversation, clock: SeekerClock, who: str) -> NextStep:
    pk, contact_id = conversation.pk, conversation.contact_id
    wrap_up = reverse("conversations:conversation_wrap_up", args=[pk])
    if conversation.scheduled_at is None:
        return NextStep(
            "Scheduled",
            f"Note the time agreed with {who}, so coffeechat can remind you and prepare.",
            "Add the time",
            reverse("conversations:conversation_edit", args=[pk]),
        )
    ends = conversation.scheduled_at + timedelta(minutes=conversation.agreed_minutes)
    if ends <= timezone.now():
        return NextStep(
            "The meeting time has passed",
            f"How did it go? Write down what {who} told you while it is fresh; the thank-you "
            "is built from it.",
            "How did it go?",
            wrap_up,
            (("They did not come", draft_url(contact_id, pk, "no_show")),),
        )
    prep = reverse("conversations:conversation_prep", args=[pk])
    planned = conversation.agenda_items.exists()
    others: list[tuple[str, str]] = []
    if clock.day_of(conversation.scheduled_at) == clock.today() + timedelta(days=1):
        others.append(("Confirm the time", draft_url(contact_id, pk, "confirm")))
    if planned:
        others.append(("Live mode", reverse("conversations:conversation_live", args=[pk])))
    others.append(("I need to move it", draft_url(contact_id, pk, "reschedule")))
    return NextStep(
        "Scheduled",
        f"Prepare: your questions for {conversation.agreed_minutes} minutes, what you know of "
        f"{who}'s work, your pitch at hand.",
        "Prep sheet" if planned else "Plan the questions",
        prep if planned else reverse("conversations:conversation_plan", args=[pk]),
        tuple(others),
    )


def _held(conversation: Conversation, clock: SeekerClock, who: str) -> NextStep:
    pk = conversation.pk
    thank_you = _draft(conversation, "thank_you", "thank-you")
    task = (
        Task.objects.filter(conversation=conversation, kind=Task.Kind.THANK_YOU, done=False)
        .values_list("due_on", flat=True)
        .first()
    )
    due = f" Due {format_day(task)}." if task else ""
    if not conversation.takeaways.exists():
        return NextStep(
            "Held",
            f"How did it go? Write down what {who} told you, then thank them within a day or "
            f"two.{due}",
            "How did it go?",
            reverse("conversations:conversation_wrap_up", args=[pk]),
            (thank_you,),
        )
    return NextStep(
        "Held",
        f"Thank {who} within a day or two, naming the advice you will act on.{due}",
        *thank_you,
    )


def for_contact(contact: Contact, user) -> NextStep | None:
    """The person's next step: their latest conversation's, or, never asked, a first request
    (or an introduction by whoever links you); nothing for someone not to contact."""
    if contact.do_not_contact:
        return None
    conversation = (
        Conversation.objects.owned_by(user)
        .filter(contact=contact)
        .select_related("contact", "organization")
        .order_by("-created_at", "-pk")
        .first()
    )
    if conversation is not None:
        step = for_conversation(conversation)
        return NextStep(
            f"Conversation: {step.title.lower()}",
            step.text,
            step.label,
            step.url,
            (*step.others, ("Open the conversation", conversation.get_absolute_url())),
        )
    who = contact.first_name or str(contact)
    others: list[tuple[str, str]] = []
    linker = contact.referred_by
    if linker is not None and contact.source != Source.REFERRAL and not linker.do_not_contact:
        others.append(
            (
                f"Ask {linker.first_name or linker} to introduce you",
                draft_url(linker.pk, None, "introduction", about=contact.pk),
            )
        )
    create = reverse("conversations:conversation_create")
    others.append(("Plan a conversation", f"{create}?contact={contact.pk}"))
    if contact.source == Source.REFERRAL and linker is not None:
        text = f"{linker} suggested you write to {who}: say so first, in a short request."
    else:
        text = f"Ask {who} for {DEFAULT_MINUTES} minutes of advice, never for a job."
    return NextStep(
        "Not asked yet",
        text,
        "Draft a request",
        draft_url(contact.pk, None, "request"),
        tuple(others),
    )
