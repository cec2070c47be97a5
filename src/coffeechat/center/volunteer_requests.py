"""Where a request to an alumni volunteer changes status, with the email each change sends:
a seeker sends it, the volunteer accepts it or declines it with a kind note, the seeker
withdraws it, or it expires unanswered after VolunteerRequest.DAYS_OPEN days. Pages and the
worker call these functions; nothing else sets a request's status.

Every move starts from a waiting (open) request; the others are final. A move is one
conditional UPDATE, so an answer and an expiry (or two clicks) that cross cannot both
happen: the second finds the request no longer waiting and says why (NotNow).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django_tasks import task

from coffeechat.center import access, notifications
from coffeechat.center.models import VolunteerProfile, VolunteerRequest
from coffeechat.core.locks import lock_account
from coffeechat.lib import volunteer_fairness as fairness
from coffeechat.lib.drafting import phrases
from coffeechat.lib.drafting.facts import Reader
from coffeechat.lib.drafting.requests import greeting
from coffeechat.lib.etiquette import Finding, has_errors
from coffeechat.lib.zones import format_day
from coffeechat.outreach import checking
from coffeechat.outreach.models import Message

Status = VolunteerRequest.Status
OPEN, ACCEPTED, DECLINED = Status.OPEN, Status.ACCEPTED, Status.DECLINED
WITHDRAWN, EXPIRED = Status.WITHDRAWN, Status.EXPIRED

# The moves a request can make: only a waiting request moves, and where it lands is final.
MOVES: dict[str, frozenset[str]] = {OPEN: frozenset({ACCEPTED, DECLINED, WITHDRAWN, EXPIRED})}
MAX_MESSAGE = 4_000
MAX_NOTE = 2_000


class NotNow(Exception):
    """A move that cannot be made, with the sentence that says why."""


def can_move(current: str, to: str) -> bool:
    return to in MOVES.get(current, frozenset())


def seeker_name(user) -> str:
    """What the center calls a seeker: the name in their profile, else their user name."""
    return _name_in(user, "seeker_profile")


def volunteer_name(user) -> str:
    """What the center calls a volunteer: the name on their volunteer profile."""
    return _name_in(user, "volunteer_profile")


def _name_in(user, related: str) -> str:
    profile = getattr(user, related, None)
    name = phrases.clean(profile.display_name) if profile is not None else ""
    return name or user.get_username()


# Checking the message ---------------------------------------------------------------------


def findings(message: str) -> list[Finding]:
    """What the etiquette checker says of a request, held to every rule of a first request,
    exactly as a request drafted in Reach out is checked (an email without a subject)."""
    return checking.findings_for(
        message, Message.Channel.EMAIL, "", Message.Kind.REQUEST, premium=False
    )


# Sending ----------------------------------------------------------------------------------


def refusal(seeker, card: access.VolunteerCard, now: datetime) -> str:
    """Why this seeker cannot ask this volunteer now; "" when they can."""
    waiting = list(access.open_requests_of(seeker).values_list("volunteer_id", flat=True))
    if card.volunteer_id in waiting:
        return f"Your request to {card.name} is still waiting for an answer."
    if not card.available:
        return f"{card.name} is not taking requests at the moment."
    if card.load.full:
        day = format_day(fairness.next_month_start(now).date())
        return (
            f"{card.name} has had all the requests they offered to take this month. "
            f"They can be asked again from {day}."
        )
    if not fairness.seeker_may_ask(len(waiting)):
        return limit_reached_sentence()
    return ""


def limit_reached_sentence() -> str:
    return (
        f"You have {fairness.SEEKER_OPEN_LIMIT} requests waiting for an answer, the most at "
        "one time, so that everyone looking gets a turn. You can ask someone else once one is "
        "answered, once you withdraw it, or when it closes unanswered "
        f"{VolunteerRequest.DAYS_OPEN} days after you sent it."
    )


def send(seeker, profile_id, message: str, now: datetime | None = None) -> VolunteerRequest:
    """The seeker's request to a volunteer, if the etiquette checker finds nothing that must
    be fixed and the fairness rules allow it; else NotNow. Counted under the volunteer's lock,
    so two seekers cannot take a volunteer's last place of the month together."""
    now = now or access.center_now()
    message = message.strip()
    if not message:
        raise NotNow("Write your message first.")
    if has_errors(findings(message)):
        raise NotNow("Fix what the checker marks “Must fix” before sending.")
    with transaction.atomic():
        return _send(seeker, profile_id, message, now)


