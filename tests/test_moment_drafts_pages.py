"""The message form pre-filled for the moments around a meeting (confirm, move it, a missed
meeting, a kind answer to a no) and for asking someone to introduce the seeker: the meeting's
own time and place, the person to meet named, the draft addressed to the friend, and another
user's people never reached."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from coffeechat.accounts.clock import get_profile
from coffeechat.lib import drafting
from coffeechat.outreach.models import Message
from coffeechat.people.links import draft_url
from coffeechat.people.models import Source
from tests.factories import make_contact, make_conversation, make_organization

MEETING = datetime(2026, 12, 10, 13, 0, tzinfo=UTC)  # 14:00 in Berlin, 02:00 next day in Auckland


@pytest.fixture
def profile(seeker):
    profile = get_profile(seeker)
    profile.display_name = "Sam Seeker"
    profile.current_role = "a third-year economics student"
    profile.time_zone = "Pacific/Auckland"  # the seeker's clock is not the meeting's
    profile.save()
    return profile


@pytest.fixture
def meeting(seeker, profile):
    priya = make_contact(seeker, first_name="Priya", last_name="Raman", source=Source.ALUMNI)
    return make_conversation(
        seeker,
        contact=priya,
        scheduled_at=MEETING,
        time_zone="Europe/Berlin",
        place="Bean There Café",
        agreed_minutes=25,
    )


def _form(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    subject = soup.select_one("#id_subject").get("value", "")
    body = soup.select_one("#id_body").get_text().removeprefix("\n")
    return subject, body, soup


def _selected(soup, selector: str) -> str:
    option = soup.select_one(f"{selector} option[selected]")
    return option["value"] if option else ""


def test_the_confirmation_names_the_time_in_the_meetings_zone_and_the_place(seeker_client, meeting):
    url = draft_url(meeting.contact_id, meeting.pk, "confirm")
    subject, body, soup = _form(seeker_client, url)
    assert body.startswith("Hi Priya,")
    assert "our conversation on Thu 10 Dec 2026, 14:00 CET, at Bean There Café." in body
    assert "NZDT" not in body  # the seeker's own clock is not the one they meet by
    assert "the 25 minutes we agreed" in body
    assert body.rstrip().endswith("Sam Seeker")
    assert subject == "Confirming our conversation on Thu 10 Dec 2026, 14:00 CET"
    # Kept as its own kind of message, which the checker reads as it is typed.
    assert _selected(soup, "#id_kind") == Message.Kind.CONFIRM
    assert _selected(soup, "form.draft-picker select[name=kind]") == "confirm"


def test_without_a_conversation_in_the_link_the_meeting_with_that_person_is_used(
    seeker_client, meeting
):
    _, body, _ = _form(seeker_client, draft_url(meeting.contact_id, None, "confirm"))
    assert "on Thu 10 Dec 2026, 14:00 CET, at Bean There Café." in body


def test_a_video_call_gives_its_link_and_a_phone_call_says_so(seeker_client, seeker, profile):
    video = make_conversation(
        seeker, scheduled_at=MEETING, time_zone="America/New_York",
        medium="video", meeting_link="https://meet.example.com/abc-def",
    )  # fmt: skip
    _, body, _ = _form(seeker_client, draft_url(video.contact_id, video.pk, "confirm"))
    assert "on Thu 10 Dec 2026, 08:00 EST, by video call." in body
    assert "https://meet.example.com/abc-def" in body
    phone = make_conversation(seeker, scheduled_at=MEETING, medium="phone")
    _, body, _ = _form(seeker_client, draft_url(phone.contact_id, phone.pk, "confirm"))
    assert ", by phone." in body


def test_moving_the_meeting_names_the_old_time_and_asks_them_to_choose(seeker_client, meeting):
    subject, body, _ = _form(seeker_client, draft_url(meeting.contact_id, meeting.pk, "reschedule"))
    assert "I'm sorry, but I need to move our conversation on Thu 10 Dec 2026, 14:00 CET." in body
    assert "could you suggest another time for our 25 minutes that suits you?" in body
    assert subject == "Could we find another time?"


def test_a_missed_meeting_note_assumes_something_came_up(seeker_client, meeting):
    _, body, _ = _form(seeker_client, draft_url(meeting.contact_id, meeting.pk, "no_show"))
    assert "we missed each other for our conversation on Thu 10 Dec 2026, 14:00 CET." in body
    assert "something came up" in body
    assert drafting.NO_REPLY_NEEDED in body


def test_a_kind_answer_to_a_no(seeker_client, meeting):
    url = draft_url(meeting.contact_id, meeting.pk, "decline_reply") + "&channel=letter"
    subject, body, soup = _form(seeker_client, url)
    assert body.startswith("Dear Priya Raman,")
    assert "Thank you for letting me know" in body and "no hard feelings" in body
    assert subject == ""  # a letter has no subject line
    assert _selected(soup, "#id_channel") == "letter"


def test_the_introduction_is_addressed_to_the_friend_and_names_the_person_to_meet(
    seeker_client, seeker, profile
):
    friend = make_contact(seeker, first_name="Jo", last_name="Park", source=Source.FRIEND)
    contoso = make_organization(seeker, name="Contoso")
    ana = make_contact(
        seeker, first_name="Ana", last_name="Ruiz", title="Director of Research",
        organization=contoso, source=Source.FRIEND_OF_CONTACT, referred_by=friend,
    )  # fmt: skip
    url = draft_url(friend.pk, None, "introduction", about=ana.pk)
    assert f"contact={friend.pk}" in url and f"about={ana.pk}" in url and "kind=introduction" in url
    subject, body, soup = _form(seeker_client, url)
    assert body.startswith("Hi Jo,")
    assert "I'd love to learn from Ana Ruiz, Director of Research at Contoso." in body
    assert "Would you be comfortable introducing me to Ana," in body
    assert drafting.INTRODUCTION_NOT_A_JOB in body
    assert "I'm a third-year economics student." in body
    assert subject == "An introduction to Ana Ruiz?"
    assert _selected(soup, "#id_contact") == str(friend.pk)
    # Choosing another channel keeps the person to meet.
    assert soup.select_one("form.draft-picker input[name=about]")["value"] == str(ana.pk)


def test_a_professor_is_asked_formally(seeker_client, seeker, profile):
    professor = make_contact(seeker, first_name="Alan", last_name="Turing", source=Source.PROFESSOR)
    ana = make_contact(seeker, first_name="Ana", last_name="Ruiz")
    _, body, _ = _form(seeker_client, draft_url(professor.pk, None, "introduction", about=ana.pk))
    assert body.startswith("Dear Alan Turing,")
    assert "I hope this note finds you well." in body


def test_a_strangers_person_to_meet_is_not_found(seeker_client, seeker, stranger, profile):
    friend = make_contact(seeker, first_name="Jo", source=Source.FRIEND)
    theirs = make_contact(stranger, first_name="Secretname", title="Secret title")
    response = seeker_client.get(draft_url(friend.pk, None, "introduction", about=theirs.pk))
    assert response.status_code == 404
    assert b"Secretname" not in response.content


def test_a_saved_moment_draft_keeps_its_kind_and_the_checker_reads_it(seeker_client, meeting):
    _, body, _ = _form(seeker_client, draft_url(meeting.contact_id, meeting.pk, "no_show"))
    response = seeker_client.post(
        reverse("outreach:message_create"),
        {"contact": meeting.contact_id, "conversation": meeting.pk, "kind": "no_show",
         "channel": "email", "subject": "Another time?", "body": body, "status": "draft"},
    )  # fmt: skip
    assert response.status_code == 302
    message = Message.objects.get(conversation=meeting)
    assert message.kind == Message.Kind.NO_SHOW and "something came up" in message.body
    page = BeautifulSoup(seeker_client.get(message.get_absolute_url()).content, "html.parser")
    assert "Nothing to fix" in page.get_text(" ", strip=True)
    # A job ask typed into it is caught, as in any message.
    message.body = "Are you hiring? I would love a job on your team.\n\n" + message.body
    message.save()
    page = BeautifulSoup(seeker_client.get(message.get_absolute_url()).content, "html.parser")
    assert "ask.job" in page.get_text(" ", strip=True)
