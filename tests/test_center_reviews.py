"""Review by a coach: the seeker asks about a draft, a pitch or a plan; the coach comments and
suggests; the seeker sees the suggestion as a diff and accepts it or keeps their text."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks import default_task_backend

from coffeechat.center import reviews
from coffeechat.center.models import Review, Role
from coffeechat.center.notifications import send_email
from coffeechat.conversations.models import Conversation
from coffeechat.outreach.models import Message
from coffeechat.prepare.models import Pitch
from tests.center_factories import make_coach, make_cohort, make_member, make_share
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_message,
    make_pitch,
)

DRAFT = "Dear Ana,\n\nI would love to chat about your work.\n\nBest,\nMira"
BETTER = "Dear Ana,\n\nWould you have 20 minutes to tell me about your work?\n\nBest,\nMira"


@pytest.fixture(autouse=True)
def server_mode(settings):
    settings.LOCAL_MODE = False
    settings.ALLOWED_HOSTS = ["cc.example.edu", "testserver"]


@pytest.fixture
def cohort(db):
    return make_cohort("Economics 2027")


@pytest.fixture
def coach(cohort):
    return make_coach("coach_a", cohort)


@pytest.fixture
def seeker(cohort):
    return make_member("mira", Role.SEEKER, cohort)


@pytest.fixture
def share(seeker, coach):
    return make_share(seeker, coach)


@pytest.fixture
def draft(seeker):
    contact = make_contact(seeker, first_name="Ana", last_name="Silva")
    return make_message(seeker, contact=contact, subject="A question", body=DRAFT)


@pytest.fixture(autouse=True)
def no_queued_tasks():
    default_task_backend.clear()


def _as(client, user):
    client.force_login(user)
    return client


def _emails_queued():
    return [result for result in default_task_backend.results if result.task == send_email]


def test_the_whole_loop_on_a_draft(
    client, seeker, coach, share, draft, mailoutbox, django_capture_on_commit_callbacks
):
    _as(client, seeker)
    ask = client.get(reverse("center:review_ask"), {"message": draft.pk})
    assert "I would love to chat about your work." in ask.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("center:review_ask") + f"?message={draft.pk}",
            {"share": share.pk, "question": "Is my ask clear?"},
        )
    review = Review.objects.get()
    assert response["Location"] == reverse("center:review_detail", args=[review.pk])
    assert (review.kind, review.status, review.original) == ("draft", "open", DRAFT)

    # The coach is told by email that something waits, without the text itself.
    (queued,) = _emails_queued()
    send_email.call(*queued.args)
    (mail,) = mailoutbox
    assert mail.to == ["coach_a@example.edu"]
    assert "review" in mail.subject and "love to chat" not in mail.body
    assert f"cc.example.edu/center/coach/reviews/{review.pk}/" in mail.body

    _as(client, coach)
    page = client.get(reverse("center:coach_reviews")).content.decode()
    assert "Draft message from mira" in page
    client.post(
        reverse("center:coach_review", args=[review.pk]),
        {"comment": "Ask for a set time.", "suggestion": BETTER},
    )
    review.refresh_from_db()
    assert review.status == "answered" and review.suggestion == BETTER

    _as(client, seeker)
    page = client.get(reverse("center:review_detail", args=[review.pk])).content.decode()
    assert "Ask for a set time." in page
    assert "<del>I would love </del><ins>Would you have 20 minutes </ins>" in page
    client.post(reverse("center:review_detail", args=[review.pk]), {"action": "accept"})
    draft.refresh_from_db()
    review.refresh_from_db()
    assert draft.body == BETTER
    assert review.status == "accepted"


def test_keeping_ones_text_changes_nothing(seeker, share, draft):
    review = reviews.ask(share, draft)
    reviews.answer(review, "Fine as it is, maybe shorter.", BETTER)
    reviews.keep(review)
    draft.refresh_from_db()
    assert draft.body == DRAFT and review.status == "kept"
    with pytest.raises(reviews.ReviewError):
        reviews.accept(review)


def test_a_pitch_suggestion_becomes_a_new_version(seeker, share):
    pitch = make_pitch(seeker, text="I study economics and wonder about consulting.")
    review = reviews.ask(share, pitch)
    reviews.answer(review, "", "I'm a third-year economics student curious about consulting.")
    reviews.accept(review)
    assert Pitch.objects.count() == 2
    pitch.refresh_from_db()
    assert pitch.text == "I study economics and wonder about consulting."
    assert review.pitch.text.startswith("I'm a third-year")


def test_a_plan_is_read_with_its_questions_and_the_goals_change(seeker, share):
    conversation = make_conversation(
        seeker, status=Conversation.Status.PLANNED, goals="Learn about the hours."
    )
    make_agenda_item(seeker, conversation=conversation, text="What is a typical week?")
    review = reviews.ask(share, conversation)
    assert review.context == "1. What is a typical week?"
    reviews.answer(review, "Add what you hope to decide.", "Learn about the hours and travel.")
    reviews.accept(review)
    conversation.refresh_from_db()
    assert conversation.goals == "Learn about the hours and travel."


def test_a_sent_message_cannot_be_asked_about_or_changed(client, seeker, share, draft):
    review = reviews.ask(share, draft)
    reviews.answer(review, "", BETTER)
    Message.objects.filter(pk=draft.pk).update(status=Message.Status.SENT)
    review.refresh_from_db()
    with pytest.raises(reviews.ReviewError, match="sent since"):
        reviews.accept(review)
    draft.refresh_from_db()
    assert draft.body == DRAFT
    _as(client, seeker)
    response = client.get(reverse("center:review_ask"), {"message": draft.pk}, follow=True)
    assert "only drafts can be reviewed" in response.content.decode()


def test_an_empty_text_is_not_sent_for_review(seeker, share):
    with pytest.raises(reviews.ReviewError, match="no text"):
        reviews.ask(share, make_pitch(seeker, text="", who_i_am=""))
    assert not Review.objects.exists()


def test_the_coach_must_say_something(seeker, share, draft):
    review = reviews.ask(share, draft)
    with pytest.raises(reviews.ReviewError):
        reviews.answer(review, "  ", DRAFT)  # the text unchanged is no suggestion
    review.refresh_from_db()
    assert review.status == "open"


def test_stopping_sharing_or_withdrawing_takes_the_review_out_of_sight(
    client, seeker, coach, share, draft
):
    review = reviews.ask(share, draft)
    url = reverse("center:coach_review", args=[review.pk])
    _as(client, coach)
    assert client.get(url).status_code == 200
    reviews.withdraw(review)
    assert client.get(url).status_code == 404
    second = reviews.ask(share, draft)
    share.delete()
    assert client.get(reverse("center:coach_review", args=[second.pk])).status_code == 404
    assert "mira" not in client.get(reverse("center:coach_reviews")).content.decode()


def test_nobody_else_sees_a_review(client, cohort, seeker, share, draft):
    review = reviews.ask(share, draft)
    other_coach = make_coach("coach_b", cohort)
    other_seeker = make_member("other", Role.SEEKER, cohort)
    for user, name in ((other_coach, "coach_review"), (other_seeker, "review_detail")):
        _as(client, user)
        for method in (client.get, client.post):
            assert method(reverse(f"center:{name}", args=[review.pk])).status_code == 404
    _as(client, other_seeker)
    url = reverse("center:review_ask") + f"?message={draft.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"share": share.pk}).status_code == 404


def test_asking_without_a_coach_says_how_to_start(client, seeker, draft):
    page = _as(client, seeker).get(reverse("center:review_ask"), {"message": draft.pk})
    assert "You share with no coach yet." in page.content.decode()


def test_the_entry_points_show_for_seekers_only(client, seeker, share, draft, settings):
    _as(client, seeker)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ask your coach to review" in page
    settings.LOCAL_MODE = True
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ask your coach to review" not in page
