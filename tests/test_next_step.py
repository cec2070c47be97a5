"""The one next step a conversation and a person show for where things stand, on their pages:
its heading and its primary button, state by state, with the 3B7 dates while waiting, the
draft already waiting opened rather than a second one started, and a person never asked led
to a first request (or an introduction by whoever links you)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.lib.zones import format_day
from coffeechat.outreach.models import Message
from coffeechat.people.models import Source
from tests.factories import make_contact, make_conversation, make_message, make_takeaway

Status = Conversation.Status


def _next_step(client, url: str) -> tuple[str, str, str, list[str]]:
    """(heading, text, primary button, other buttons) of the page's next step."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    section = soup.select_one("section.next-step")
    assert section is not None, f"no next step on {url}"
    primary = section.select_one("a.primary")
    others = [a.get_text(strip=True) for a in section.select("a.button:not(.primary)")]
    return (
        section.h2.get_text(strip=True).removeprefix("Next step · "),
        section.p.get_text(" ", strip=True),
        primary.get_text(strip=True),
        others,
    )


def _conversation(seeker, status: str, **kw) -> Conversation:
    now = timezone.now()
    moments = {
        Status.PLANNED: {"scheduled_at": None},
        Status.REQUESTED: {"scheduled_at": None, "requested_at": now - timedelta(hours=2)},
        Status.SCHEDULED: {"scheduled_at": now + timedelta(days=3)},
        Status.HELD: {"scheduled_at": now - timedelta(days=1), "held_at": now - timedelta(days=1)},
        Status.THANKED: {"scheduled_at": now - timedelta(days=9), "thanked_at": now},
        Status.KEEPING_IN_TOUCH: {"scheduled_at": now - timedelta(days=60)},
        Status.DECLINED: {"scheduled_at": None, "requested_at": now - timedelta(days=5)},
        Status.NO_REPLY: {"scheduled_at": None, "requested_at": now - timedelta(days=30)},
        Status.CANCELLED: {"scheduled_at": now - timedelta(days=2)},
    }[status]
    contact = make_contact(seeker, first_name="Ada", last_name="Ng")
    return make_conversation(seeker, contact=contact, status=status, **{**moments, **kw})


@pytest.mark.parametrize(
    ("status", "heading", "button"),
    [
        (Status.PLANNED, "Planned", "Draft the request"),
        (Status.REQUESTED, "Waiting for a reply", "Record their answer"),
        (Status.SCHEDULED, "Scheduled", "Plan the questions"),
        (Status.HELD, "Held", "How did it go?"),
        (Status.THANKED, "Thanked", "Draft an update"),
        (Status.KEEPING_IN_TOUCH, "Keeping in touch", "Draft an update"),
        (Status.DECLINED, "They declined", "Reply kindly"),
        (Status.NO_REPLY, "No reply", "Who to ask next"),
        (Status.CANCELLED, "Cancelled", "Offer a new time"),
    ],
)
def test_each_state_has_one_next_step(seeker_client, seeker, status, heading, button):
    conversation = _conversation(seeker, status)
    shown = _next_step(seeker_client, conversation.get_absolute_url())
    assert shown[0] == heading
    assert shown[2] == button
    # The person's page leads to the same step, and to the conversation.
    on_contact = _next_step(seeker_client, conversation.contact.get_absolute_url())
    assert on_contact[0] == f"Conversation: {heading.lower()}"
    assert on_contact[2] == button
    assert "Open the conversation" in on_contact[3]


def test_waiting_names_the_3_and_7_business_day_dates(seeker_client, seeker):
    conversation = _conversation(seeker, Status.REQUESTED)
    rhythm = clock_for(seeker).rhythm(conversation.requested_at)
    _, text, _, others = _next_step(seeker_client, conversation.get_absolute_url())
    assert f"From {format_day(rhythm.second_contact_on)} (3 business days)" in text
    assert f"from {format_day(rhythm.follow_up_on)} (7 business days)" in text
    assert any(label.startswith("Add someone at") or label == "Who to ask next" for label in others)


def test_seven_business_days_later_the_follow_up_comes_first(seeker_client, seeker):
    conversation = _conversation(
        seeker, Status.REQUESTED, requested_at=timezone.now() - timedelta(days=15)
    )
    _, _, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert button == "Draft the follow-up"


