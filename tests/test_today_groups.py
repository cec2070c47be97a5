"""Today as the seeker's dashboard: each row in its group (overdue, today, this week, waiting
for a reply, coming meetings, past meetings to write up), counted in the seeker's own days on
both sides of the date line, and tasks ticked off in place with or without JavaScript."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import clock_for, get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from tests.factories import (
    make_contact,
    make_conversation,
    make_organization,
    make_takeaway,
    make_task,
)

TODAY_URL = reverse("today:today")


def _groups(client) -> dict[str, list[str]]:
    """{group id: [row titles]} in the order shown."""
    response = client.get(TODAY_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        section["id"].removeprefix("today-"): [
            li.select_one(".what strong").get_text(" ", strip=True)
            for li in section.select("ul.today-items > li")
        ]
        for section in soup.select("section.today-block[id^=today-]")
    }


def _row(client, title: str):
    soup = BeautifulSoup(client.get(TODAY_URL).content.decode(), "html.parser")
    (row,) = [li for li in soup.select("ul.today-items > li") if title in li.get_text(" ")]
    return row


def _at(day, hour: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour), zoneinfo.ZoneInfo(zone))


@pytest.fixture(params=["Pacific/Auckland", "America/Los_Angeles"])
def zone(request, seeker):
    profile = get_profile(seeker)
    profile.time_zone = request.param
    profile.holiday_country = ""
    profile.save()
    return request.param


def _dataset(seeker, zone: str) -> dict[str, str]:
    """One row of each kind, dated from the seeker's today; {title: expected group}."""
    clock = clock_for(seeker)
    today, now = clock.today(), timezone.now()
    utc_date = now.astimezone(UTC).date()
    expected = {}

    def task(title, due_on, group):
        make_task(seeker, title=title, due_on=due_on, kind=Task.Kind.OTHER)
        if group:
            expected[title] = group

    task("Yesterday's task", today - timedelta(days=1), "overdue")
    task("Today's task", today, "today")
    task("Task in three days", today + timedelta(days=3), "this_week")
    task("Task in ten days", today + timedelta(days=10), None)
    task("Undated task", None, "this_week")
    # Due on the date UTC has now: overdue in Auckland (already tomorrow), this week in Los
    # Angeles once UTC has passed midnight, today wherever the two dates agree.
    edge = "today" if utc_date == today else ("overdue" if utc_date < today else "this_week")
    task("Due on UTC's date", utc_date, edge)

    asked = make_contact(seeker, first_name="Asa", last_name="Asked")
    make_conversation(
        seeker,
        contact=asked,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=now - timedelta(hours=1),
    )
    expected["Waiting for Asa Asked"] = "waiting"

    soon = make_contact(seeker, first_name="Sol", last_name="Soon")
    make_conversation(
        seeker,
        contact=soon,
        scheduled_at=_at(today + timedelta(days=6), 10, zone),
        time_zone=zone,
    )
    expected["Meet Sol Soon"] = "meetings"
    tomorrow = make_contact(seeker, first_name="Tam", last_name="Tomorrow")
    make_conversation(
        seeker,
        contact=tomorrow,
        scheduled_at=_at(today + timedelta(days=1), 9, zone),
        time_zone=zone,
    )
    expected["Meet Tam Tomorrow"] = "meetings"

    past = make_contact(seeker, first_name="Pat", last_name="Past")
    make_conversation(
        seeker, contact=past, scheduled_at=now - timedelta(hours=2), time_zone="Europe/Berlin"
    )
    expected["How did it go with Pat Past?"] = "write_up"
    noted = make_contact(seeker, first_name="Nia", last_name="Noted")
    held = make_conversation(
        seeker,
        contact=noted,
        status=Conversation.Status.HELD,
        scheduled_at=now - timedelta(days=1),
        held_at=now - timedelta(days=1),
    )
    make_takeaway(seeker, conversation=held, text="Learn SQL first")
    return expected


def test_each_row_is_in_its_group_in_the_seekers_days(seeker_client, seeker, zone):
    expected = _dataset(seeker, zone)
    shown = _groups(seeker_client)
    where = {title: group for group, titles in shown.items() for title in titles}
    for title, group in expected.items():
        assert where.get(title) == group, (zone, title, shown)
    assert "Task in ten days" not in where
    assert not any("Nia" in title for title in where)  # written up already
    # Groups come in the dashboard's order.
    order = ["overdue", "today", "this_week", "waiting", "meetings", "write_up"]
    assert list(shown) == [group for group in order if group in shown]


def test_a_coming_meeting_is_never_due(seeker_client, seeker, zone):
    _dataset(seeker, zone)
    row = _row(seeker_client, "Meet Sol Soon")
    text = row.get_text(" ", strip=True)
    assert "due" not in text.lower().replace("questions planned", "")
    assert "overdue" not in row.get("class", [])
    # Its time on the seeker's clock, in the one format every page uses.
    soon = Conversation.objects.get(contact__first_name="Sol")
    local = soon.scheduled_at.astimezone(zoneinfo.ZoneInfo(zone))
    assert f"{local:%a} {local.day} {local:%b %Y}, 10:00" in text


def test_the_day_before_a_meeting_today_offers_the_confirmation(seeker_client, seeker, zone):
    _dataset(seeker, zone)
    row = _row(seeker_client, "Meet Tam Tomorrow")
    confirm = row.find("a", string="Confirm the time")
    assert confirm is not None and "kind=confirm" in confirm["href"]
    assert _row(seeker_client, "Meet Sol Soon").find("a", string="Confirm the time") is None