def _send(seeker, profile_id, message: str, now: datetime) -> VolunteerRequest:
    expire_due(now)
    lock_account(seeker)  # one request at a time from one seeker: the limit holds
    card = access.volunteer_card_for_seeker(seeker, profile_id, now)
    VolunteerProfile.objects.select_for_update().filter(pk=card.profile_id).values("pk").first()
    card = access.volunteer_card_for_seeker(seeker, profile_id, now)  # counted under the lock
    reason = refusal(seeker, card, now)
    if reason:
        raise NotNow(reason)
    volunteer_request = VolunteerRequest.objects.create(
        seeker=seeker,
        volunteer_id=card.volunteer_id,
        message=message[:MAX_MESSAGE],
        status=OPEN,
        created_at=now,
        expires_at=now + timedelta(days=VolunteerRequest.DAYS_OPEN),
    )
    _tell_volunteer_of(volunteer_request, card)
    expires_at = volunteer_request.expires_at
    transaction.on_commit(lambda: expire_requests.using(run_after=expires_at).enqueue())
    return volunteer_request


# Answers ----------------------------------------------------------------------------------


def accept(volunteer_request: VolunteerRequest, now: datetime | None = None) -> None:
    """The volunteer says yes: from now on both see each other's email and phone."""
    now = now or access.center_now()
    _answer(volunteer_request, ACCEPTED, now)
    _tell_seeker_accepted(volunteer_request)


def decline(volunteer_request: VolunteerRequest, note: str, now: datetime | None = None) -> None:
    """The volunteer says no, with a note the seeker reads (a kind one is offered)."""
    now = now or access.center_now()
    note = note.strip()[:MAX_NOTE]
    if not note:
        raise NotNow("Write a short note for the seeker, or keep the one offered.")
    _answer(volunteer_request, DECLINED, now, decline_note=note)
    _tell_seeker_declined(volunteer_request)


def withdraw(volunteer_request: VolunteerRequest, now: datetime | None = None) -> None:
    """The seeker takes back a request still waiting. It still counts toward the volunteer's
    month: it reached them (coffeechat.lib.volunteer_fairness)."""
    now = now or access.center_now()
    _move(volunteer_request, WITHDRAWN, VolunteerRequest.objects.all(), answered_at=now)


def _answer(volunteer_request: VolunteerRequest, to: str, now: datetime, **fields) -> None:
    """An answer counts only while the request is waiting and has not passed its time."""
    still_open = VolunteerRequest.objects.filter(expires_at__gt=now)
    try:
        _move(volunteer_request, to, still_open, answered_at=now, **fields)
    except NotNow:
        expire_due(now)
        volunteer_request.refresh_from_db(fields=["status"])
        raise NotNow(why_not_waiting(volunteer_request)) from None


def _move(volunteer_request: VolunteerRequest, to: str, rows, **fields) -> None:
    if not can_move(OPEN, to):
        raise ValueError(f"a request cannot move to {to!r}")
    moved = rows.filter(pk=volunteer_request.pk, status=OPEN).update(status=to, **fields)
    if not moved:
        volunteer_request.refresh_from_db(fields=["status"])
        raise NotNow(why_not_waiting(volunteer_request))
    volunteer_request.status = to
    for name, value in fields.items():
        setattr(volunteer_request, name, value)


def why_not_waiting(volunteer_request: VolunteerRequest) -> str:
    return {
        ACCEPTED: "This request was already accepted.",
        DECLINED: "This request was already declined.",
        WITHDRAWN: "The seeker withdrew this request.",
        EXPIRED: (
            f"This request closed after {VolunteerRequest.DAYS_OPEN} days without an answer."
        ),
    }.get(volunteer_request.status, "This request is waiting for an answer.")


# Expiry -----------------------------------------------------------------------------------


