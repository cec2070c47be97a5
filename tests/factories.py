"""Builders for every owned model, with defaults that make a valid row for a given owner."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.followup.models import JobLead, Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import (
    Contact,
    ContactAddress,
    ImportBatch,
    Interaction,
    Source,
    Tag,
    Tier,
)
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Pitch, Question, QuestionCategory
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)

_seq = itertools.count(1)


def make_user(username: str, password: str = "correct horse battery staple", **extra):
    return get_user_model().objects.create_user(username=username, password=password, **extra)


def make_field(owner, **kw) -> CareerField:
    n = next(_seq)
    return CareerField.objects.create(owner=owner, **{"name": f"Field {n}", **kw})


def make_open_question(owner, **kw) -> OpenQuestion:
    field = kw.pop("field", None) or make_field(owner)
    return OpenQuestion.objects.create(
        owner=owner, field=field, **{"text": "What does a first year look like?", **kw}
    )


def make_organization(owner, **kw) -> Organization:
    n = next(_seq)
    return Organization.objects.create(owner=owner, **{"name": f"Org {n} Labs", **kw})


def make_news(owner, **kw) -> NewsItem:
    organization = kw.pop("organization", None) or make_organization(owner)
    return NewsItem.objects.create(
        owner=owner, organization=organization, **{"title": "Opens a new office", **kw}
    )


def make_link(owner, **kw) -> ResearchLink:
    field = kw.pop("field", None) or make_field(owner)
    return ResearchLink.objects.create(
        owner=owner, field=field, **{"title": "Salary survey", "url": "https://example.com/s", **kw}
    )


def make_tag(owner, **kw) -> Tag:
    return Tag.objects.create(owner=owner, **{"name": f"tag{next(_seq)}", **kw})


def make_contact(owner, **kw) -> Contact:
    n = next(_seq)
    if "organization" not in kw:
        kw["organization"] = make_organization(owner)
    defaults = {
        "first_name": "Ada",
        "last_name": f"Lovelace{n}",
        "email": f"ada{n}@example.com",
        "source": Source.ALUMNI,
        "tier": Tier.NEAR_PEER,
    }
    return Contact.objects.create(owner=owner, **{**defaults, **kw})


def make_contact_address(owner, **kw) -> ContactAddress:
    contact = kw.pop("contact", None) or make_contact(owner)
    n = next(_seq)
    defaults = {"kind": "email", "label": "home", "value": f"other{n}@example.org"}
    return ContactAddress.objects.create(owner=owner, contact=contact, **{**defaults, **kw})


def make_interaction(owner, **kw) -> Interaction:
    contact = kw.pop("contact", None) or make_contact(owner)
    return Interaction.objects.create(
        owner=owner, contact=contact, **{"summary": "Met at the alumni evening", **kw}
    )


def make_pitch(owner, **kw) -> Pitch:
    return Pitch.objects.create(owner=owner, **{"who_i_am": "I study economics.", **kw})


def make_question(owner, **kw) -> Question:
    defaults = {
        "text": "What does a typical week look like?",
        "category": QuestionCategory.TYPICAL_DAY,
    }
    return Question.objects.create(owner=owner, **{**defaults, **kw})


def make_conversation(owner, **kw) -> Conversation:
    contact = kw.pop("contact", None) or make_contact(owner)
    defaults = {
        "status": Conversation.Status.SCHEDULED,
        "scheduled_at": timezone.now() + timedelta(days=2),
        "time_zone": "Europe/Berlin",
    }
    return Conversation.objects.create(owner=owner, contact=contact, **{**defaults, **kw})


def make_held_conversation(owner, held_at, **kw) -> Conversation:
    """A conversation held at `held_at` (scheduled for then) and thanked: someone met."""
    defaults = {"status": Conversation.Status.THANKED, "scheduled_at": held_at}
    return make_conversation(owner, held_at=held_at, **{**defaults, **kw})


def make_agenda_item(owner, **kw) -> AgendaItem:
    conversation = kw.pop("conversation", None) or make_conversation(owner)
    return AgendaItem.objects.create(
        owner=owner, conversation=conversation, **{"text": "How did you get started?", **kw}
    )


def make_takeaway(owner, **kw) -> Takeaway:
    conversation = kw.pop("conversation", None) or make_conversation(owner)
    return Takeaway.objects.create(
        owner=owner, conversation=conversation, **{"text": "Learn SQL before applying.", **kw}
    )


def make_message(owner, **kw) -> Message:
    contact = kw.pop("contact", None) or make_contact(owner)
    defaults = {"subject": "Twenty minutes of advice?", "body": "Hello, ..."}
    return Message.objects.create(owner=owner, contact=contact, **{**defaults, **kw})


def make_task(owner, **kw) -> Task:
    """Due on the seeker's today unless told otherwise (their zone, not the machine's)."""
    defaults = {"title": "Send a thank-you"}
    if "due_on" not in kw:
        defaults["due_on"] = clock_for(owner).today()
    return Task.objects.create(owner=owner, **{**defaults, **kw})


def make_job_lead(owner, **kw) -> JobLead:
    return JobLead.objects.create(owner=owner, **{"role": "Analyst", **kw})


def make_import_batch(owner, **kw) -> ImportBatch:
    defaults = {"original_name": "Connections.csv", "stored_name": "", "format": "linkedin"}
    return ImportBatch.objects.create(owner=owner, **{**defaults, **kw})


SMALL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_document(owner, data: bytes = SMALL_PDF, name: str = "resume.pdf", **kw) -> Document:
    """A document whose file really is in the upload folder, as an upload would leave it."""
    accepted = documents.check(name, data)
    defaults = {
        "title": f"Résumé {next(_seq)}",
        "original_name": name,
        "content_type": accepted.content_type,
        "size": len(data),
        "sha256": documents.digest(data),
        "stored_name": documents.store(data, name),
    }
    return Document.objects.create(owner=owner, **{**defaults, **kw})


BUILDERS = {
    ImportBatch: make_import_batch,
    Document: make_document,
    CareerField: make_field,
    OpenQuestion: make_open_question,
    Organization: make_organization,
    NewsItem: make_news,
    ResearchLink: make_link,
    Tag: make_tag,
    Contact: make_contact,
    Interaction: make_interaction,
    Pitch: make_pitch,
    Question: make_question,
    Conversation: make_conversation,
    AgendaItem: make_agenda_item,
    Takeaway: make_takeaway,
    Message: make_message,
    Task: make_task,
    JobLead: make_job_lead,
}


def make_one_of_everything(owner, marker: str) -> dict[type, object]:
    """One linked row of every owned model; text fields carry `marker` so leaks can be spotted."""
    field = make_field(owner, name=f"{marker} field", notes=marker)
    organization = make_organization(owner, name=f"{marker} Corp", notes=marker)
    organization.fields.add(field)
    tag = make_tag(owner, name=f"{marker}-tag")
    contact = make_contact(
        owner, first_name=marker, last_name="Person", organization=organization, notes=marker
    )
    contact.tags.add(tag)
    conversation = make_conversation(owner, contact=contact, field=field, goals=marker)
    question = make_question(owner, text=f"{marker} question?")
    open_question = make_open_question(owner, field=field, text=f"{marker} open question")
    return {
        CareerField: field,
        OpenQuestion: open_question,
        Organization: organization,
        NewsItem: make_news(owner, organization=organization, title=f"{marker} news"),
        ResearchLink: make_link(owner, field=field, title=f"{marker} link"),
        Tag: tag,
        Contact: contact,
        # A link keeps its letter case, so the marker can be searched for in every export.
        ContactAddress: make_contact_address(
            owner, contact=contact, kind="link", value=f"https://example.org/{marker}"
        ),
        Interaction: make_interaction(owner, contact=contact, summary=marker),
        Pitch: make_pitch(owner, contact=contact, text=f"{marker} pitch"),
        Question: question,
        Conversation: conversation,
        AgendaItem: make_agenda_item(owner, conversation=conversation, question=question),
        Takeaway: make_takeaway(
            owner, conversation=conversation, text=f"{marker} takeaway", answers=open_question
        ),
        Message: make_message(owner, contact=contact, conversation=conversation, subject=marker),
        Task: make_task(owner, title=f"{marker} task", contact=contact, conversation=conversation),
        JobLead: make_job_lead(
            owner, role=f"{marker} role", organization=organization, contact=contact
        ),
        ImportBatch: make_import_batch(owner, original_name=f"{marker}.csv"),
        Document: make_document(owner, title=f"{marker} résumé", notes=marker),
    }
