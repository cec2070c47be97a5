"""Review by a coach: the one place a Review's status changes.

    ask → (answer) → accept | keep        withdraw while waiting

Asking takes a copy of the text (a draft's body, the pitch as said, a plan's goals), so the
coach reads what the seeker sent, never the live row, and stops reading it when the seeker
stops sharing. Accepting a suggestion writes it where it came from: into the draft while it
is still a draft, as a new version of the pitch (every change of a pitch is kept), into the
conversation's goals. Emails go out through the background queue when the transaction ends.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from coffeechat.center import notifications
from coffeechat.center.models import Review, Share
from coffeechat.conversations.models import Conversation
from coffeechat.outreach.models import Message
from coffeechat.prepare.models import Pitch


class ReviewError(Exception):
    """A move the review's state does not allow, said in one sentence."""


def snapshot(row) -> dict:
    """The kind, a title and the text a coach is asked to read, from a draft, a pitch or a
    conversation's plan."""
    if isinstance(row, Message):
        if row.status != Message.Status.DRAFT:
            raise ReviewError("This message was already sent; only drafts can be reviewed.")
        return {
            "kind": Review.Kind.DRAFT,
            "message": row,
            "title": f"{row.get_kind_display()} to {row.contact}",
            "original": row.body,
            "context": f"Subject: {row.subject}" if row.subject else "",
        }
    if isinstance(row, Pitch):
        return {
            "kind": Review.Kind.PITCH,
            "pitch": row,
            "title": "Pitch" + (f" for {row.contact}" if row.contact_id else ""),
            "original": row.spoken_text,
            "context": "",
        }
    if isinstance(row, Conversation):
        questions = [item.text for item in row.agenda_items.all() if item.text]
        return {
            "kind": Review.Kind.PLAN,
            "conversation": row,
            "title": f"Plan for the conversation with {row.contact}",
            "original": row.goals,
            "context": "\n".join(f"{n}. {text}" for n, text in enumerate(questions, 1)),
        }
    raise TypeError(f"cannot review {type(row).__name__}")


def ask(share: Share, row, question: str = "") -> Review:
    """The seeker asks the coach of `share` to review `row` (theirs: looked up for them)."""
    if row.owner_id != share.seeker_id:
        raise ValueError("a seeker asks for review of their own rows only")
    fields = snapshot(row)
    if not fields["original"].strip():
        raise ReviewError("There is no text to review yet: write it first.")
    review = Review.objects.create(
        seeker_id=share.seeker_id, coach_id=share.coach_id, question=question.strip(), **fields
    )
    _tell(
        review.coach,
        f"{_name(review.seeker)} asks you to review a {review.get_kind_display().lower()}",
        f"{_name(review.seeker)} would like your comments on a "
        f"{review.get_kind_display().lower()}.",
        reverse("center:coach_review", args=[review.pk]),
    )
    return review


def answer(review: Review, comment: str, suggestion: str) -> Review:
    """The coach comments and may suggest new text; an unchanged suggestion counts as none."""
    if review.status not in (Review.Status.OPEN, Review.Status.ANSWERED):
        raise ReviewError("The seeker already decided on this review.")
    suggestion = suggestion if suggestion.strip() != review.original.strip() else ""
    if not comment.strip() and not suggestion.strip():
        raise ReviewError("Write a comment or suggest a change.")
    review.comment, review.suggestion = comment.strip(), suggestion
    review.status, review.answered_at = Review.Status.ANSWERED, timezone.now()
    review.save(update_fields=["comment", "suggestion", "status", "answered_at"])
    _tell(
        review.seeker,
        f"Your coach replied about your {review.get_kind_display().lower()}",
        f"{_name(review.coach)} replied to your request for review"
        + (" and suggests changes." if review.suggestion else "."),
        reverse("center:review_detail", args=[review.pk]),
    )
    return review


def accept(review: Review) -> Review:
    """The suggestion goes where the text came from; the review is done."""
    if review.status != Review.Status.ANSWERED or not review.suggestion:
        raise ReviewError("There is no suggestion to accept.")
    _apply(review)
    return _decide(review, Review.Status.ACCEPTED)


def keep(review: Review) -> Review:
    """The seeker keeps their own text; the coach's comment stays readable."""
    if review.status != Review.Status.ANSWERED:
        raise ReviewError("Your coach has not replied yet.")
    return _decide(review, Review.Status.KEPT)


def withdraw(review: Review) -> Review:
    if review.status != Review.Status.OPEN:
        raise ReviewError("Only a request still waiting for your coach can be withdrawn.")
    return _decide(review, Review.Status.WITHDRAWN)


def current_text(review: Review) -> str | None:
    """The text as it is now where it came from (None once that row is gone or sent)."""
    if review.kind == Review.Kind.DRAFT and review.message is not None:
        return review.message.body if review.message.status == Message.Status.DRAFT else None
    if review.kind == Review.Kind.PITCH and review.pitch is not None:
        return review.pitch.spoken_text
    if review.kind == Review.Kind.PLAN and review.conversation is not None:
        return review.conversation.goals
    return None


def _apply(review: Review) -> None:
    if review.kind == Review.Kind.DRAFT:
        message = review.message
        if message is None or message.status != Message.Status.DRAFT:
            raise ReviewError("That draft was sent since, so the suggestion cannot go in.")
        message.body = review.suggestion
        message.save()
    elif review.kind == Review.Kind.PITCH:
        if review.pitch is None:
            raise ReviewError("That pitch was deleted since, so the suggestion cannot go in.")
        # A changed pitch is a new version, as when the seeker edits it; the old one stays.
        old = review.pitch
        review.pitch = Pitch.objects.create(
            owner_id=old.owner_id,
            contact_id=old.contact_id,
            who_i_am=old.who_i_am,
            what_i_have_done=old.what_i_have_done,
            what_i_am_exploring=old.what_i_am_exploring,
            why_this_person=old.why_this_person,
            what_i_am_asking=old.what_i_am_asking,
            text=review.suggestion,
        )
        review.save(update_fields=["pitch"])
    else:
        conversation = review.conversation
        if conversation is None:
            raise ReviewError("That conversation was deleted since.")
        conversation.goals = review.suggestion
        conversation.save()


def _decide(review: Review, status: str) -> Review:
    review.status, review.decided_at = status, timezone.now()
    review.save(update_fields=["status", "decided_at"])
    return review


def _name(user) -> str:
    profile = getattr(user, "seeker_profile", None)
    return (profile.display_name if profile is not None else "") or user.get_username()


def _tell(user, subject: str, sentence: str, path: str) -> None:
    """An email saying only that something waits, with the page to read it on: the text
    under review never leaves the app."""
    body = f"{sentence}\n\nRead it in coffeechat: {notifications.page_address(path)}"
    notifications.queue_email(user, subject, body)
