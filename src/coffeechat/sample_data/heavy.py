"""The heavy account: a seeker several years into a wide search, for measuring speed.

Rows are built in memory and written with bulk_create (no per-row signals); the caller then
rebuilds the search index and the planner's statistics once.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.followup.models import JobLead, Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Interaction, Source, Tag, Tier
from coffeechat.prepare.models import Question
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)
from coffeechat.sample_data import words

COUNTS = {
    "fields": 10,
    "organizations": 2_000,
    "contacts": 30_000,
    "conversations": 3_000,
    "takeaways": 10_000,
    "agenda_items": 6_000,  # with what they said: notes
    "interactions": 4_000,  # logged notes; with the two above, 20,000 notes and takeaways
    "messages": 10_000,
    "tasks": 5_000,
    "job_leads": 300,
    "news": 400,
    "links": 60,
}
BATCH = 2_000
SOURCES = (
    [Source.LINKEDIN_1ST] * 10
    + [Source.ALUMNI] * 3
    + [Source.LINKEDIN_2ND] * 3
    + [Source.EVENT, Source.ARTICLE, Source.COLD, Source.COLD, Source.FORMER_COWORKER]
    + [Source.FRIEND, Source.FAMILY, Source.FRIEND_OF_CONTACT, Source.PROFESSOR]
)
TIERS = (Tier.NEAR_PEER, Tier.MID, Tier.SENIOR, "")


def build_heavy(user, rng: random.Random, now: datetime) -> None:
    fields, questions = _fields(user)
    organizations = _organizations(user, rng, fields)
    contacts = _contacts(user, rng, organizations)
    conversations = _conversations(user, rng, now, contacts, fields)
    _conversation_parts(user, rng, conversations, questions)
    _messages(user, rng, now, contacts, conversations)
    _tasks(user, rng, now, contacts, conversations, organizations)
    _interactions(user, rng, now, contacts, conversations)
    _leads_and_research(user, rng, now, contacts, conversations, organizations, fields)


def _fields(user) -> tuple[list[CareerField], list[OpenQuestion]]:
    statuses = list(CareerField.Status.values)
    fields = CareerField.objects.bulk_create(
        CareerField(
            owner=user,
            name=name,
            industry=industry,
            status=statuses[index % len(statuses)],
            why_interested=f"{name} came up in three of my courses.",
        )
        for index, (name, industry, _) in enumerate(words.FIELDS[: COUNTS["fields"]])
    )
    questions = OpenQuestion.objects.bulk_create(
        OpenQuestion(owner=user, field=field, text=text, position=position)
        for field, (_, _, texts) in zip(fields, words.FIELDS, strict=False)
        for position, text in enumerate(texts)
    )
    return fields, questions


def _organizations(user, rng: random.Random, fields: list) -> list[Organization]:
    rows = []
    for index in range(COUNTS["organizations"]):
        name = (
            f"{rng.choice(words.ORG_WORDS)} {rng.choice(words.ORG_WORDS)} "
            f"{rng.choice(words.ORG_KINDS)} {index + 1}{rng.choice(words.LEGAL_SUFFIXES)}"
        )
        organization = Organization(
            owner=user,
            name=name,
            industry=rng.choice(words.INDUSTRIES),
            location=rng.choice(words.CITIES),
            motivation=rng.choice((0, 1, 1, 1, 2, 2, 3)),
            posting=rng.choice((1, 1, 2, 3)),
            in_focus=index < 5,
        )
        organization.derive_fields()
        rows.append(organization)
    rows = Organization.objects.bulk_create(rows, batch_size=BATCH)
    through = Organization.fields.through
    links = {
        (organization.pk, rng.choice(fields).pk)
        for organization in rows
        for _ in range(rng.choice((1, 1, 2)))
    }
    through.objects.bulk_create(
        [through(organization_id=o, careerfield_id=f) for o, f in sorted(links)],
        batch_size=BATCH,
    )
    return rows


def _contacts(user, rng: random.Random, organizations: list) -> list[Contact]:
    total = COUNTS["contacts"]
    # The last tenth were referred by someone met earlier, some by a referral themselves.
    first, second = total * 9 // 10, total * 29 // 30
    contacts = _contact_batch(user, rng, organizations, range(first), referrers=None)
    referred = _contact_batch(
        user, rng, organizations, range(first, second), referrers=contacts[:2_000]
    )
    contacts += referred
    contacts += _contact_batch(user, rng, organizations, range(second, total), referred)
    tags = Tag.objects.bulk_create(Tag(owner=user, name=name) for name in words.TAGS)
    through = Contact.tags.through
    links = {(rng.choice(contacts).pk, rng.choice(tags).pk) for _ in range(total // 3)}
    through.objects.bulk_create(
        [through(contact_id=c, tag_id=t) for c, t in sorted(links)], batch_size=BATCH
    )
    return contacts


def _contact_batch(user, rng, organizations, numbers, referrers) -> list[Contact]:
    rows = []
    for number in numbers:
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        handle = f"{first}-{last}-{number}".lower().replace("'", "")
        organization = rng.choice(organizations) if rng.random() < 0.95 else None
        referrer = rng.choice(referrers) if referrers else None
        contact = Contact(
            owner=user,
            first_name=first,
            last_name=last,
            title=rng.choice(words.TITLES),
            organization=organization,
            department=rng.choice(words.DEPARTMENTS),
            email=f"{handle}@example.com" if rng.random() < 0.4 else "",
            linkedin_url=f"https://www.linkedin.com/in/{handle}" if rng.random() < 0.8 else "",
            location=organization.location if organization else rng.choice(words.CITIES),
            source=Source.REFERRAL if referrer else rng.choice(SOURCES),
            source_detail=f"Introduced by {referrer.first_name}" if referrer else "",
            referred_by=referrer,
            tier=rng.choice(TIERS),
            connected_on=date(2016, 1, 1) + timedelta(days=rng.randrange(3_650)),
            notes=rng.choice(words.AGENDA_NOTES) if rng.random() < 0.1 else "",
        )
        contact.derive_fields()
        rows.append(contact)
    return Contact.objects.bulk_create(rows, batch_size=BATCH)


def _conversations(user, rng, now, contacts, fields) -> list[Conversation]:
    S = Conversation.Status
    statuses = (
        [S.KEEPING_IN_TOUCH] * 6
        + [S.THANKED] * 5
        + [S.HELD] * 2
        + [S.DECLINED, S.NO_REPLY, S.NO_REPLY, S.CANCELLED, S.PLANNED]
        + [S.REQUESTED, S.SCHEDULED]
    )
    people = rng.sample(contacts, COUNTS["conversations"])
    rows = []
    for contact in people:
        status = rng.choice(statuses)
        field = rng.choice(fields)
        conversation = Conversation(
            owner=user,
            contact=contact,
            organization_id=contact.organization_id,
            field=field,
            agreed_minutes=rng.choice((15, 20, 20, 30)),
            medium=rng.choice(Conversation.Medium.values),
            time_zone=rng.choice(("America/Chicago", "Europe/Berlin", "UTC")),
            goals=f"Learn how {contact.first_name} got into {field.name.lower()}.",
            notes=rng.choice(words.AGENDA_NOTES) if status in (S.HELD, S.THANKED) else "",
        )
        _dates(conversation, status, rng, now)
        rows.append(conversation)
    return Conversation.objects.bulk_create(rows, batch_size=BATCH)


def _dates(conversation: Conversation, status: str, rng: random.Random, now: datetime) -> None:
    """The story's moments for a conversation that reached `status`; the lifecycle keeps the
    ones a conversation that far has (rows are written in bulk, not moved step by step)."""
    S = Conversation.Status
    moments: dict[str, datetime] = {}
    if status != S.PLANNED:
        if status == S.SCHEDULED:
            moment = now + timedelta(hours=rng.randrange(1, 24 * 20))
        elif status == S.REQUESTED:
            moment = now - timedelta(hours=rng.randrange(1, 24 * 20))
        else:
            moment = now - timedelta(hours=rng.randrange(24, 24 * 900))
        moment = moment.replace(minute=0, second=0, microsecond=0)
        moments["requested_at"] = moment
    if status not in (S.PLANNED, S.REQUESTED, S.NO_REPLY):
        requested = min(moment, now) - timedelta(days=rng.randrange(3, 15))
        moments["requested_at"] = requested
        moments["replied_at"] = requested + timedelta(hours=rng.randrange(2, 96))
        moments["scheduled_at"] = moments["held_at"] = moment
    if status in lifecycle.TOOK_PLACE:
        conversation.usefulness = rng.randrange(2, 6)
    if status in (S.THANKED, S.KEEPING_IN_TOUCH):
        moments["thanked_at"] = moment + timedelta(hours=rng.randrange(2, 40))
    lifecycle.settle(conversation, status, moments)


def _conversation_parts(user, rng, conversations, questions) -> None:
    held = [c for c in conversations if c.held_at is not None]
    answered_by_field: dict[int, list[OpenQuestion]] = {}
    for question in questions:
        answered_by_field.setdefault(question.field_id, []).append(question)
    takeaways = []
    for _ in range(COUNTS["takeaways"]):
        conversation = rng.choice(held)
        category, text = rng.choice(words.TAKEAWAYS)
        answers = None
        if rng.random() < 0.3:
            answers = rng.choice(answered_by_field[conversation.field_id])
        takeaways.append(
            Takeaway(
                owner=user,
                conversation=conversation,
                category=category,
                text=text,
                answers=answers,
                will_act_on=rng.random() < 0.2,
            )
        )
    Takeaway.objects.bulk_create(takeaways, batch_size=BATCH)
    bank = list(Question.objects.owned_by(user).order_by("pk"))
    items = []
    positions: dict[int, int] = {}
    for _ in range(COUNTS["agenda_items"]):
        conversation = rng.choice(conversations)
        question = rng.choice(bank) if bank else None
        position = positions[conversation.pk] = positions.get(conversation.pk, -1) + 1
        items.append(
            AgendaItem(
                owner=user,
                conversation=conversation,
                question=question,
                text=question.text if question else "How did you get started?",
                position=position,
                minutes=rng.choice((2, 3, 4, 5)),
                asked=conversation.held_at is not None,
                notes=rng.choice(words.AGENDA_NOTES) if conversation.held_at else "",
            )
        )
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)


def _messages(user, rng, now, contacts, conversations) -> None:
    rows = []
    requested = [c for c in conversations if c.requested_at is not None]
    for index in range(COUNTS["messages"]):
        conversation = rng.choice(requested) if index % 4 else None
        contact = conversation.contact if conversation else rng.choice(contacts)
        subject = rng.choice(words.MESSAGE_SUBJECTS)
        field = conversation.field.name.lower() if conversation else "your field"
        status = rng.choice((Message.Status.SENT,) * 8 + (Message.Status.DRAFT,))
        rows.append(
            Message(
                owner=user,
                contact=contact,
                conversation=conversation,
                kind=rng.choice(Message.Kind.values),
                channel=rng.choice(Message.Channel.values),
                subject=subject.format(field=field),
                body=rng.choice(words.MESSAGE_BODIES).format(field=field),
                status=status,
                sent_at=None
                if status == Message.Status.DRAFT
                else now - timedelta(hours=rng.randrange(1, 24 * 700)),
            )
        )
    Message.objects.bulk_create(rows, batch_size=BATCH)


def _tasks(user, rng, now, contacts, conversations, organizations) -> None:
    today = now.date()
    rows = []
    for _ in range(COUNTS["tasks"]):
        kind, title = rng.choice(words.TASK_TITLES)
        conversation = rng.choice(conversations) if rng.random() < 0.6 else None
        contact = conversation.contact if conversation else rng.choice(contacts)
        done = rng.random() < 0.8
        rows.append(
            Task(
                owner=user,
                kind=kind,
                title=title.format(
                    name=contact.first_name,
                    field=conversation.field.name.lower() if conversation else "the field",
                    org=rng.choice(organizations).name,
                )[:300],
                due_on=today + timedelta(days=rng.randrange(-400, 30)),
                done=done,
                done_at=now - timedelta(days=rng.randrange(0, 400)) if done else None,
                contact=contact,
                conversation=conversation,
            )
        )
    Task.objects.bulk_create(rows, batch_size=BATCH)


def _interactions(user, rng, now, contacts, conversations) -> None:
    rows = []
    for _ in range(COUNTS["interactions"]):
        conversation = rng.choice(conversations) if rng.random() < 0.5 else None
        rows.append(
            Interaction(
                owner=user,
                contact=conversation.contact if conversation else rng.choice(contacts),
                conversation=conversation,
                kind=rng.choice(Interaction.Kind.values),
                direction=rng.choice(Interaction.Direction.values),
                occurred_at=now - timedelta(hours=rng.randrange(1, 24 * 800)),
                summary=rng.choice(words.INTERACTION_NOTES),
            )
        )
    Interaction.objects.bulk_create(rows, batch_size=BATCH)


def _leads_and_research(user, rng, now, contacts, conversations, organizations, fields) -> None:
    held = [c for c in conversations if c.held_at is not None]
    leads = []
    for _ in range(COUNTS["job_leads"]):
        conversation = rng.choice(held)
        leads.append(
            JobLead(
                owner=user,
                role=rng.choice(words.JOB_ROLES),
                organization_id=conversation.organization_id,
                contact=conversation.contact,
                conversation=conversation,
                status=rng.choice(JobLead.Status.values),
            )
        )
    JobLead.objects.bulk_create(leads, batch_size=BATCH)
    NewsItem.objects.bulk_create(
        [
            NewsItem(
                owner=user,
                organization=rng.choice(organizations),
                title=rng.choice(words.NEWS_TITLES).format(city=rng.choice(words.CITIES)),
                published_on=(now - timedelta(days=rng.randrange(1, 700))).date(),
            )
            for _ in range(COUNTS["news"])
        ],
        batch_size=BATCH,
    )
    ResearchLink.objects.bulk_create(
        [
            ResearchLink(
                owner=user,
                title=f"Reading list {index + 1}",
                url=f"https://reading.example.org/{index + 1}",
                field=fields[index % len(fields)],
            )
            for index in range(COUNTS["links"])
        ]
    )
