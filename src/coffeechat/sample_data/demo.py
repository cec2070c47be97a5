"""The demo account: a few dozen rows that tell one seeker's story through the six steps.

Mira, a third-year economics student, is exploring data analytics, UX research and policy
work. Her fields carry open questions, her organizations form a LAMP list, her people come
from class, work, family and referral chains, and her conversations stand at every stage,
with takeaways that answer her questions, messages, tasks and two job leads.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.followup.models import JobLead, Task
from coffeechat.lib.addresses import EMAIL, FAX, HOME, LINK, PHONE, WORK, Address
from coffeechat.outreach.models import Message
from coffeechat.people.addresses import add_addresses
from coffeechat.people.models import Contact, Interaction, Source, Tag, Tier
from coffeechat.prepare.models import Pitch, Question
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)

FIELDS = {
    "data": (
        "Data analytics",
        CareerField.Status.PROMISING,
        "Technology",
        "I liked the econometrics labs more than anything else in my program.",
        (
            "How much SQL versus statistics does a first analyst job use?",
            "Do analysts at small firms get real mentoring?",
            "Is a master's degree expected for promotion?",
        ),
        (4, 4, 3, 4),
    ),
    "ux": (
        "UX research",
        CareerField.Status.EXPLORING,
        "Technology",
        "Interviewing people for my survey project was the best part of it.",
        (
            "How do researchers show their impact to product teams?",
            "Can someone from economics move in without a design portfolio?",
        ),
        (4, 2, None, None),
    ),
    "policy": (
        "Public policy analysis",
        CareerField.Status.EXPLORING,
        "Public sector",
        "My internship at the city budget office made public finance concrete.",
        (
            "How political is the work day to day?",
            "Do think tanks hire bachelor's graduates as research assistants?",
        ),
        (None, None, None, None),
    ),
    "banking": (
        "Investment banking",
        CareerField.Status.RULED_OUT,
        "Finance",
        "Classmates recommended it; two conversations showed me the hours do not fit.",
        ("What are the first two years really like?",),
        (2, 3, 1, 3),
    ),
}

# key: name, industry, location, motivation (0–3), posting (1–3), in focus, fields, website
ORGANIZATIONS = {
    "harbor": ("Harbor Health Analytics", "Health care", "Chicago, IL", 3, 3, True, ("data",)),
    "lumen": ("Lumen Civic Lab", "Public sector", "Chicago, IL", 3, 2, True, ("policy", "data")),
    "juniper": ("Juniper Labs Inc.", "Technology", "Remote", 2, 3, True, ("ux", "data")),
    "cedar": ("Cedar & Finch Consulting", "Consulting", "Boston, MA", 2, 1, False, ("data",)),
    "kite": ("Kite Mobility GmbH", "Transport", "Berlin", 2, 2, False, ("data", "ux")),
    "fern": ("Fern Street Foundation", "Non-profit", "Chicago, IL", 1, 2, False, ("policy",)),
    "werke": ("Städtische Werke Köln", "Energy", "Köln", 1, 1, False, ("policy",)),
    "northwind": ("Northwind Bank", "Finance", "New York, NY", 0, 2, False, ("banking",)),
}

# key: first, last, title, organization, source, tier, referred by, how they met, tags
CONTACTS = {
    "okafor": ("Ngozi", "Okafor", "Associate Professor of Economics", None, Source.PROFESSOR,
               Tier.SENIOR, None, "Taught my econometrics seminar", ("mentor",)),
    "brandt": ("Jonas", "Brandt", "Senior Data Analyst", "harbor", Source.REFERRAL, Tier.MID,
               "okafor", "Professor Okafor's former student", ("warm intro", "data")),
    "tanaka": ("Aiko", "Tanaka", "Analytics Manager", "harbor", Source.REFERRAL, Tier.SENIOR,
               "brandt", "Jonas's manager", ("data", "hiring team")),
    "nunez": ("Sofía", "Núñez", "Data Analyst", "harbor", Source.REFERRAL, Tier.NEAR_PEER,
              "tanaka", "Joined Aiko's team last year", ("near-peer", "data")),
    "nguyen": ("Thảo", "Nguyễn", "Policy Advisor", "lumen", Source.ALUMNI, Tier.MID, None,
               "Economics class of 2019", ("economics alum", "policy")),
    "mensah": ("Kwame", "Mensah", "Research Assistant", "lumen", Source.REFERRAL,
               Tier.NEAR_PEER, "nguyen", "Thảo's colleague", ("near-peer", "policy")),
    "angstrom": ("Zoë", "Ångström", "UX Researcher", "juniper", Source.EVENT, Tier.MID, None,
                 "Spoke at the campus design night", ("ux", "speaker")),
    "wisniewski": ("Łukasz", "Wiśniewski", "Product Manager", "juniper",
                   Source.FORMER_COWORKER, Tier.MID, None, "My manager at the summer café job",
                   ("warm intro",)),
    "alvarez": ("José", "Álvarez", "Consultant", "cedar", Source.FRIEND_OF_CONTACT,
                Tier.NEAR_PEER, None, "My roommate's older brother", ()),
    "dubois": ("Chloé", "Dubois", "Director of Operations", "fern", Source.LINKEDIN_1ST,
               Tier.SENIOR, None, "Connected after the nonprofit fair", ("nonprofit",)),
    "kjaer": ("Søren", "Kjær", "Mobility Data Scientist", "kite", Source.ARTICLE, Tier.MID,
              None, "Wrote the piece on e-scooter demand", ("data", "international")),
    "patel": ("Priya", "Patel", "Associate", "northwind", Source.FAMILY, Tier.NEAR_PEER, None,
              "My cousin", ("finance",)),
    "weber": ("Lea", "Weber", "Energy Economist", "werke", Source.LINKEDIN_2ND, Tier.MID, None,
              "Through Søren", ("international", "policy")),
    "quinn": ("Sam", "Quinn", "Program Officer", "fern", Source.COLD, Tier.MID, None, "", ()),
    "obrien": ("Grace", "O'Brien", "Data Analyst", "cedar", Source.ALUMNI, Tier.NEAR_PEER,
               None, "Economics class of 2023", ("economics alum", "near-peer")),
    "ito": ("Kenji", "Ito", "Software Engineer", "kite", Source.FRIEND, Tier.NEAR_PEER, None,
            "From the climbing club", ()),
}  # fmt: skip

# contact, field, status, days from today (negative: past), agreed minutes, medium
STORY_ZONE = ZoneInfo("America/Chicago")  # where the story's people meet
WORKING_HOURS = (9, 10, 11, 13, 14, 15, 16)

CONVERSATIONS = (
    ("brandt", "data", Conversation.Status.KEEPING_IN_TOUCH, -60, 20, "coffee"),
    ("tanaka", "data", Conversation.Status.THANKED, -9, 30, "video"),
    ("nunez", "data", Conversation.Status.SCHEDULED, 2, 20, "video"),
    ("nguyen", "policy", Conversation.Status.HELD, -1, 20, "phone"),
    ("mensah", "policy", Conversation.Status.REQUESTED, -5, 15, "video"),
    ("angstrom", "ux", Conversation.Status.REQUESTED, -12, 20, "video"),
    ("wisniewski", "ux", Conversation.Status.SCHEDULED, 6, 20, "coffee"),
    ("patel", "banking", Conversation.Status.THANKED, -30, 30, "phone"),
    ("alvarez", "data", Conversation.Status.DECLINED, -20, 20, "video"),
    ("quinn", "policy", Conversation.Status.NO_REPLY, -40, 20, "video"),
    ("kjaer", "data", Conversation.Status.PLANNED, None, 20, "video"),
    ("obrien", "data", Conversation.Status.CANCELLED, -15, 20, "coffee"),
)

# contact, category, text, answers (field, question index), will act on
TAKEAWAYS = (
    ("brandt", "skills", "SQL every day; statistics mostly to explain why a number moved.",
     ("data", 0), True),
    ("brandt", "path", "Joined as an intern; a master's helped later but was not needed.",
     ("data", 2), False),
    ("tanaka", "culture", "Each new analyst gets a buddy and a weekly review of their queries.",
     ("data", 1), False),
    ("tanaka", "advice", "Bring one small project on real health data to the interview.",
     None, True),
    ("nguyen", "typical_day", "Less politics than expected: most days are spreadsheets and "
     "memos for council staff.", ("policy", 0), False),
    ("nguyen", "resources", "Read the city's budget-in-brief and the lab's open data notes.",
     None, True),
    ("patel", "fit", "Eighty-hour weeks in the first two years; not the life I want.",
     ("banking", 0), False),
)  # fmt: skip


def build_demo(user, rng: random.Random, now: datetime) -> None:
    """Create the demo story for user, who has no data yet. Dates are relative to now."""
    _profile(user)
    fields, questions = _fields(user)
    organizations = _organizations(user, rng, fields)
    contacts = _contacts(user, rng, organizations)
    conversations = _conversations(user, rng, now, contacts, fields)
    _takeaways(user, conversations, questions)
    _agenda(user, rng, conversations)
    _messages(user, now, conversations)
    _tasks(user, now, contacts, conversations, organizations)
    _follow_ups(user, now, contacts, conversations, organizations)
    _research(user, now, fields, organizations)


def _profile(user) -> None:
    profile = get_profile(user)
    defaults = {
        "display_name": "Mira Kowalski",
        "school": "Lakeshore University",
        "program": "BA Economics, class of 2027",
        "current_role": "a third-year economics student",
        "employers": "Bean There Café (summer barista)\nCity Budget Office (intern)",
        "location": "Chicago, IL",
    }
    changed = [name for name, value in defaults.items() if not getattr(profile, name)]
    for name in changed:
        setattr(profile, name, defaults[name])
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
    Pitch.objects.create(
        owner=user,
        who_i_am="I'm a third-year economics student at Lakeshore University.",
        what_i_have_done="Last summer I analysed ward-level spending for the city budget office.",
        what_i_am_exploring="I'm exploring data analytics in health care and public policy.",
        what_i_am_asking="I'd value twenty minutes of your advice on how you got started.",
    )


def _fields(user) -> tuple[dict, dict]:
    fields, questions = {}, {}
    for key, (name, status, industry, why, texts, scores) in FIELDS.items():
        interest, skills, lifestyle, prospects = scores
        field = CareerField.objects.create(
            owner=user,
            name=name,
            status=status,
            industry=industry,
            why_interested=why,
            fit_interest=interest,
            fit_skills=skills,
            fit_lifestyle=lifestyle,
            fit_prospects=prospects,
        )
        fields[key] = field
        for position, text in enumerate(texts):
            questions[(key, position)] = OpenQuestion.objects.create(
                owner=user, field=field, text=text, position=position
            )
    return fields, questions


def _organizations(user, rng: random.Random, fields: dict) -> dict:
    organizations = {}
    for key, (name, industry, location, motivation, posting, focus, keys) in ORGANIZATIONS.items():
        slug = key + "-" + str(rng.randrange(100, 999))
        organization = Organization.objects.create(
            owner=user,
            name=name,
            industry=industry,
            location=location,
            motivation=motivation,
            posting=posting,
            in_focus=focus,
            website=f"https://{slug}.example.org/",
        )
        organization.fields.set([fields[k] for k in keys])
        organizations[key] = organization
    return organizations


def _contacts(user, rng: random.Random, organizations: dict) -> dict:
    tags: dict[str, Tag] = {}
    contacts: dict[str, Contact] = {}
    for key, row in CONTACTS.items():
        first, last, title, org, source, tier, referrer, detail, tag_names = row
        handle = f"{key}-{rng.randrange(1000, 9999)}"
        contact = Contact.objects.create(
            owner=user,
            first_name=first,
            last_name=last,
            title=title,
            organization=organizations.get(org),
            source=source,
            source_detail=detail,
            referred_by=contacts.get(referrer),
            tier=tier,
            email=f"{handle}@example.com" if rng.random() < 0.7 else "",
            linkedin_url=f"https://www.linkedin.com/in/{handle}",
            location=organizations[org].location if org else "Chicago, IL",
            connected_on=None if source == Source.COLD else _days_ago(rng, 30, 900),
            do_not_contact=key == "quinn",
            keep_in_touch_days=45 if key == "brandt" else None,
        )
        for name in tag_names:
            if name not in tags:
                tags[name] = Tag.objects.create(owner=user, name=name)
        contact.tags.set([tags[name] for name in tag_names])
        contacts[key] = contact
    _more_addresses(user, contacts["brandt"])
    return contacts


def _more_addresses(user, contact: Contact) -> None:
    """One person with several addresses, as an address book export brings them."""
    contact.email_label = "work" if contact.email else ""
    contact.phone, contact.phone_label = "+1 312 555 0142", "mobile"
    contact.save(update_fields=["email_label", "phone", "phone_label", "updated_at"])
    handle = contact.first_name.lower()
    add_addresses(
        user,
        {
            contact.pk: [
                Address(EMAIL, f"{handle}.home@example.net", HOME),
                Address(PHONE, "+1 312 555 0100", WORK),
                Address(PHONE, "+1 312 555 0199", FAX),
                Address(LINK, f"https://{handle}.example.net/writing", HOME),
            ]
        },
    )


def _days_ago(rng: random.Random, low: int, high: int) -> date:
    return date(2026, 1, 1) - timedelta(days=rng.randrange(low, high))


def _conversations(user, rng, now, contacts: dict, fields: dict) -> dict:
    conversations = {}
    for contact_key, field_key, status, days, minutes, medium in CONVERSATIONS:
        # On that day, at a working hour where the conversation happens.
        moment = None
        if days is not None:
            day = (now + timedelta(days=days)).astimezone(STORY_ZONE).date()
            moment = datetime.combine(day, time(rng.choice(WORKING_HOURS)), tzinfo=STORY_ZONE)
        contact, field = contacts[contact_key], fields[field_key]
        conversation = lifecycle.start(
            user,
            contact,
            field=field,
            agreed_minutes=minutes,
            medium=medium,
            time_zone=STORY_ZONE.key,
            goals=f"Learn how {contact.first_name} got into {field.name.lower()} and what the "
            "first year is like.",
        )
        _live_through(conversation, status, moment, now)
        conversations[contact_key] = conversation
    return conversations


def _live_through(conversation: Conversation, status: str, moment, now) -> None:
    """The steps the story's conversation took to reach `status`, each one through the
    lifecycle, as the pages would have taken them (so a held one has its thank-you task)."""
    S = Conversation.Status
    if status == S.PLANNED or moment is None:
        return
    if status in (S.REQUESTED, S.NO_REPLY):
        lifecycle.request_sent(conversation, moment)
        if status == S.NO_REPLY:
            lifecycle.move(conversation, S.NO_REPLY, moment + timedelta(days=14))
        return
    requested = min(moment, now) - timedelta(days=6)
    replied = requested + timedelta(days=1)
    lifecycle.request_sent(conversation, requested)
    if status == S.DECLINED:
        lifecycle.move(conversation, S.DECLINED, replied)
        return
    if status == S.CANCELLED:
        lifecycle.reply_received(conversation, replied)
        lifecycle.move(conversation, S.CANCELLED, moment)
        return
    conversation.scheduled_at = moment
    lifecycle.move(conversation, S.SCHEDULED, replied)
    if status == S.SCHEDULED:
        return
    conversation.usefulness = 5 if status == S.KEEPING_IN_TOUCH else 4
    lifecycle.held(conversation, moment)
    if status == S.HELD:
        return
    lifecycle.thank_you_sent(conversation, moment + timedelta(hours=20))
    if status == S.KEEPING_IN_TOUCH:
        lifecycle.update_sent(conversation, moment + timedelta(days=8))


def _takeaways(user, conversations: dict, questions: dict) -> None:
    for contact_key, category, text, answers, act in TAKEAWAYS:
        Takeaway.objects.create(
            owner=user,
            conversation=conversations[contact_key],
            category=category,
            text=text,
            answers=questions.get(answers) if answers else None,
            will_act_on=act,
        )


def _agenda(user, rng: random.Random, conversations: dict) -> None:
    bank = list(Question.objects.owned_by(user).filter(hidden=False).order_by("builtin_key", "pk"))
    for key in ("brandt", "tanaka", "nunez", "nguyen", "wisniewski"):
        conversation = conversations[key]
        held = conversation.held_at is not None
        for position, question in enumerate(rng.sample(bank, 4) if bank else []):
            AgendaItem.objects.create(
                owner=user,
                conversation=conversation,
                question=question,
                text=question.text,
                position=position,
                minutes=rng.choice((2, 3, 4)),
                asked=held,
                notes="Said the first month is mostly learning who owns which data."
                if held and position == 0
                else "",
            )


def _messages(user, now, conversations: dict) -> None:
    for conversation in conversations.values():
        if conversation.requested_at is None:
            continue
        contact = conversation.contact
        Message.objects.create(
            owner=user,
            contact=contact,
            conversation=conversation,
            kind=Message.Kind.REQUEST,
            channel=Message.Channel.EMAIL if contact.email else Message.Channel.LINKEDIN_MESSAGE,
            subject="Twenty minutes of advice?",
            body=f"Dear {contact.first_name},\n\nI'm a third-year economics student exploring "
            f"{conversation.field.name.lower()}. Would you have twenty minutes in the coming "
            "weeks to tell me how you got started? I'm not asking about jobs, only for your "
            "advice.\n\nBest wishes,\nMira",
            status=Message.Status.SENT,
            sent_at=conversation.requested_at,
        )
        if conversation.replied_at:
            Message.objects.create(
                owner=user,
                contact=contact,
                conversation=conversation,
                kind=Message.Kind.REPLY,
                subject="Re: Twenty minutes of advice?",
                body="Happy to help. Thursday afternoon works for me.",
                status=Message.Status.RECEIVED,
                sent_at=conversation.replied_at,
            )
        if conversation.thanked_at:
            Message.objects.create(
                owner=user,
                contact=contact,
                conversation=conversation,
                kind=Message.Kind.THANK_YOU,
                subject="Thank you for your time",
                body=f"Thank you for our conversation, {contact.first_name}. I have already "
                "started on the advice you gave me.",
                status=Message.Status.SENT,
                sent_at=conversation.thanked_at,
            )
    nguyen = conversations["nguyen"]
    Message.objects.create(
        owner=user,
        contact=nguyen.contact,
        conversation=nguyen,
        kind=Message.Kind.THANK_YOU,
        channel=Message.Channel.EMAIL,
        subject="Thank you for yesterday",
        body="Dear Thảo, thank you for explaining how the lab works with council staff. "
        "I am reading the budget-in-brief this week.",
        status=Message.Status.DRAFT,
    )


def _tasks(user, now, contacts: dict, conversations: dict, organizations: dict) -> None:
    today = now.date()
    # Thank-yous are opened by the conversations held (the lifecycle), not listed here.
    tanaka = conversations["tanaka"]
    rows = (
        ("Send Aiko my survey project", Task.Kind.PROMISE, today + timedelta(days=2),
         tanaka.contact, tanaka, False),
        ("Send my résumé to Aiko", Task.Kind.SEND_RESUME, today + timedelta(days=5),
         tanaka.contact, tanaka, False),
        ("Read Harbor's annual report before meeting Sofía", Task.Kind.PREPARE,
         today + timedelta(days=1), contacts["nunez"], conversations["nunez"], False),
        ("Take the free SQL course Jonas recommended", Task.Kind.PROMISE,
         today - timedelta(days=10), contacts["brandt"], conversations["brandt"], True),
        ("Update the notes on Lumen Civic Lab", Task.Kind.OTHER, None, None, None, False),
    )  # fmt: skip
    for title, kind, due, contact, conversation, done in rows:
        Task.objects.create(
            owner=user,
            title=title,
            kind=kind,
            due_on=due,
            contact=contact,
            conversation=conversation,
            done=done,
        )


def _follow_ups(user, now, contacts: dict, conversations: dict, organizations: dict) -> None:
    JobLead.objects.create(
        owner=user,
        role="Analytics Intern (summer)",
        organization=organizations["harbor"],
        contact=contacts["tanaka"],
        conversation=conversations["tanaka"],
        url="https://harbor.example.org/careers/analytics-intern",
        notes="Aiko mentioned it will be posted in January; apply through the site.",
    )
    JobLead.objects.create(
        owner=user,
        role="Research Assistant",
        organization=organizations["lumen"],
        contact=contacts["nguyen"],
        status=JobLead.Status.APPLIED,
    )
    Interaction.objects.create(
        owner=user,
        contact=contacts["brandt"],
        conversation=conversations["brandt"],
        kind=Interaction.Kind.EMAIL,
        direction=Interaction.Direction.OUTGOING,
        occurred_at=now - timedelta(days=52),
        summary="Sent a short update: I started the SQL course he recommended.",
    )
    Interaction.objects.create(
        owner=user,
        contact=contacts["kjaer"],
        kind=Interaction.Kind.NOTE,
        direction=Interaction.Direction.MUTUAL,
        occurred_at=now - timedelta(days=20),
        summary="Read his article on e-scooter demand; ask about his data sources.",
    )


def _research(user, now, fields: dict, organizations: dict) -> None:
    NewsItem.objects.create(
        owner=user,
        organization=organizations["harbor"],
        title="Opens a second office in Milwaukee",
        published_on=(now - timedelta(days=14)).date(),
        summary="Hiring analysts for the new regional team.",
    )
    NewsItem.objects.create(
        owner=user,
        organization=organizations["lumen"],
        title="Publishes its open data handbook",
        published_on=(now - timedelta(days=40)).date(),
    )
    ResearchLink.objects.create(
        owner=user,
        title="Salary survey for analysts",
        url="https://survey.example.org/analysts",
        field=fields["data"],
    )
    ResearchLink.objects.create(
        owner=user,
        title="Lumen's careers page",
        url="https://lumen.example.org/careers",
        organization=organizations["lumen"],
    )
