"""Reaching out through the pages: drafts, live checks, getting a message out, and 3B7 on Today."""

from __future__ import annotations

import email
import email.policy
import zoneinfo
from datetime import datetime, time, timedelta
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.lib.business_days import add_business_days, business_days_between
from coffeechat.outreach.models import Message
from coffeechat.people.models import Interaction, Source
from tests.factories import make_contact, make_conversation, make_message

ZONE = "Pacific/Auckland"  # far from UTC, so a day counted in UTC would often be wrong
COUNTRY = "NZ"

JOB_ASK = (
    "Hi Ann,\n\nI'm an economics student. Could you tell me if there are any openings on your "
    "team? I would love to be considered for a job there.\n\nThank you,\nSam"
)
CLEAN_REQUEST = (
    "Hi Ann,\n\nMaria Chen suggested I reach out to you about your work in data journalism. "
    "I'm a third-year economics student exploring a move into the field.\n\n"
    "Would you be open to a 20-minute call in the coming weeks, so I could learn how you found "
    "your way into it and what you wish you had known? I'm glad to work around your "
    "schedule.\n\nThank you,\nSam Seeker"
)


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _text(response) -> str:
    return _soup(response).get_text(" ", strip=True)


def _flash(response) -> str:
    return " ".join(li.get_text(strip=True) for li in _soup(response).select("ul.flash li"))


def _act_url(message) -> str:
    return reverse("outreach:message_act", args=[message.pk])


@pytest.fixture
def profile(seeker):
    profile = get_profile(seeker)
    profile.display_name = "Sam Seeker"
    profile.email = "sam@example.com"
    profile.program = "third-year economics"
    profile.time_zone = ZONE
    profile.holiday_country = COUNTRY
    profile.save()
    return profile


def _local_today():
    return timezone.now().astimezone(zoneinfo.ZoneInfo(ZONE)).date()


def _business_days_ago(days: int) -> datetime:
    """Noon, where the seeker lives, on the latest day `days` business days before today."""
    today = _local_today()
    day = today
    while business_days_between(day, today, COUNTRY) < days:
        day -= timedelta(days=1)
    return datetime.combine(day, time(12), zoneinfo.ZoneInfo(ZONE))


