"""The pages where words are made: the profile and pitch show, as they are typed, the sentences
drafts will use; a drafted message is checked as it is shown, with one-click fixes."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from coffeechat.accounts.clock import get_profile
from coffeechat.outreach.models import Message
from tests.factories import make_contact, make_message, make_pitch

HTMX = {"HTTP_HX_REQUEST": "true"}


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_profile_shows_how_requests_will_introduce_and_sign(seeker_client, seeker):
    make_pitch(seeker, what_i_am_exploring="I'm exploring data analytics.")
    response = seeker_client.post(
        reverse("prepare:profile_preview"),
        {"display_name": "Mira Kowalski", "current_role": "I'm a third-year economics student."},
        **HTMX,
    )
    preview = _soup(response).select_one("#profile-preview").get_text(" ", strip=True)
    assert "I'm a third-year economics student, exploring data analytics." in preview
    assert "Mira Kowalski" in preview


def test_the_profile_page_shows_the_preview_of_what_is_saved(seeker_client, seeker):
    profile = get_profile(seeker)
    profile.display_name, profile.current_role = "Sam Lee", "nurse"
    profile.save()
    page = _soup(seeker_client.get(reverse("prepare:profile")))
    assert "I'm a nurse." in page.select_one("#profile-preview").get_text(" ", strip=True)


def test_the_pitch_shows_each_part_as_said_and_as_requests_use_it(seeker_client):
    response = seeker_client.post(
        reverse("prepare:pitch_timing"),
        {
            "who_i_am": "third-year economics student",
            "what_i_have_done": "led the campus data club",
            "what_i_am_exploring": "data analytics in health care",
        },
        **HTMX,
    )
    text = _soup(response).get_text(" ", strip=True)
    assert (
        "I'm a third-year economics student. I led the campus data club. "
        "I'm exploring data analytics in health care." in text
    )
    assert "Your written requests will say: I'm exploring data analytics in health care." in text


def test_a_drafted_request_is_checked_as_it_is_shown(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Ana", source="cold")
    url = reverse("outreach:message_create") + f"?contact={contact.pk}&draft=1&kind=request"
    page = _soup(seeker_client.get(url))
    findings = page.select_one("#findings")
    assert findings is not None
    rules = {code.get_text() for code in findings.select("code.rule")}
    assert rules <= {"connection.missing"}  # a cold contact: no connection to name


def test_an_unsigned_draft_gets_its_name_added_in_one_click(seeker_client, seeker):
    profile = get_profile(seeker)
    profile.display_name = "Mira Kowalski"
    profile.save()
    message = make_message(
        seeker,
        contact=make_contact(seeker, first_name="Ana"),
        body="Hi Ana,\n\nWould you have 20 minutes to share how you got into design?\n\nThanks,",
    )
    page = _soup(seeker_client.get(message.get_absolute_url()))
    button = page.select_one("form.inline-fix button[value='signature.missing']")
    assert button is not None and button.get_text(strip=True) == "Add your name"
    seeker_client.post(
        reverse("outreach:message_fix", args=[message.pk]), {"rule": button["value"]}
    )
    message.refresh_from_db()
    assert message.body.endswith("Thanks,\nMira Kowalski")


def test_a_sent_message_is_never_changed_by_a_fix(seeker_client, seeker):
    message = make_message(seeker, body="Hi,\n\nThanks,", status=Message.Status.SENT)
    seeker_client.post(
        reverse("outreach:message_fix", args=[message.pk]), {"rule": "signature.missing"}
    )
    message.refresh_from_db()
    assert message.body == "Hi,\n\nThanks,"


def test_the_fix_while_typing_swaps_the_text_and_rechecks_it(seeker_client, seeker):
    profile = get_profile(seeker)
    profile.display_name = "Mira Kowalski"
    profile.save()
    response = seeker_client.post(
        reverse("outreach:fix_message_text"),
        {"rule": "signature.missing", "body": "Hi Ana,\n\nCould we talk?\n\nBest,",
         "kind": "thank_you", "channel": "email"},
        **HTMX,
    )  # fmt: skip
    soup = _soup(response)
    assert soup.select_one("textarea#id_body").get_text().endswith("Best,\nMira Kowalski")
    assert soup.select_one("#findings[hx-swap-oob]") is not None