def test_waiting_shows_the_3_and_7_business_day_dates(seeker_client, seeker, zone):
    _dataset(seeker, zone)
    text = _row(seeker_client, "Waiting for Asa Asked").get_text(" ", strip=True)
    clock = clock_for(seeker)
    rhythm = clock.rhythm(Conversation.objects.get(contact__first_name="Asa").requested_at)
    for day, count in ((rhythm.second_contact_on, 3), (rhythm.follow_up_on, 7)):
        assert f"{day:%a} {day.day} {day:%b %Y} ({count} business days)" in text, text


def test_a_past_meeting_asks_how_it_went_and_leads_to_the_write_up(seeker_client, seeker, zone):
    _dataset(seeker, zone)
    row = _row(seeker_client, "How did it go with Pat Past?")
    link = row.find("a", string="How did it go?")
    past = Conversation.objects.get(contact__first_name="Pat")
    assert link["href"] == reverse("conversations:conversation_wrap_up", args=[past.pk])


def test_a_second_person_is_offered_only_when_there_is_someone_else_there(seeker_client, seeker):
    """Three business days after asking someone at an organization: Who to ask next when
    someone else there was never asked, else a new person at that organization."""
    lumen = make_organization(seeker, name="Lumen Civic Lab")
    asked = make_contact(seeker, first_name="Kwame", last_name="Mensah", organization=lumen)
    conversation = make_conversation(
        seeker,
        contact=asked,
        organization=lumen,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=timezone.now() - timedelta(days=6),
    )
    row = _row(seeker_client, "Write to a second person at Lumen Civic Lab")
    add = row.find("a", class_="primary")
    assert add.get_text(strip=True) == "Add someone at Lumen Civic Lab"
    assert add["href"] == f"{reverse('people:contact_create')}?organization={lumen.pk}"
    page = seeker_client.get(conversation.get_absolute_url()).content.decode()
    assert "Add someone at Lumen Civic Lab" in page

    make_contact(seeker, first_name="Ines", last_name="Ito", organization=lumen)
    row = _row(seeker_client, "Write to a second person at Lumen Civic Lab")
    who_next = row.find("a", class_="primary")
    assert (who_next.get_text(strip=True), who_next["href"]) == (
        "Who to ask next",
        reverse("people:who_next"),
    )


def test_a_long_group_shows_the_first_ten_and_where_the_rest_are(seeker_client, seeker):
    today = clock_for(seeker).today()
    for number in range(14):
        make_task(seeker, title=f"Call back {number:02d}", due_on=today, kind=Task.Kind.OTHER)
    assert _groups(seeker_client)["today"] == [f"Call back {n:02d}" for n in range(10)]
    soup = BeautifulSoup(seeker_client.get(TODAY_URL).content.decode(), "html.parser")
    more = soup.select_one("#today-today p.more")
    assert more.get_text(" ", strip=True) == "More than these 10: the rest are in your tasks ."
    assert more.a["href"] == reverse("followup:task_list")


# --- ticking a task off ------------------------------------------------------------------------


def test_a_task_is_ticked_off_in_place_with_htmx(seeker_client, seeker):
    task = make_task(seeker, title="Renew the library card")
    row = _row(seeker_client, "Renew the library card")
    form = row.select_one("form[hx-post]")
    response = seeker_client.post(form["hx-post"], HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Done: Renew the library card" in response.content.decode()
    assert "<html" not in response.content.decode()  # only the row
    task.refresh_from_db()
    assert task.done
    assert "Renew the library card" not in " ".join(sum(_groups(seeker_client).values(), []))


def test_a_task_is_ticked_off_without_javascript(seeker_client, seeker):
    task = make_task(seeker, title="Renew the library card")
    form = _row(seeker_client, "Renew the library card").select_one("form[method=post]")
    response = seeker_client.post(form["action"])
    assert response.status_code == 302 and response["Location"] == TODAY_URL
    task.refresh_from_db()
    assert task.done
    page = seeker_client.get(TODAY_URL).content.decode()
    assert "Done: Renew the library card" in page  # said once, as a message


def test_ticking_off_a_thank_you_marks_the_conversation_thanked(seeker_client, seeker):
    conversation = make_conversation(
        seeker,
        status=Conversation.Status.HELD,
        scheduled_at=timezone.now() - timedelta(days=1),
        held_at=timezone.now() - timedelta(days=1),
    )
    task = make_task(
        seeker,
        title="Thank them",
        kind=Task.Kind.THANK_YOU,
        contact=conversation.contact,
        conversation=conversation,
    )
    seeker_client.post(reverse("today:task_done", args=[task.pk]))
    conversation.refresh_from_db()
    task.refresh_from_db()
    assert task.done and conversation.status == Conversation.Status.THANKED
    assert conversation.thanked_at is not None


def test_a_strangers_task_cannot_be_ticked(client, seeker, stranger):
    task = make_task(seeker, title="Mine")
    client.force_login(stranger)
    assert client.post(reverse("today:task_done", args=[task.pk])).status_code == 404
    task.refresh_from_db()
    assert not task.done
    client.force_login(seeker)
    assert client.get(reverse("today:task_done", args=[task.pk])).status_code == 405


def test_a_draft_already_waiting_is_opened_from_today(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Wen", last_name="Waiting")
    conversation = make_conversation(
        seeker,
        contact=contact,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=timezone.now() - timedelta(days=20),
    )
    assert _row(seeker_client, "Wen Waiting").find("a", class_="primary").get_text() == (
        "Draft the follow-up"
    )
    draft = Message.objects.create(
        owner=seeker,
        contact=contact,
        conversation=conversation,
        kind=Message.Kind.FOLLOW_UP,
        subject="Re: twenty minutes?",
        body="Hi Wen, ...",
    )
    button = _row(seeker_client, "Wen Waiting").find("a", class_="primary")
    assert (button.get_text(), button["href"]) == (
        "Open the follow-up draft",
        draft.get_absolute_url(),
    )