def _d(day) -> str:
    """A date as the pages spell it, e.g. "Mon 3 Nov 2025"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


# --- Drafts ------------------------------------------------------------------------------------


def _draft_form(client, contact_id, kind="request", channel="email"):
    url = reverse("outreach:message_create")
    query = f"?contact={contact_id}&draft=1&kind={kind}&channel={channel}"
    response = client.get(url + query)
    assert response.status_code == 200
    soup = _soup(response)
    subject = soup.select_one("#id_subject").get("value", "")
    body = soup.select_one("#id_body").get_text().removeprefix("\n")
    selected = soup.select_one("#id_contact option[selected]")
    return subject, body, (selected["value"] or None) if selected else None, soup


def test_draft_for_a_referred_contact_names_the_referrer_first(seeker_client, seeker, profile):
    referrer = make_contact(seeker, first_name="Maria", last_name="Chen")
    contact = make_contact(seeker, first_name="Ann", source=Source.REFERRAL, referred_by=referrer)
    subject, body, selected, soup = _draft_form(seeker_client, contact.pk)
    assert subject.startswith("Maria Chen")
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "Hi Ann,"
    assert paragraphs[1].startswith("Maria Chen suggested I get in touch with you.")
    assert "Sam Seeker" in paragraphs[-1]
    assert selected == str(contact.pk)
    assert soup.select_one("#id_kind option[selected]")["value"] == "request"


def test_draft_picker_gives_the_follow_up(seeker_client, seeker, profile):
    contact = make_contact(seeker, first_name="Ann", source=Source.COLD)
    request_subject, request_body, *_ = _draft_form(seeker_client, contact.pk)
    subject, body, selected, soup = _draft_form(seeker_client, contact.pk, kind="follow_up")
    assert subject == f"Re: {request_subject}"
    assert body.startswith("Hi Ann,") and body != request_body
    assert "once more" in body
    assert soup.select_one("#id_kind option[selected]")["value"] == "follow_up"
    picker = soup.select_one("form.draft-picker select[name=kind] option[selected]")
    assert picker["value"] == "follow_up"


def test_a_strangers_contact_prefills_nothing(seeker_client, stranger, profile):
    theirs = make_contact(stranger, first_name="Secretname", email="secret@example.com")
    subject, body, selected, soup = _draft_form(seeker_client, theirs.pk)
    assert (subject, body.strip(), selected) == ("", "", None)
    assert "Secretname" not in soup.get_text()


# --- Live checks -------------------------------------------------------------------------------


def test_live_check_flags_a_job_request(seeker_client, profile):
    response = seeker_client.post(
        reverse("outreach:lint_message"),
        {"body": JOB_ASK, "subject": "Hello", "channel": "email", "kind": "request"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    soup = _soup(response)
    errors = {li.select_one("code.rule").text for li in soup.select("li.finding.error")}
    assert "ask.job" in errors
    assert "Nothing to fix" not in html


def test_live_check_passes_a_good_request(seeker_client, profile):
    response = seeker_client.post(
        reverse("outreach:lint_message"),
        {
            "body": CLEAN_REQUEST,
            "subject": "Maria Chen suggested I contact you",
            "channel": "email",
            "kind": "request",
        },
    )
    soup = _soup(response)
    assert not soup.select("li.finding")
    assert "Nothing to fix" in soup.get_text()


def test_live_check_holds_other_kinds_to_the_rules_that_apply_to_them(seeker_client, profile):
    response = seeker_client.post(
        reverse("outreach:lint_message"),
        {"body": JOB_ASK, "subject": "Thanks", "channel": "email", "kind": "thank_you"},
    )
    assert response.status_code == 200
    rules = {c.text for c in _soup(response).select("li.finding code.rule")}
    # No job asks anywhere; a first request's time and form rules only on first requests.
    assert "ask.job" in rules
    assert not rules & {"time.missing", "connection.missing", "purpose.missing"}


def test_live_check_of_another_kind_gives_no_verdict_on_a_request(seeker_client, profile):
    # The message page shows no verdict for kinds that are not checked; the live check should
    # not tell the writer of a thank-you that it "reads like a good request" either.
    response = seeker_client.post(
        reverse("outreach:lint_message"),
        {"body": JOB_ASK, "subject": "Thanks", "channel": "email", "kind": "thank_you"},
    )
    assert "reads like a good request" not in response.content.decode()


def test_live_question_check_flags_a_yes_no_question(seeker_client):
    url = reverse("outreach:lint_question")
    closed = seeker_client.post(url, {"text": "Do you like your job?"})
    assert "question.closed" in {c.text for c in _soup(closed).select("code.rule")}
    assert "<html" not in closed.content.decode()
    open_ = seeker_client.post(url, {"text": "What do you enjoy most about your work?"})
    assert not _soup(open_).select("li.finding")


@pytest.mark.parametrize("name", ["outreach:lint_message", "outreach:lint_question"])
def test_live_checks_only_take_posts(seeker_client, name):
    assert seeker_client.get(reverse(name)).status_code == 405


# --- The message page: findings, mailto and .eml ---------------------------------------------


def test_message_page_shows_the_findings_of_a_request(seeker_client, seeker, profile):
    request = make_message(seeker, kind="request", body=JOB_ASK)
    soup = _soup(seeker_client.get(request.get_absolute_url()))
    assert "ask.job" in {c.text for c in soup.select(".findings li.finding.error code.rule")}

    thanks = make_message(seeker, kind="thank_you", body=JOB_ASK)
    soup = _soup(seeker_client.get(thanks.get_absolute_url()))
    rules = {c.text for c in soup.select(".findings li.finding code.rule")}
    assert "ask.job" in rules and "time.missing" not in rules

    reply = make_message(seeker, kind="reply", body=JOB_ASK)
    soup = _soup(seeker_client.get(reply.get_absolute_url()))
    assert not soup.select(".findings li.finding")  # their words, not the seeker's


def test_mailto_link_is_rfc_6068_encoded(seeker_client, seeker, profile):
    contact = make_contact(seeker, first_name="Ann", email="ann.o@example.com")
    subject = "Q&A? 20 minutes, 100% on you"
    body = "Hi Ann,\n\nA question & a thanks?\r\nSee you soon = great.\n\nSam"
    message = make_message(seeker, contact=contact, subject=subject, body=body)
    soup = _soup(seeker_client.get(message.get_absolute_url()))
    href = soup.find("a", string="Open in your email program")["href"]

    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert parts.path == "ann.o@example.com"
    assert href.count("?") == 1
    fields = dict(field.split("=", 1) for field in parts.query.split("&"))
    assert set(fields) == {"subject", "body"}
    for raw in fields.values():
        assert " " not in raw and "+" not in raw and "\n" not in raw
    assert unquote(fields["subject"]) == subject
    assert "%0D%0A" in fields["body"]
    assert fields["body"].replace("%0D%0A", "").count("%0A") == 0
    assert fields["body"].replace("%0D%0A", "").count("%0D") == 0
    assert unquote(fields["body"]) == body.replace("\r\n", "\n").replace("\n", "\r\n")


def test_eml_download_is_a_draft_a_mail_program_can_open(seeker_client, seeker, profile):
    contact = make_contact(seeker, first_name="Ann", email="ann.o@example.com")
    subject = "Café & 20 minutes?"
    body = "Hi Ann,\n\nGrüße — would 20 minutes suit you?\n\nSam"
    message = make_message(seeker, contact=contact, subject=subject, body=body)
    page = _soup(seeker_client.get(message.get_absolute_url()))
    url = reverse("outreach:message_eml", args=[message.pk])
    assert page.find("a", href=url) is not None

    response = seeker_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("message/rfc822")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".eml" in response["Content-Disposition"]
    parsed = email.message_from_bytes(response.content, policy=email.policy.default)
    assert parsed["To"] == "ann.o@example.com"
    assert parsed["From"] == "sam@example.com"
    assert parsed["Subject"] == subject
    assert parsed["X-Unsent"] == "1"
    assert parsed.get_content().rstrip("\n") == body


# --- Marking sent and replies ------------------------------------------------------------------


def test_marking_a_request_sent_logs_it_and_moves_the_conversation(seeker_client, seeker, profile):
    conversation = make_conversation(seeker, status=Conversation.Status.PLANNED, scheduled_at=None)
    message = make_message(
        seeker, contact=conversation.contact, conversation=conversation, kind="request"
    )
    before = timezone.now()
    response = seeker_client.post(_act_url(message), {"action": "mark_sent"}, follow=True)
    assert response.redirect_chain[-1][0] == message.get_absolute_url()
    assert "Marked as sent" in _flash(response)
    assert _soup(response).find("button", string="They replied") is not None

    message.refresh_from_db()
    conversation.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_at is not None and message.sent_at >= before
    assert conversation.status == Conversation.Status.REQUESTED
    assert conversation.requested_at == message.sent_at
    logged = Interaction.objects.get(contact=conversation.contact)
    assert logged.direction == Interaction.Direction.OUTGOING
    assert logged.kind == Interaction.Kind.EMAIL
    assert logged.conversation == conversation
    assert logged.occurred_at == message.sent_at

    page = _text(seeker_client.get(conversation.get_absolute_url()))
    assert "No answer yet" in page


def test_a_request_without_a_conversation_gets_one(seeker_client, seeker, profile):
    contact = make_contact(seeker)
    message = make_message(seeker, contact=contact, kind="request")
    seeker_client.post(_act_url(message), {"action": "mark_sent"})
    message.refresh_from_db()
    conversation = Conversation.objects.get(contact=contact)
    assert message.conversation == conversation
    assert conversation.status == Conversation.Status.REQUESTED
    assert conversation.requested_at == message.sent_at
    assert conversation.owner == seeker


def test_marking_sent_twice_logs_one_interaction(seeker_client, seeker, profile):
    message = make_message(seeker, kind="request")
    seeker_client.post(_act_url(message), {"action": "mark_sent"})
    message.refresh_from_db()
    first_sent_at = message.sent_at
    seeker_client.post(_act_url(message), {"action": "mark_sent"})
    message.refresh_from_db()
    assert message.sent_at == first_sent_at
    assert Interaction.objects.filter(contact=message.contact).count() == 1
    assert Conversation.objects.filter(contact=message.contact).count() == 1


@pytest.mark.parametrize(("days", "booster"), [(2, True), (3, True), (5, False)])
def test_their_reply_shows_the_response_time(seeker_client, seeker, profile, days, booster):
    requested_at = _business_days_ago(days)
    conversation = make_conversation(
        seeker,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=requested_at,
    )
    message = make_message(
        seeker,
        contact=conversation.contact,
        conversation=conversation,
        kind="request",
        status=Message.Status.SENT,
        sent_at=requested_at,
    )
    before = timezone.now()
    seeker_client.post(_act_url(message), {"action": "replied"})
    conversation.refresh_from_db()
    assert conversation.replied_at is not None and conversation.replied_at >= before
    incoming = Interaction.objects.get(
        contact=conversation.contact, direction=Interaction.Direction.INCOMING
    )
    assert incoming.conversation == conversation

    page = _text(seeker_client.get(conversation.get_absolute_url()))
    assert f"They answered {days} business days after your request" in page
    assert ("likely booster" in page) is booster
    assert "No answer yet" not in page


# --- Sending by SMTP ---------------------------------------------------------------------------


@pytest.fixture
def smtp(settings):
    settings.EMAIL_HOST = "smtp.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def test_send_now_sends_one_email_and_marks_it_sent(seeker_client, seeker, profile, smtp):
    contact = make_contact(seeker, email="ann.o@example.com")
    message = make_message(
        seeker, contact=contact, subject="20 minutes of advice?", body=CLEAN_REQUEST
    )
    page = _soup(seeker_client.get(message.get_absolute_url()))
    assert page.find("button", string="Send now") is not None

    response = seeker_client.post(_act_url(message), {"action": "smtp"}, follow=True)
    assert "Sent to ann.o@example.com" in _flash(response)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ann.o@example.com"]
    assert sent.subject == "20 minutes of advice?"
    assert sent.body == CLEAN_REQUEST
    assert sent.reply_to == ["sam@example.com"]
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.sent_at is not None
    assert Interaction.objects.filter(contact=contact).count() == 1

    # Sending again is refused: the message went already.
    response = seeker_client.post(_act_url(message), {"action": "smtp"}, follow=True)
    assert "already sent" in _flash(response)
    assert len(mail.outbox) == 1


def test_send_now_needs_an_smtp_server(seeker_client, seeker, profile, settings):
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = make_message(seeker, contact=make_contact(seeker, email="ann.o@example.com"))
    page = _soup(seeker_client.get(message.get_absolute_url()))
    assert page.find("button", string="Send now") is None
    response = seeker_client.post(_act_url(message), {"action": "smtp"}, follow=True)
    assert "SMTP" in _flash(response)
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == Message.Status.DRAFT and message.sent_at is None


def test_send_now_refuses_a_contact_without_email(seeker_client, seeker, profile, smtp):
    contact = make_contact(seeker, first_name="Noemail", last_name="Person", email="")
    message = make_message(seeker, contact=contact)
    response = seeker_client.post(_act_url(message), {"action": "smtp"}, follow=True)
    assert "Noemail Person has no email address" in _flash(response)
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == Message.Status.DRAFT
    assert not Interaction.objects.filter(contact=contact).exists()


def test_a_stranger_cannot_act_on_a_message(stranger_client, seeker, smtp):
    message = make_message(seeker)
    for action in ("mark_sent", "smtp", "replied"):
        assert stranger_client.post(_act_url(message), {"action": action}).status_code == 404
    message.refresh_from_db()
    assert message.status == Message.Status.DRAFT
    assert mail.outbox == [] and not Interaction.objects.exists()


# --- 3B7 on Today ------------------------------------------------------------------------------


def _waiting(owner, requested_at, **kw) -> Conversation:
    return make_conversation(
        owner,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=requested_at,
        **kw,
    )


def _today_items(response) -> list:
    """The rows of Today's "Due now" list."""
    return _soup(response).select("ul.today-items > li")