def test_an_answer_leads_to_scheduling(seeker_client, seeker):
    conversation = _conversation(seeker, Status.REQUESTED, replied_at=timezone.now())
    heading, _, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert (heading, button) == ("They answered", "Schedule it")


def test_a_meeting_whose_time_has_passed_asks_how_it_went(seeker_client, seeker):
    conversation = _conversation(
        seeker, Status.SCHEDULED, scheduled_at=timezone.now() - timedelta(hours=2)
    )
    heading, _, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert (heading, button) == ("The meeting time has passed", "How did it go?")


def test_once_takeaways_are_written_the_thank_you_is_next_with_its_due_day(seeker_client, seeker):
    conversation = _conversation(seeker, Status.SCHEDULED)
    lifecycle.move(conversation, Status.HELD)
    make_takeaway(seeker, conversation=conversation)
    task = conversation.tasks.get()
    _, text, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert button == "Draft the thank-you"
    assert f"Due {format_day(task.due_on)}." in text


@pytest.mark.parametrize(
    ("status", "kind", "label"),
    [
        (Status.PLANNED, Message.Kind.REQUEST, "Open the request draft"),
        (Status.HELD, Message.Kind.THANK_YOU, "Open the thank-you draft"),
    ],
)
def test_a_draft_already_waiting_is_opened_not_started_again(
    seeker_client, seeker, status, kind, label
):
    conversation = _conversation(seeker, status)
    if status == Status.HELD:
        make_takeaway(seeker, conversation=conversation)
    draft = make_message(seeker, contact=conversation.contact, conversation=conversation, kind=kind)
    shown = _next_step(seeker_client, conversation.get_absolute_url())
    soup = BeautifulSoup(seeker_client.get(conversation.get_absolute_url()).content, "html.parser")
    assert shown[2] == label
    assert soup.select_one("section.next-step a.primary")["href"] == draft.get_absolute_url()


def test_a_person_never_asked_gets_a_first_request_or_an_introduction(seeker_client, seeker):
    friend = make_contact(seeker, first_name="Lu", last_name="Friend", source=Source.FRIEND)
    cousin = make_contact(
        seeker,
        first_name="Mo",
        last_name="Cousin",
        source=Source.FRIEND_OF_CONTACT,
        referred_by=friend,
    )
    heading, text, button, others = _next_step(seeker_client, cousin.get_absolute_url())
    assert (heading, button) == ("Not asked yet", "Draft a request")
    assert "never for a job" in text
    assert others[0] == "Ask Lu to introduce you"

    suggested = make_contact(
        seeker, first_name="Sy", last_name="Suggested", source=Source.REFERRAL, referred_by=friend
    )
    _, text, _, others = _next_step(seeker_client, suggested.get_absolute_url())
    assert text.startswith("Lu Friend suggested you write to Sy")
    assert not any("introduce" in label for label in others)


def test_someone_not_to_contact_gets_no_next_step(seeker_client, seeker):
    person = make_contact(seeker, do_not_contact=True)
    soup = BeautifulSoup(seeker_client.get(person.get_absolute_url()).content, "html.parser")
    assert soup.select_one("section.next-step") is None


def test_after_the_one_follow_up_the_page_stops_offering_another(seeker_client, seeker):
    conversation = _conversation(
        seeker, Status.REQUESTED, requested_at=timezone.now() - timedelta(days=20)
    )
    make_message(
        seeker,
        contact=conversation.contact,
        conversation=conversation,
        kind=Message.Kind.FOLLOW_UP,
        status=Message.Status.SENT,
    )
    _, text, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert button != "Draft the follow-up"
    assert "You followed up once" in text


def test_someone_not_to_contact_is_never_prompted_again(seeker_client, seeker):
    conversation = _conversation(
        seeker, Status.REQUESTED, requested_at=timezone.now() - timedelta(days=20)
    )
    conversation.contact.do_not_contact = True
    conversation.contact.save()
    heading, _, button, _ = _next_step(seeker_client, conversation.get_absolute_url())
    assert (heading, button) == ("Not to be contacted", "Who to ask next")
    page = BeautifulSoup(
        seeker_client.get(conversation.contact.get_absolute_url()).content, "html.parser"
    )
    assert page.select_one("section.next-step") is None
    today = seeker_client.get(reverse("today:today")).content.decode()
    assert "Ada Ng" not in today
