"""Edge cases of the follow-up pipeline found in review."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib import drafting
from coffeechat.outreach.models import Message
from coffeechat.outreach.sending import record_sent
from coffeechat.people.timeline import timeline
from coffeechat.today.items import today_items
from tests.factories import make_contact, make_conversation, make_message


def _titles(user) -> list[str]:
    return [item.title for item in today_items(user)]


def test_a_sent_follow_up_leaves_today(seeker):
    conversation = make_conversation(
        seeker,
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now() - timedelta(days=20),
    )
    assert any(t.startswith("Follow up once") for t in _titles(seeker))
    follow_up = make_message(
        seeker,
        contact=conversation.contact,
        conversation=conversation,
        kind=Message.Kind.FOLLOW_UP,
    )
    record_sent(follow_up)
    assert not any(t.startswith("Follow up once") for t in _titles(seeker))


def test_asking_a_second_person_there_clears_the_second_person_reminder(seeker):
    first = make_conversation(
        seeker,
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now() - timedelta(days=6),
    )
    assert any(t.startswith("Write to a second person") for t in _titles(seeker))
    make_conversation(
        seeker,
        contact=make_contact(seeker, organization=first.organization),
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now() - timedelta(days=1),
    )
    assert not any(t.startswith("Write to a second person") for t in _titles(seeker))


def test_a_thank_you_marks_the_conversation_held_and_thanked(seeker):
    conversation = make_conversation(
        seeker,
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now() - timedelta(days=5),
        scheduled_at=None,
    )
    thanks = make_message(
        seeker,
        contact=conversation.contact,
        conversation=conversation,
        kind=Message.Kind.THANK_YOU,
    )
    record_sent(thanks)
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.THANKED
    assert conversation.held_at is not None and conversation.replied_at is not None
    assert not any(t.startswith("Follow up once") for t in _titles(seeker))


def test_wrapping_up_after_thanking_does_not_ask_for_another_thank_you(seeker_client, seeker):
    conversation = make_conversation(seeker, status=Conversation.Status.HELD)
    record_sent(
        make_message(
            seeker,
            contact=conversation.contact,
            conversation=conversation,
            kind=Message.Kind.THANK_YOU,
        )
    )
    url = reverse("conversations:conversation_wrap_up", args=[conversation.pk])
    seeker_client.post(url, {"usefulness": "4"})
    assert not Task.objects.filter(
        conversation=conversation, kind=Task.Kind.THANK_YOU, done=False
    ).exists()


def test_thank_you_sentences_keep_names_and_turn_promises_to_the_reader():
    facts = drafting.DraftFacts(drafting.Reader("Ana"), drafting.Writer(name="Sam"))
    what = drafting.WhatHappened(
        advice=("SQL matters more than Python",), promises=("I'll send Ana the deck",)
    )
    body = drafting.thank_you(facts, what).body
    assert "“SQL matters more than Python”" in body
    assert "I'll send you the deck." in body and "i'll send ana" not in body.lower()


def test_a_thank_you_note_on_linkedin_fits_the_free_limit():
    facts = drafting.DraftFacts(drafting.Reader("Ana"))
    what = drafting.WhatHappened(advice=("Talk to three product managers before deciding " * 5,))
    draft = drafting.thank_you(facts, what, drafting.LINKEDIN_NOTE)
    assert len(draft.body) <= drafting.NOTE_LIMIT_FREE


def test_a_sent_message_appears_once_in_the_timeline(seeker):
    contact = make_contact(seeker)
    message = make_message(seeker, contact=contact, kind=Message.Kind.REQUEST)
    record_sent(message)
    events = timeline(seeker, contact)
    assert len([e for e in events if message.label in (e["text"] or "")]) == 1


def test_the_conversation_pages_follow_up_link_opens_a_draft(seeker_client, seeker):
    conversation = make_conversation(
        seeker,
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now() - timedelta(days=20),
    )
    html = seeker_client.get(conversation.get_absolute_url()).content.decode()
    assert "kind=follow_up" in html and "draft=1" in html