def _items_about(response, text: str) -> list:
    return [li for li in _today_items(response) if text in li.get_text(" ", strip=True)]


def test_today_lists_requests_waiting_past_3b7(seeker_client, seeker, profile):
    overdue = _waiting(
        seeker, _business_days_ago(10), contact=make_contact(seeker, first_name="Wanda")
    )
    _waiting(seeker, timezone.now(), contact=make_contact(seeker, first_name="Nora"))
    _waiting(
        seeker,
        _business_days_ago(10),
        replied_at=_business_days_ago(8),
        contact=make_contact(seeker, first_name="Rita"),
    )

    response = seeker_client.get(reverse("today:today"))
    text = " ".join(li.get_text(" ", strip=True) for li in _today_items(response))
    assert "Rita" not in text  # answered
    # Just asked: waiting, with the days the 3B7 steps fall on, and nothing to do yet.
    (nora_row,) = _items_about(response, "Waiting for Nora")
    assert "a second person" in nora_row.get_text(" ", strip=True)
    assert nora_row.find("a", string="Draft the follow-up") is None

    (follow_up_row,) = _items_about(response, f"Follow up once with {overdue.contact}")
    follow_up = follow_up_row.find("a", string="Draft the follow-up")["href"]
    assert urlsplit(follow_up).path == reverse("outreach:message_create")
    for part in (
        f"contact={overdue.contact_id}",
        f"conversation={overdue.pk}",
        "kind=follow_up",
        "draft=1",
    ):
        assert part in urlsplit(follow_up).query
    # Both steps are due: one row, with the second person beside the follow-up (nobody else
    # at that organization is on the list yet: add one there).
    organization = overdue.organization
    add = follow_up_row.find("a", string=f"Add someone at {organization}")
    assert add["href"] == f"{reverse('people:contact_create')}?organization={organization.pk}"
    assert "a second person" in follow_up_row.get_text(" ", strip=True)

    # The link opens the follow-up draft, ready to edit.
    subject, body, *_ = _draft_form_from(seeker_client, follow_up)
    assert subject.startswith("Re: ") and "Hi Wanda," in body


