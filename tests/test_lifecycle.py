"""One informational interview from first idea to keeping in touch, through the pages only.

planned → requested → scheduled → held → thanked → keeping in touch. Every step submits the
form the page rendered (with the user's changes) and checks what the conversation page shows.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Interaction
from tests.factories import make_conversation

ZONE = "Pacific/Auckland"  # the seeker's; far from UTC so a day counted in UTC shows up
MEETING_ZONE = "America/New_York"  # the meeting's own zone
ACTED = "Volunteer at the data journalism meetup."
NOT_ACTED = "Learn SQL before applying anywhere."
PROMISE = "Send you my portfolio draft"


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _post_form(soup: BeautifulSoup):
    """The page's own form (not the search box or the log-out button)."""
    (form,) = soup.select("main form.form[method=post]") or soup.select("form.form[method=post]")
    return form


def _form_data(form) -> dict[str, object]:
    """What a browser would submit for the form as rendered."""
    data: dict[str, object] = {}
    for field in form.select("input[name]"):
        kind = field.get("type", "text").lower()
        if kind in ("submit", "button", "reset", "file"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
            continue
        data[field["name"]] = field.get("value", "")
    for select in form.select("select[name]"):
        chosen = select.select("option[selected]")
        if select.has_attr("multiple"):
            data[select["name"]] = [o.get("value", o.get_text()) for o in chosen]
        else:
            option = chosen[0] if chosen else select.find("option")
            data[select["name"]] = option.get("value", option.get_text()) if option else ""
    for area in form.select("textarea[name]"):
        data[area["name"]] = area.get_text().removeprefix("\n")
    return data


def _fill(client, url: str, **changes) -> dict[str, object]:
    """The form on the page at url, as rendered, with the user's changes."""
    response = client.get(url)
    assert response.status_code == 200
    data = _form_data(_post_form(_soup(response)))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _submit(client, url: str, **changes):
    response = client.post(url, _fill(client, url, **changes))
    errors = _soup(response).select(".error, .errors") if response.status_code == 200 else []
    assert response.status_code == 302, [e.get_text(" ", strip=True) for e in errors]
    return response


def _row(soup: BeautifulSoup, label: str) -> str:
    """The value shown next to a label in the page's field list."""
    for dt in soup.select("dl.fields dt"):
        if dt.get_text(strip=True) == label:
            return dt.find_next_sibling("dd").get_text(" ", strip=True)
    raise AssertionError(f"no {label!r} row on the page")


def _shown_status(client, conversation: Conversation) -> str:
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200
    return _row(_soup(response), "Status")


def _press(client, message: Message, action: str):
    """Press the button with this action on the message page, as the page's form posts it."""
    page = _soup(client.get(message.get_absolute_url()))
    button = page.find("button", attrs={"name": "action", "value": action})
    assert button is not None, f"no {action!r} button on the message page"
    form = button.find_parent("form")
    data = _form_data(form)
    data["action"] = action
    response = client.post(form["action"], data)
    assert response.status_code == 302
    assert response["Location"] == message.get_absolute_url()
    return response


def _save_draft(client, url: str) -> Message:
    """Open a generated draft, check it is filled, save it; the saved message."""
    response = _submit(client, url)
    message = Message.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert message.status == Message.Status.DRAFT and message.sent_at is None
    return message


def _draft_url(contact, conversation, kind: str) -> str:
    return (
        reverse("outreach:message_create")
        + f"?contact={contact.pk}&conversation={conversation.pk}&draft=1&kind={kind}"
    )


def _today_rows(client, text: str) -> list:
    rows = _soup(client.get(reverse("today:today"))).select("ul.today-items > li")
    return [li for li in rows if text in li.get_text(" ", strip=True)]


def _local_today():
    return timezone.now().astimezone(zoneinfo.ZoneInfo(ZONE)).date()


@pytest.fixture
def profile(seeker):
    profile = get_profile(seeker)
    profile.display_name = "Sam Seeker"
    profile.email = "sam@example.com"
    profile.time_zone = ZONE
    profile.holiday_country = "NZ"
    profile.save()
    return profile


def test_one_conversation_from_planned_to_keeping_in_touch(seeker_client, seeker, profile):
    client = seeker_client

    # --- A person and a planned conversation, through the create forms. ---------------------
    _submit(
        client,
        reverse("people:contact_create"),
        first_name="Ann",
        last_name="Okafor",
        email="ann.okafor@example.com",
        title="Data editor",
        source="alumni",
    )
    contact = Contact.objects.get(owner=seeker, last_name="Okafor")
    response = _submit(
        client,
        reverse("conversations:conversation_create") + f"?contact={contact.pk}",
        goals="How data journalists got their first role",
    )
    conversation = Conversation.objects.get(owner=seeker, contact=contact)
    assert response["Location"] == conversation.get_absolute_url()
    assert _shown_status(client, conversation) == "Planned"
    assert conversation.time_zone == ZONE  # starts in the seeker's zone

    # --- The request: drafted, saved, marked sent. -------------------------------------------
    page = _soup(client.get(_draft_url(contact, conversation, "request")))
    form = _post_form(page)
    drafted = _form_data(form)
    assert drafted["contact"] == str(contact.pk)
    assert drafted["conversation"] == str(conversation.pk)
    assert drafted["kind"] == "request"
    assert drafted["status"] == "draft"
    assert drafted["body"].startswith("Hi Ann,")
    assert "Sam Seeker" in drafted["body"]
    request = _save_draft(client, _draft_url(contact, conversation, "request"))
    assert request.conversation == conversation and request.kind == Message.Kind.REQUEST
    assert _shown_status(client, conversation) == "Planned"  # a draft has not gone out

    before = timezone.now()
    _press(client, request, "mark_sent")
    conversation.refresh_from_db()
    request.refresh_from_db()
    assert request.status == Message.Status.SENT
    assert conversation.requested_at is not None and conversation.requested_at >= before
    assert conversation.requested_at == request.sent_at
    page = _soup(client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Requested"
    assert "No answer yet" in page.get_text(" ", strip=True)

    # --- They answer; a time is agreed. ------------------------------------------------------
    _press(client, request, "replied")
    conversation.refresh_from_db()
    assert conversation.replied_at is not None
    page = _soup(client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Requested"  # answered, but no time agreed yet
    assert "They answered" in page.get_text(" ", strip=True)
    assert "No answer yet" not in page.get_text(" ", strip=True)

    meeting_day = _local_today() + timedelta(days=3)
    _submit(
        client,
        reverse("conversations:conversation_edit", args=[conversation.pk]),
        scheduled_at=f"{meeting_day:%Y-%m-%d}T15:30",
        time_zone=MEETING_ZONE,
        agreed_minutes="30",
    )
    conversation.refresh_from_db()
    expected_start = datetime(
        meeting_day.year,
        meeting_day.month,
        meeting_day.day,
        15,
        30,
        tzinfo=zoneinfo.ZoneInfo(MEETING_ZONE),
    )
    assert conversation.scheduled_at == expected_start
    page = _soup(client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Scheduled"
    # On the seeker's clock (Auckland), with the meeting's own time beside it.
    mine = expected_start.astimezone(zoneinfo.ZoneInfo(ZONE))
    when = _row(page, "When")
    assert when.startswith(f"{mine:%a} {mine.day} {mine:%b %Y}, {mine:%H:%M}"), when
    assert f"meeting time: {meeting_day:%a} {meeting_day.day} {meeting_day:%b}, 15:30" in when

    # --- After the conversation: the wrap-up page. -------------------------------------------
    wrap_up = reverse("conversations:conversation_wrap_up", args=[conversation.pk])
    assert page.find("a", href=wrap_up) is not None
    promise_due = _local_today() + timedelta(days=10)
    response = client.post(
        wrap_up,
        _fill(
            client,
            wrap_up,
            **{
                "takeaway-0-category": "skills",
                "takeaway-0-text": NOT_ACTED,
                "takeaway-1-category": "advice",
                "takeaway-1-text": ACTED,
                "takeaway-1-will_act_on": "on",
                "promise-0-title": PROMISE,
                "promise-0-due_on": f"{promise_due:%Y-%m-%d}",
                "resume_requested": "on",
                "usefulness": "5",
            },
        ),
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("outreach:message_create")
    assert parse_qs(location.query) == {
        "contact": [str(contact.pk)],
        "conversation": [str(conversation.pk)],
        "kind": ["thank_you"],
        "draft": ["1"],
    }

    conversation.refresh_from_db()
    assert conversation.held_at is not None
    assert conversation.resume_requested is True and conversation.usefulness == 5
    page = _soup(client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Held"
    assert _row(page, "They asked for my résumé") == "Yes"
    assert {t.text: t.will_act_on for t in conversation.takeaways.all()} == {
        NOT_ACTED: False,
        ACTED: True,
    }
    assert conversation.takeaways.get(text=ACTED).category == Takeaway.Category.ADVICE

    thank_you_due = _local_today() + timedelta(days=2)
    thank_you_task = Task.objects.get(conversation=conversation, kind=Task.Kind.THANK_YOU)
    assert thank_you_task.due_on == thank_you_due and not thank_you_task.done
    resume_task = Task.objects.get(conversation=conversation, kind=Task.Kind.SEND_RESUME)
    assert not resume_task.done and resume_task.contact == contact
    promise = Task.objects.get(conversation=conversation, kind=Task.Kind.PROMISE)
    assert (promise.title, promise.due_on, promise.contact) == (PROMISE, promise_due, contact)
    tasks_text = page.get_text(" ", strip=True)
    assert thank_you_task.title in tasks_text and PROMISE in tasks_text

    # The thank-you draft names the advice acted on, the promise and the résumé.
    thanks_page = _soup(client.get(response["Location"]))
    thanks = _form_data(_post_form(thanks_page))
    assert thanks["kind"] == "thank_you"
    assert thanks["conversation"] == str(conversation.pk)
    body = thanks["body"]
    assert "Your advice, “Volunteer at the data journalism meetup”," in body
    assert "SQL" not in body  # not the advice left aside
    assert "As promised, I'll send you my portfolio draft." in body
    assert "résumé" not in body  # asked for, but not sent yet: the task says so

    # Today asks for the thank-you, with a link to this draft.
    (row,) = _today_rows(client, thank_you_task.title)
    link = urlsplit(row.find("a", string="Draft the thank-you")["href"])
    assert (link.path, parse_qs(link.query)) == (location.path, parse_qs(location.query))

    # --- The thank-you goes out. -------------------------------------------------------------
    thanks_message = _save_draft(client, response["Location"])
    assert thanks_message.kind == Message.Kind.THANK_YOU
    assert _shown_status(client, conversation) == "Held"
    before = timezone.now()
    _press(client, thanks_message, "mark_sent")
    conversation.refresh_from_db()
    thanks_message.refresh_from_db()
    thank_you_task.refresh_from_db()
    assert conversation.thanked_at is not None and conversation.thanked_at >= before
    assert conversation.thanked_at == thanks_message.sent_at
    assert thank_you_task.done
    page = _soup(client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Thanked"
    assert _today_rows(client, thank_you_task.title) == []

    # --- Later, an update: keeping in touch. -------------------------------------------------
    update = _save_draft(client, _draft_url(contact, conversation, "update"))
    assert update.kind == Message.Kind.UPDATE
    assert _shown_status(client, conversation) == "Thanked"
    _press(client, update, "mark_sent")
    assert _shown_status(client, conversation) == "Keeping in touch"

    # Every message that went out was logged with the person, outgoing.
    outgoing = Interaction.objects.filter(
        contact=contact, direction=Interaction.Direction.OUTGOING
    ).count()
    assert outgoing == 3
    assert Interaction.objects.filter(
        contact=contact, direction=Interaction.Direction.INCOMING
    ).exists()


def test_a_time_agreed_moves_a_planned_conversation_straight_to_scheduled(
    seeker_client, seeker, profile
):
    conversation = make_conversation(seeker, status="planned", scheduled_at=None)
    edit = reverse("conversations:conversation_edit", args=[conversation.pk])
    _submit(seeker_client, edit, goals="Their first year")
    assert _shown_status(seeker_client, conversation) == "Planned"  # no time, no change

    day = _local_today() + timedelta(days=5)
    _submit(seeker_client, edit, scheduled_at=f"{day:%Y-%m-%d}T09:00", time_zone=ZONE)
    assert _shown_status(seeker_client, conversation) == "Scheduled"


def test_a_time_agreed_counts_as_their_answer(seeker_client, seeker, profile):
    conversation = make_conversation(
        seeker,
        status="requested",
        scheduled_at=None,
        requested_at=timezone.now() - timedelta(days=1),
    )
    assert "No answer yet" in _soup(seeker_client.get(conversation.get_absolute_url())).text
    day = _local_today() + timedelta(days=5)
    _submit(
        seeker_client,
        reverse("conversations:conversation_edit", args=[conversation.pk]),
        scheduled_at=f"{day:%Y-%m-%d}T09:00",
    )
    page = _soup(seeker_client.get(conversation.get_absolute_url()))
    assert _row(page, "Status") == "Scheduled"
    assert "No answer yet" not in page.get_text(" ", strip=True)
    assert "They answered" in page.get_text(" ", strip=True)
    conversation.refresh_from_db()
    assert conversation.replied_at is not None


def test_editing_the_time_of_a_held_conversation_keeps_it_held(seeker_client, seeker, profile):
    conversation = make_conversation(
        seeker, status="held", held_at=timezone.now() - timedelta(days=1)
    )
    day = _local_today() - timedelta(days=1)
    _submit(
        seeker_client,
        reverse("conversations:conversation_edit", args=[conversation.pk]),
        scheduled_at=f"{day:%Y-%m-%d}T10:00",
    )
    assert _shown_status(seeker_client, conversation) == "Held"
