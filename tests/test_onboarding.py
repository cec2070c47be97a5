"""Onboarding that stays: an empty account sees the steps to a first request on Today, each
ticked from what the account holds, until a first request is sent; a career field takes the
questions the seeker wants answered in the same step; in local mode the sample story can be
loaded from Today."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations import lifecycle
from coffeechat.outreach.models import Message
from coffeechat.outreach.sending import record_sent
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, OpenQuestion
from tests.factories import (
    make_contact,
    make_conversation,
    make_field,
    make_message,
    make_open_question,
    make_organization,
    make_pitch,
)

TODAY = reverse("today:today")


def _checklist(client):
    soup = BeautifulSoup(client.get(TODAY).content, "html.parser")
    section = soup.find("section", class_="welcome")
    if section is None:
        return None
    steps = section.select("ol.checklist > li")
    done = [step.strong.get_text(strip=True) for step in steps if "done" in step["class"]]
    current = section.select_one("ol.checklist > li.next")
    button = current.select_one("a.primary") if current else None
    return {
        "heading": section.h2.get_text(strip=True),
        "done": done,
        "next": current.strong.get_text(strip=True) if current else None,
        "button": (button.get_text(strip=True), button["href"]) if button else None,
        "sample": section.find("button", string="Load the sample story") is not None,
    }


def test_an_empty_account_starts_with_the_profile_and_the_sample_story(seeker_client):
    checklist = _checklist(seeker_client)
    assert checklist["heading"] == "Start here: your first request"
    assert checklist["done"] == []
    assert checklist["next"] == "Say who you are"
    assert checklist["button"] == ("Fill in your profile", reverse("prepare:profile"))
    assert checklist["sample"]


def test_the_steps_are_ticked_from_the_data_in_order(seeker_client, seeker):
    profile = get_profile(seeker)
    profile.display_name, profile.current_role = "Sam Seeker", "third-year economics student"
    profile.save()
    make_pitch(seeker, who_i_am="I'm a third-year economics student.")
    field = make_field(seeker, name="Data analytics")
    checklist = _checklist(seeker_client)
    # A field without questions is not yet the step: the questions decide what to ask.
    assert checklist["done"] == ["Say who you are", "Write your pitch"]
    assert checklist["next"] == "Name a career field and what you want to learn"
    assert not checklist["sample"]

    make_open_question(seeker, field=field, text="What does a typical week look like?")
    make_organization(seeker, name="Lumen Civic Lab")
    contact = make_contact(seeker, first_name="Ada", last_name="Ng")
    assert _checklist(seeker_client)["next"] == "Pick whom to ask"

    conversation = make_conversation(
        seeker, contact=contact, status=lifecycle.Status.PLANNED, scheduled_at=None
    )
    checklist = _checklist(seeker_client)
    assert checklist["next"] == "Plan the questions"
    assert checklist["button"] == (
        "Plan the questions",
        reverse("conversations:conversation_plan", args=[conversation.pk]),
    )


def test_the_checklist_stays_until_the_first_request_is_sent(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Ada", last_name="Ng")
    conversation = make_conversation(
        seeker, contact=contact, status=lifecycle.Status.PLANNED, scheduled_at=None
    )
    message = make_message(
        seeker, contact=contact, conversation=conversation, kind=Message.Kind.REQUEST
    )
    checklist = _checklist(seeker_client)
    assert checklist["next"] != "Send your first request"  # the profile is still empty
    assert "Draft the request" in checklist["done"]

    record_sent(message)
    conversation.refresh_from_db()
    assert conversation.status == lifecycle.Status.REQUESTED
    assert _checklist(seeker_client) is None


def test_a_request_recorded_without_a_draft_also_ends_the_checklist(seeker_client, seeker):
    conversation = make_conversation(
        seeker, contact=make_contact(seeker), status=lifecycle.Status.PLANNED, scheduled_at=None
    )
    lifecycle.move(conversation, lifecycle.Status.REQUESTED)
    assert _checklist(seeker_client) is None


def test_a_career_field_takes_its_questions_one_per_line(seeker_client, seeker):
    response = seeker_client.post(
        reverse("research:careerfield_create"),
        {
            "name": "Data analytics",
            "status": CareerField.Status.EXPLORING,
            "questions": (
                "What does a typical week look like?\r\n\r\n"
                "  How did you   get into the field?  \r\n"
                "What does a typical week look like?\n"
                "ما المهارات الأكثر فائدة؟"
            ),
        },
    )
    field = CareerField.objects.get(owner=seeker)
    assert response.status_code == 302
    assert list(field.open_questions.values_list("text", "owner")) == [
        ("What does a typical week look like?", seeker.pk),
        ("How did you get into the field?", seeker.pk),
        ("ما المهارات الأكثر فائدة؟", seeker.pk),
    ]
    assert "Name a career field and what you want to learn" in _checklist(seeker_client)["done"]


def test_editing_a_field_adds_questions_after_the_ones_it_has(seeker_client, seeker):
    field = make_field(seeker, name="Data analytics")
    make_open_question(seeker, field=field, text="First one", position=1)
    seeker_client.post(
        reverse("research:careerfield_edit", args=[field.pk]),
        {"name": "Data analytics", "status": field.status, "questions": "Second one"},
    )
    assert list(field.open_questions.order_by("position").values_list("text", flat=True)) == [
        "First one",
        "Second one",
    ]


def test_a_question_too_long_is_refused_in_words_and_nothing_is_saved(seeker_client, seeker):
    response = seeker_client.post(
        reverse("research:careerfield_create"),
        {"name": "Data analytics", "status": "exploring", "questions": "ok\n" + "x" * 501},
    )
    assert response.status_code == 200
    assert "Keep each question under 500 characters; one line is 501." in response.text
    assert not CareerField.objects.exists()
    assert not OpenQuestion.objects.exists()


def test_the_sample_story_loads_into_an_empty_account_from_today(seeker_client, seeker):
    response = seeker_client.post(reverse("sample_data:load"), follow=True)
    assert "The sample story is loaded" in response.text
    assert Contact.objects.owned_by(seeker).count() > 5
    assert _checklist(seeker_client) is None  # the story has sent requests


def test_the_sample_story_never_mixes_with_the_seekers_own_work(seeker_client, seeker):
    make_contact(seeker, first_name="Ada", last_name="Ng")
    response = seeker_client.post(reverse("sample_data:load"), follow=True)
    assert "already holds your own work" in response.text
    assert list(Contact.objects.owned_by(seeker).values_list("first_name", flat=True)) == ["Ada"]


def test_on_a_server_there_is_no_sample_story(seeker_client, seeker, settings):
    settings.LOCAL_MODE = False
    assert seeker_client.post(reverse("sample_data:load")).status_code == 404
    assert not Contact.objects.exists()
    assert not _checklist(seeker_client)["sample"]
