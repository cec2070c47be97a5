"""The main pages run as many queries for a seeker with a little data as for one with a lot:
more people, longer referral chains, more conversations, messages, takeaways and tasks.

List pages are covered by test_list_queries.py; these are the pages around one person, one
conversation, and the pages that gather from everywhere (Today, search, the LAMP list).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Interaction, Source
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_interaction,
    make_job_lead,
    make_message,
    make_organization,
    make_tag,
    make_takeaway,
    make_task,
)


def _count(client, url: str, **headers) -> int:
    client.get(url, **headers)  # the first request may fill caches (session, profile)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def _chain(owner, length: int, organization):
    """length people, each referred by the one before; returns the last."""
    person = None
    for index in range(length):
        person = make_contact(
            owner,
            first_name=f"Link{index}",
            organization=organization,
            source=Source.REFERRAL if person else Source.PROFESSOR,
            referred_by=person,
        )
    return person


def _around(owner, contact, conversation, count: int) -> None:
    """count of everything that hangs off one person and one conversation."""
    now = timezone.now()
    for index in range(count):
        make_message(owner, contact=contact, conversation=conversation, subject=f"Note {index}")
        make_interaction(owner, contact=contact, occurred_at=now - timedelta(days=index))
        make_task(owner, contact=contact, conversation=conversation, title=f"Task {index}")
        make_takeaway(owner, conversation=conversation, text=f"Learned {index}")
        make_agenda_item(owner, conversation=conversation, text=f"Question {index}?")
        make_job_lead(owner, contact=contact, conversation=conversation, role=f"Role {index}")
        make_conversation(owner, contact=contact, status=Conversation.Status.HELD)
        child = make_contact(owner, first_name=f"Led{index}", referred_by=contact)
        make_contact(owner, first_name=f"Then{index}", referred_by=child)
        contact.tags.add(make_tag(owner))


@pytest.fixture
def world(seeker):
    organization = make_organization(seeker, name="Harbor Health")
    contact = _chain(seeker, 2, organization)
    conversation = make_conversation(seeker, contact=contact)
    _around(seeker, contact, conversation, 2)
    return {"organization": organization, "contact": contact, "conversation": conversation}


def _grow(owner, world) -> None:
    """Much more of everything, and a longer chain above a new person in the same place."""
    _around(owner, world["contact"], world["conversation"], 12)
    top = _chain(owner, 6, world["organization"])
    world["contact"].referred_by = top
    world["contact"].save()


def _pages(world) -> dict[str, str]:
    conversation = world["conversation"]
    return {
        "contact": world["contact"].get_absolute_url(),
        "conversation": conversation.get_absolute_url(),
        "live": reverse("conversations:conversation_live", args=[conversation.pk]),
        "plan": reverse("conversations:conversation_plan", args=[conversation.pk]),
        "prep": reverse("conversations:conversation_prep", args=[conversation.pk]),
        # What its people taught: the takeaways grouped by category, however many there are.
        "organization": world["organization"].get_absolute_url(),
    }


@pytest.mark.parametrize(
    "page", ["contact", "conversation", "live", "plan", "prep", "organization"]
)
def test_pages_of_one_person_or_conversation_do_not_grow(page, seeker_client, seeker, world):
    url = _pages(world)[page]
    small = _count(seeker_client, url)
    _grow(seeker, world)
    large = _count(seeker_client, url)
    assert large == small, f"{url}: {small} queries with a little data, {large} with more"


def _fill_today(owner, count: int) -> None:
    """Something in every group of Today: thank-yous, 3B7, meetings, promises, keep in touch."""
    now = timezone.now()
    for index in range(count):
        held = make_conversation(
            owner, status=Conversation.Status.HELD, held_at=now - timedelta(days=30 + index)
        )
        make_interaction(
            owner,
            contact=held.contact,
            occurred_at=now - timedelta(days=20),
            direction=Interaction.Direction.OUTGOING,
        )
        make_task(owner, kind=Task.Kind.THANK_YOU, contact=held.contact, conversation=held)
        make_task(
            owner, kind=Task.Kind.PROMISE, contact=held.contact, done=True, title="Read the book"
        )
        make_conversation(
            owner,
            status=Conversation.Status.REQUESTED,
            requested_at=now - timedelta(days=15 + index),
        )
        coming = make_conversation(owner, scheduled_at=now + timedelta(days=1))
        make_agenda_item(owner, conversation=coming)
        make_message(owner, contact=coming.contact, status=Message.Status.DRAFT)


def test_today_does_not_grow(seeker_client, seeker):
    _fill_today(seeker, 2)
    small = _count(seeker_client, reverse("today:today"))
    _fill_today(seeker, 45)  # more than the list shows of any group
    assert _count(seeker_client, reverse("today:today")) == small


def test_search_does_not_grow_with_matches(seeker_client, seeker, world):
    # "harbor" is in an organization, its people, a conversation's goals and a message.
    make_conversation(seeker, contact=world["contact"], goals="Ask about Harbor's analysts")
    make_message(seeker, contact=world["contact"], subject="Harbor visit")
    url = reverse("search:search") + "?q=harbor"
    small = _count(seeker_client, url, HTTP_HX_REQUEST="true")
    for index in range(30):
        make_organization(seeker, name=f"Harbor Branch {index}")
        make_contact(seeker, organization=world["organization"])
        make_conversation(seeker, contact=world["contact"], goals="Harbor again")
        make_message(seeker, contact=world["contact"], subject=f"Harbor {index}")
    assert _count(seeker_client, url, HTTP_HX_REQUEST="true") == small


def test_lamp_list_does_not_grow_with_advocates(seeker_client, seeker):
    url = reverse("research:organization_list")
    for _ in range(2):
        make_contact(seeker, organization=make_organization(seeker, in_focus=True))
    small = _count(seeker_client, url)
    for index in range(40):
        organization = make_organization(seeker, in_focus=index < 8, motivation=index % 4)
        make_contact(seeker, organization=organization, source=Source.ALUMNI)
        _chain(seeker, 2, organization)
    assert _count(seeker_client, url) == small
