"""The meeting itself on the prep sheet and in live mode: where it is (the link to join, the
address, the number to call), the advice for its medium, the seeker's current pitch, and the
"come back to this" list, noted live and read on the prep sheet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import Conversation
from coffeechat.lib import meeting_advice
from coffeechat.lib.zones import format_moment
from tests.factories import make_agenda_item, make_contact, make_conversation, make_pitch

HTMX = {"HTTP_HX_REQUEST": "true"}
LINK = "https://meet.example.com/abc-defg-hij"


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _prep(conversation) -> str:
    return reverse("conversations:conversation_prep", args=[conversation.pk])


def _live(conversation) -> str:
    return reverse("conversations:conversation_live", args=[conversation.pk])


def _note(conversation) -> str:
    return reverse("conversations:conversation_live_note", args=[conversation.pk])


def _advice(soup) -> str:
    box = soup.select_one(".meeting-advice")
    assert box is not None
    return box.get_text(" ", strip=True)


@pytest.fixture
def coffee(seeker):
    contact = make_contact(seeker, first_name="Grace", last_name="Hopper", phone="+1 555 0100")
    return make_conversation(
        seeker,
        contact=contact,
        medium=Conversation.Medium.COFFEE,
        agreed_minutes=25,
        place="Blue Bottle, 1 Ferry Building, San Francisco",
    )


@pytest.fixture
def video(seeker):
    contact = make_contact(seeker, first_name="Alan", last_name="Turing")
    return make_conversation(
        seeker,
        contact=contact,
        medium=Conversation.Medium.VIDEO,
        agreed_minutes=20,
        meeting_link=LINK,
    )


def test_the_mediums_are_the_conversations_own():
    assert set(meeting_advice.MEDIUMS) == set(Conversation.Medium.values)


@pytest.mark.parametrize("page", [_prep, _live])
def test_coffee_shows_the_address_and_the_advice_of_an_in_person_meeting(
    page, seeker_client, coffee
):
    soup = _soup(seeker_client.get(page(coffee)))
    where = soup.select_one(".meeting-where").get_text(" ", strip=True)
    assert "Blue Bottle, 1 Ferry Building, San Francisco" in where
    assert not soup.select(".meeting-where a[href^='http']")
    assert not soup.select(".meeting-where a[href^='tel:']")  # not a phone call
    advice = _advice(soup)
    assert "10 minutes early" in advice
    assert "notch above" in advice
    assert "pay for the coffee" in advice
    assert "keep it in your bag unless they ask" in advice
    assert "Keep to the 25 minutes" in advice and "offer to stop" in advice
    assert "Open the link" not in advice


@pytest.mark.parametrize("page", [_prep, _live])
def test_video_shows_a_link_to_join_and_to_test_it_first(page, seeker_client, video):
    soup = _soup(seeker_client.get(page(video)))
    links = soup.select(f".meeting-where a[href='{LINK}']")
    assert len(links) == 1
    assert links[0]["rel"] == ["noopener", "noreferrer"]
    assert "Join" in soup.select_one(".meeting-where").get_text()
    advice = _advice(soup)
    assert "Open the link 5 minutes before" in advice
    assert "pay" not in advice
    assert "bag" not in advice and "at hand" in advice
    assert "Keep to the 20 minutes" in advice
    assert "arrive" not in advice.lower()


def test_a_phone_call_shows_the_number_to_call(seeker_client, seeker):
    contact = make_contact(seeker, phone="+44 20 7946 0958")
    call = make_conversation(seeker, contact=contact, medium=Conversation.Medium.PHONE)
    for url in (_prep(call), _live(call)):
        soup = _soup(seeker_client.get(url))
        number = soup.select_one(".meeting-where a[href^='tel:']")
        assert number["href"] == "tel:+442079460958"
        assert number.get_text() == "+44 20 7946 0958"
        assert "notch above" not in _advice(soup)


def test_a_video_call_without_a_link_says_so(seeker_client, seeker):
    call = make_conversation(seeker, medium=Conversation.Medium.VIDEO, meeting_link="")
    soup = _soup(seeker_client.get(_prep(call)))
    assert "No meeting link recorded" in soup.select_one(".meeting-where").get_text()
    assert "No meeting link yet" in _advice(soup)


def test_the_time_is_shown_on_the_seekers_clock_with_the_meetings_own(seeker_client, seeker, video):
    shown = format_moment(video.local_start, clock_for(seeker).zone)
    for url in (_prep(video), _live(video)):
        assert shown in _soup(seeker_client.get(url)).get_text()


def test_both_pages_show_the_current_pitch_for_this_person_first(seeker_client, seeker, video):
    make_pitch(seeker, text="An old general pitch.")
    make_pitch(seeker, text="My general pitch, said out loud.")
    for url in (_prep(video), _live(video)):
        assert "My general pitch, said out loud." in _soup(seeker_client.get(url)).get_text()
    older = make_pitch(seeker, contact=video.contact, who_i_am="third-year economics student")
    newer = make_pitch(seeker, contact=video.contact, who_i_am="economics graduate")
    # The newest version wins even when both were saved within the same second.
    type(older).objects.filter(pk=older.pk).update(created_at=newer.created_at - timedelta(1))
    for url in (_prep(video), _live(video)):
        text = _soup(seeker_client.get(url)).get_text()
        assert "I'm an economics graduate." in text
        assert "third-year" not in text and "general pitch" not in text.split("Your pitch")[1]


def test_without_a_pitch_both_pages_link_to_writing_one(seeker_client, video):
    for url in (_prep(video), _live(video)):
        soup = _soup(seeker_client.get(url))
        assert soup.select_one(f"a[href='{reverse('prepare:pitch_create')}']")


def test_live_mode_shows_the_pitch_in_the_opening(seeker_client, seeker, video):
    make_pitch(seeker, text="I'm a data analyst moving into health policy.")
    soup = _soup(seeker_client.get(_live(video)))
    assert "health policy" in soup.select_one("#pitch").get_text()


# --- Come back to this ------------------------------------------------------------------------


def test_the_come_back_list_is_saved_like_a_note_and_read_on_the_prep_sheet(seeker_client, video):
    soup = _soup(seeker_client.get(_live(video)))
    textarea = soup.select_one("textarea[data-draft=come_back_to]")
    assert textarea["hx-post"] == _note(video)
    assert soup.select_one(f"label[for={textarea['id']}]")

    typed = "- Which teams hire analysts?\r\nThe book she named"
    response = seeker_client.post(_note(video), {"item": "come_back_to", "notes": typed}, **HTMX)
    assert response.status_code == 200
    assert response["X-Coffeechat-Saved"] == "come_back_to"
    video.refresh_from_db()
    assert video.come_back_to == "- Which teams hire analysts?\nThe book she named"

    live = _soup(seeker_client.get(_live(video)))
    assert "Which teams hire analysts?" in live.select_one("#notes-come_back_to").get_text()
    prep = _soup(seeker_client.get(_prep(video)))
    points = [li.get_text(strip=True) for li in prep.select(".come-back .come-back-list li")]
    assert points == ["☐ Which teams hire analysts?", "☐ The book she named"]


def test_a_question_goes_on_the_list_with_its_own_button(seeker_client, seeker, video):
    item = make_agenda_item(seeker, conversation=video, text="What changed in the last year?")
    soup = _soup(seeker_client.get(_live(video)))
    button = soup.select_one(f"#question-{item.pk} button[data-come-back='{item.pk}']")
    assert button["name"] == "come_back" and button["type"] == "submit"

    data = {"item": str(item.pk), "notes": "Mentioned a reorg", "come_back": "1"}
    response = seeker_client.post(_note(video), data)
    assert response.status_code == 302
    seeker_client.post(_note(video), data)  # twice: listed once
    video.refresh_from_db()
    item.refresh_from_db()
    assert item.notes == "Mentioned a reorg"
    assert video.come_back_to == "- What changed in the last year?"
    prep = _soup(seeker_client.get(_prep(video)))
    assert "What changed in the last year?" in prep.select_one(".come-back").get_text()


def test_the_prep_sheet_repeats_what_an_earlier_conversation_left_open(seeker_client, seeker):
    contact = make_contact(seeker)
    first = make_conversation(seeker, contact=contact, come_back_to="- Ask about the rotation")
    second = make_conversation(seeker, contact=contact)
    other = make_conversation(seeker, come_back_to="- Someone else's question")
    text = _soup(seeker_client.get(_prep(second))).select_one(".come-back").get_text()
    assert "Ask about the rotation" in text
    assert "Someone else" not in text
    assert "Ask about the rotation" not in (
        _soup(seeker_client.get(_prep(other))).select_one(".come-back").get_text()
    )
    assert first.get_absolute_url() in str(
        _soup(seeker_client.get(_prep(second))).select_one(".come-back")
    )


def test_a_stranger_cannot_write_to_the_list(stranger_client, video):
    response = stranger_client.post(_note(video), {"item": "come_back_to", "notes": "mine now"})
    assert response.status_code == 404
    video.refresh_from_db()
    assert video.come_back_to == ""


def test_the_search_box_finds_a_conversation_by_what_was_left_open(seeker_client, video):
    seeker_client.post(_note(video), {"item": "come_back_to", "notes": "- Zanzibar office?"})
    response = seeker_client.get(reverse("search:search"), {"q": "zanzibar"}, **HTMX)
    assert video.get_absolute_url() in response.content.decode()