def _draft_form_from(client, url):
    soup = _soup(client.get(url))
    return (
        soup.select_one("#id_subject").get("value", ""),
        soup.select_one("#id_body").get_text(),
    )


def test_today_shows_nothing_to_do_for_a_request_just_sent(seeker_client, seeker, profile):
    _waiting(seeker, timezone.now())
    (row,) = _today_items(seeker_client.get(reverse("today:today")))
    assert row.find_parent("section")["id"] == "today-waiting"
    assert [a.get_text(strip=True) for a in row.select("a.button")] == ["Open"]


def test_after_3_business_days_only_the_second_person_is_due(seeker_client, seeker, profile):
    _waiting(seeker, _business_days_ago(4), contact=make_contact(seeker, first_name="Wanda"))
    response = seeker_client.get(reverse("today:today"))
    assert len(_items_about(response, "Write to a second person")) == 1
    assert _items_about(response, "Follow up once") == []


def test_conversation_page_gives_the_3b7_dates(seeker_client, seeker, profile):
    requested_at = _business_days_ago(10)
    conversation = _waiting(seeker, requested_at)
    sent_on = requested_at.date()
    page = _text(seeker_client.get(conversation.get_absolute_url()))
    assert f"Request sent {_d(sent_on)}" in page
    assert f"From {_d(add_business_days(sent_on, 3, COUNTRY))} (3 business days)" in page
    assert f"From {_d(add_business_days(sent_on, 7, COUNTRY))} (7 business days)" in page
    rhythm = _soup(seeker_client.get(conversation.get_absolute_url())).select_one(".rhythm")
    assert len(rhythm.select("li.due")) == 2


def test_today_queries_do_not_grow_with_waiting_conversations(seeker_client, seeker, profile):
    def add(count: int) -> None:
        for _ in range(count):
            _waiting(seeker, _business_days_ago(10))

    def count_queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = seeker_client.get(reverse("today:today"))
        assert response.status_code == 200
        return len(queries), len(_items_about(response, "Follow up once"))

    add(2)
    with_two, shown = count_queries()
    assert shown == 2
    add(13)
    with_fifteen, shown = count_queries()
    assert shown == 10  # the first ten; the rest are a link away
    assert with_fifteen == with_two