def expire_due(now: datetime | None = None) -> int:
    """Close every request still waiting past its time, and tell each seeker. Called when a
    request page is looked at and by the worker when a request's time comes; a look that
    finds nothing due writes nothing."""
    now = now or access.center_now()
    due = VolunteerRequest.objects.filter(status=OPEN, expires_at__lte=now)
    if not due.exists():
        return 0
    with transaction.atomic():
        ids = list(due.select_for_update().values_list("pk", flat=True))
        VolunteerRequest.objects.filter(pk__in=ids, status=OPEN).update(status=EXPIRED)
        expired = VolunteerRequest.objects.filter(pk__in=ids).select_related(
            "seeker__seeker_profile", "volunteer__volunteer_profile"
        )
        for volunteer_request in expired:
            _tell_seeker_expired(volunteer_request)
    return len(ids)


@task()
def expire_requests() -> int:
    """The worker's run of expire_due, queued for the moment each request's time is up."""
    return expire_due()


# The kind note a volunteer is offered ------------------------------------------------------


def default_decline_note(volunteer_request: VolunteerRequest) -> str:
    seeker = phrases.first_name_of(seeker_name(volunteer_request.seeker))
    volunteer = volunteer_name(volunteer_request.volunteer)
    return (
        f"{greeting(Reader(first_name=seeker))}\n\n"
        "Thank you for writing to me, and for thinking of me. I can't take on a conversation "
        "at the moment, but I hope another volunteer can help, and I wish you well.\n\n"
        f"All the best,\n{volunteer}"
    )


# Emails: each says only what its reader may see in the app ---------------------------------


def _request_page(volunteer_request: VolunteerRequest) -> str:
    path = reverse("center:volunteer_request", args=[volunteer_request.pk])
    return notifications.page_address(path)


def _tell_volunteer_of(volunteer_request: VolunteerRequest, card: access.VolunteerCard) -> None:
    seeker = seeker_name(volunteer_request.seeker)
    days = VolunteerRequest.DAYS_OPEN
    notifications.queue_email(
        volunteer_request.volunteer,
        f"{seeker} would like a conversation with you",
        f"Hello {card.name},\n\n"
        f"{seeker} found you in the career center's directory of alumni volunteers and asks "
        "for a short conversation to learn from your experience. Their message, and the "
        f"buttons to accept or decline, are here:\n{_request_page(volunteer_request)}\n\n"
        f"The request stays open for {days} days. When you accept, you both see each other's "
        "email and phone in coffeechat. If this is not a good time, declining with a short "
        "note is kind and perfectly fine.",
    )


def _tell_seeker_accepted(volunteer_request: VolunteerRequest) -> None:
    volunteer = volunteer_name(volunteer_request.volunteer)
    details = access.contact_details_for(volunteer_request, volunteer_request.seeker) or {}
    lines = [f"Email: {details.get('email', '')}"]
    if details.get("phone"):
        lines.append(f"Phone: {details['phone']}")
    notifications.queue_email(
        volunteer_request.seeker,
        f"{volunteer} accepted your request",
        f"Good news: {volunteer} accepted your request for a conversation.\n\n"
        "Write to them to agree on a time that suits them:\n"
        + "\n".join(lines)
        + f"\n\nYour request: {_request_page(volunteer_request)}\n\n"
        "Keep to the time you agree, and thank them within a day or two afterwards.",
    )


def _tell_seeker_declined(volunteer_request: VolunteerRequest) -> None:
    volunteer = volunteer_name(volunteer_request.volunteer)
    notifications.queue_email(
        volunteer_request.seeker,
        f"{volunteer} answered your request",
        f"{volunteer} cannot take on a conversation this time, and wrote to you:\n\n"
        f"{volunteer_request.decline_note}\n\n"
        f"Other volunteers may be free: {_directory_page()}",
    )


def _tell_seeker_expired(volunteer_request: VolunteerRequest) -> None:
    volunteer = volunteer_name(volunteer_request.volunteer)
    days = VolunteerRequest.DAYS_OPEN
    notifications.queue_email(
        volunteer_request.seeker,
        f"Your request to {volunteer} has closed",
        f"Your request to {volunteer} had no answer within {days} days, so it has closed. "
        "Volunteers are busy people, and a quiet week is no judgement of you. The request no "
        "longer counts toward the ones you may have waiting, so you can ask someone else:\n"
        f"{_directory_page()}",
    )


def _directory_page() -> str:
    return notifications.page_address(reverse("center:volunteer_directory"))
