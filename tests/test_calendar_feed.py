"""The private calendar feed and the one-meeting download: secret handling, privacy, content."""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import vobject
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from coffeechat.calendars.models import EventRevision, FeedToken
from coffeechat.conversations.models import Conversation
from coffeechat.core.logging import RedactTokens, redact
from tests.factories import make_contact, make_conversation, make_organization, make_task

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)


def feed_path(token: str) -> str:
    return reverse("calendars:feed", args=[token])


def meeting_path(conversation) -> str:
    return reverse("calendars:meeting_ics", args=[conversation.pk])


def parse(response):
    """The response's calendar, read by icalendar and by vobject."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert not data.startswith(b"\xef\xbb\xbf")
    for line in data[:-2].split(b"\r\n"):
        assert len(line) <= 75 and b"\n" not in line
    return Calendar.from_ical(data), vobject.readOne(data.decode()), data.decode()


def summaries(cal) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in cal.walk("VEVENT"))


def create_feed_by_page(client) -> str:
    """Make the feed through the settings page; the answer shows its address once."""
    response = client.post(reverse("calendars:feed_settings"), {"action": "create"})
    assert response.status_code == 200
    url = BeautifulSoup(response.content, "html.parser").select_one("#feed-url")["value"]
    assert url.startswith("http://testserver/calendars/feed/")
    return url.removeprefix("http://testserver")


# --- The token ------------------------------------------------------------------------------


def test_token_has_at_least_128_bits_and_only_its_hash_is_stored(seeker):
    token = FeedToken.issue(seeker)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    row = FeedToken.objects.get(owner=seeker)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    for field in FeedToken._meta.concrete_fields:
        assert token not in str(field.value_from_object(row)), field.name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {FeedToken._meta.db_table}")
        assert token not in repr(cursor.fetchall())
    assert FeedToken.issue(seeker) != token, "every token is new randomness"


def test_feed_opens_without_login_and_with_the_right_headers(client, seeker):
    make_conversation(seeker)
    token = FeedToken.issue(seeker)
    response = client.get(feed_path(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response.headers
    cal, _, _ = parse(response)
    assert str(cal["X-WR-CALNAME"]) == "coffeechat"
    assert client.post(feed_path(token)).status_code == 405


def test_rotation_makes_the_old_url_404_and_the_new_one_work(client, seeker):
    client.force_login(seeker)
    old = create_feed_by_page(client)
    assert client.get(old).status_code == 200
    response = client.post(reverse("calendars:feed_settings"), {"action": "rotate"})
    new = BeautifulSoup(response.content, "html.parser").select_one("#feed-url")["value"]
    new = new.removeprefix("http://testserver")
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert FeedToken.objects.get(owner=seeker).rotated_at is not None


def test_revoking_makes_the_url_404(client, seeker):
    client.force_login(seeker)
    url = create_feed_by_page(client)
    response = client.post(reverse("calendars:feed_settings"), {"action": "revoke"}, follow=True)
    assert "You have no calendar feed." in response.content.decode()
    assert not FeedToken.objects.filter(owner=seeker).exists()
    client.logout()
    assert client.get(url).status_code == 404


def test_the_address_is_shown_once_and_then_only_that_the_feed_exists(client, seeker):
    client.force_login(seeker)
    url = create_feed_by_page(client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    page = client.get(reverse("calendars:feed_settings"))
    text = page.content.decode()
    assert token not in text
    assert "You have had a feed since" in text
    assert BeautifulSoup(text, "html.parser").select_one("#feed-url") is None
    assert page["Cache-Control"].startswith("max-age=0")  # never_cache: no stored copies


def test_unknown_replaced_and_malformed_tokens_get_the_same_bare_404(client, seeker):
    token = FeedToken.issue(seeker)
    FeedToken.issue(seeker)  # replaces it
    bodies = set()
    for candidate in (token, "A" * 43, "x" * 500, "short"):
        response = client.get(feed_path(candidate))
        assert response.status_code == 404
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Content-Type"].startswith("text/plain")
        bodies.add(response.content)
    assert bodies == {b"Not found\n"}, "no hint whether a token ever existed"


def test_an_inactive_owners_feed_is_closed(client, seeker):
    token = FeedToken.issue(seeker)
    seeker.is_active = False
    seeker.save()
    assert client.get(feed_path(token)).status_code == 404


def test_the_token_never_reaches_the_logs(client, seeker, caplog):
    token = FeedToken.issue(seeker)
    FeedToken.revoke(seeker)
    assert "redact_tokens" in settings.LOGGING["handlers"]["console"]["filters"]
    (console,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactTokens) for f in h.filters)
    ]
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            assert client.get(feed_path(token)).status_code == 404
    finally:
        console.setStream(previous)
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records, "Django logs the 404 with its path"
    for record in records:
        RedactTokens().filter(record)
        assert token not in record.getMessage()
    logged = written.getvalue()  # what the project's console handler wrote
    assert "Not Found: /calendars/feed/[redacted].ics" in logged
    assert token not in logged
    assert token not in redact(f'"GET {feed_path(token)} HTTP/1.1" 200 1234')


# --- Privacy ---------------------------------------------------------------------------------


def test_another_users_meetings_and_tasks_never_appear_in_a_feed(client, seeker, stranger):
    mine = make_contact(seeker, first_name="Mine")
    theirs = make_contact(stranger, first_name="Theirs")
    make_conversation(seeker, contact=mine)
    make_conversation(stranger, contact=theirs)
    make_task(seeker, title="My task")
    make_task(stranger, title="Their task")
    for owner, own, other in ((seeker, "Mine", "Theirs"), (stranger, "Their", "My ")):
        response = client.get(feed_path(FeedToken.issue(owner)))
        _, _, text = parse(response)
        assert own in text
        assert other not in text


def test_a_stranger_gets_404_for_someone_elses_meeting_file(client, seeker, stranger):
    conversation = make_conversation(seeker)
    client.force_login(stranger)
    assert client.get(meeting_path(conversation)).status_code == 404
    assert client.post(meeting_path(conversation)).status_code == 404
    client.logout()
    response = client.get(meeting_path(conversation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("calendars:feed_settings")).status_code == 302


# --- The one-meeting file ---------------------------------------------------------------------


def test_meeting_file_is_an_attachment_named_after_the_person(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Grace", last_name="Hopper")
    start = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)
    conversation = make_conversation(
        seeker, contact=contact, scheduled_at=start, time_zone="America/St_Johns"
    )
    response = seeker_client.get(meeting_path(conversation))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="Informational interview with Grace Hopper.ics"'
    )
    cal, vcal, text = parse(response)
    assert "DTSTART;TZID=America/St_Johns:20300305T103000" in text
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/St_Johns"]
    assert vcal.vevent.dtstart.value.astimezone(UTC) == start
    assert vcal.vevent.summary.value.startswith("Informational interview with Grace Hopper")
    assert vcal.vevent.url.value == f"http://testserver{conversation.get_absolute_url()}"
    assert "X-WR-CALNAME" not in text


def test_a_non_ascii_name_gives_an_encoded_filename(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Zoë", last_name="山田/../x")
    conversation = make_conversation(seeker, contact=contact)
    disposition = seeker_client.get(meeting_path(conversation))["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "Zo%C3%AB" in disposition and "/" not in disposition.split("''", 1)[1]


def test_a_meeting_without_a_time_sends_the_owner_back(seeker_client, seeker):
    conversation = make_conversation(seeker, scheduled_at=None)
    response = seeker_client.get(meeting_path(conversation))
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()


# --- Feed content ----------------------------------------------------------------------------


def test_feed_lists_recent_and_future_meetings_and_open_dated_follow_ups(client, seeker):
    def conversation(name, **kw):
        return make_conversation(seeker, contact=make_contact(seeker, first_name=name), **kw)

    conversation("Future", scheduled_at=NOW + timedelta(days=10))
    conversation("Recent", scheduled_at=NOW - timedelta(days=80), status="held")
    conversation("Old", scheduled_at=NOW - timedelta(days=100), status="held")
    conversation("Unscheduled", scheduled_at=None, status="planned")
    conversation("Off", scheduled_at=NOW + timedelta(days=3), status="cancelled")
    make_task(seeker, title="Thank Future", due_on=date.today() + timedelta(days=1))
    make_task(seeker, title="Overdue promise", due_on=date.today() - timedelta(days=30))
    make_task(seeker, title="Finished", due_on=date.today(), done=True)
    make_task(seeker, title="Someday", due_on=None)
    cal, vcal, text = parse(client.get(feed_path(FeedToken.issue(seeker))))
    found = " | ".join(summaries(cal))
    for present in ("Future", "Recent", "Off", "Thank Future", "Overdue promise"):
        assert present in found
    for absent in ("Old", "Unscheduled", "Finished", "Someday"):
        assert absent not in found
    events = {
        str(e["SUMMARY"]).split()[3]: e
        for e in cal.walk("VEVENT")
        if "interview" in str(e["SUMMARY"])
    }
    assert str(events["Off"]["STATUS"]) == "CANCELLED"
    assert str(events["Future"]["STATUS"]) == "CONFIRMED"
    task = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Thank Future"))
    assert task["DTSTART"].dt == date.today() + timedelta(days=1)
    assert task["DTEND"].dt == date.today() + timedelta(days=2)
    assert len(vcal.contents["vevent"]) == 5


def test_sequence_goes_up_on_reschedule_and_uid_stays(client, seeker):
    conversation = make_conversation(seeker, scheduled_at=NOW + timedelta(days=5))
    path = feed_path(FeedToken.issue(seeker))

    def the_event():
        cal, _, _ = parse(client.get(path))
        (event,) = cal.walk("VEVENT")
        return event

    first = the_event()
    assert int(first["SEQUENCE"]) == 0
    again = the_event()
    assert (again["UID"], again["SEQUENCE"], again["DTSTAMP"].dt) == (
        first["UID"],
        first["SEQUENCE"],
        first["DTSTAMP"].dt,
    ), "an unchanged meeting is exported the same way"
    conversation.notes = "Private notes do not reach the calendar."
    conversation.save()
    assert int(the_event()["SEQUENCE"]) == 0
    conversation.scheduled_at += timedelta(hours=2)
    conversation.save()
    moved = the_event()
    assert int(moved["SEQUENCE"]) == 1
    assert moved["UID"] == first["UID"]
    assert moved["DTSTAMP"].dt >= first["DTSTAMP"].dt
    conversation.status = "cancelled"
    conversation.save()
    cancelled = the_event()
    assert (int(cancelled["SEQUENCE"]), str(cancelled["STATUS"])) == (2, "CANCELLED")
    client.force_login(seeker)
    download, _, _ = parse(client.get(meeting_path(conversation)))
    assert int(download.walk("VEVENT")[0]["SEQUENCE"]) == 2, "download and feed agree"
    assert download.walk("VEVENT")[0]["UID"] == first["UID"]


def test_private_notes_and_goals_stay_out_of_the_feed(client, seeker):
    make_conversation(seeker, notes="SECRET-NOTE", goals="SECRET-GOAL")
    make_task(seeker, notes="SECRET-TASK-NOTE")
    _, _, text = parse(client.get(feed_path(FeedToken.issue(seeker))))
    assert "SECRET" not in text


def test_feed_queries_do_not_grow_with_the_number_of_meetings(
    client, seeker, stranger, django_assert_num_queries
):
    def build(owner, n):
        organization = make_organization(owner)
        for i in range(n):
            contact = make_contact(owner, organization=organization)
            conversation = make_conversation(
                owner, contact=contact, scheduled_at=NOW + timedelta(days=i + 1)
            )
            make_task(owner, contact=contact, conversation=conversation)
        return feed_path(FeedToken.issue(owner))

    few, many = build(seeker, 3), build(stranger, 20)
    for _ in ("first fetch", "second fetch, nothing changed"):
        with CaptureQueriesContext(connection) as with_few:
            assert client.get(few).status_code == 200
        with django_assert_num_queries(len(with_few)):
            assert client.get(many).status_code == 200
    for conversation in Conversation.objects.filter(owner__in=[seeker, stranger]):
        conversation.agreed_minutes = 30  # a change the calendar shows: the next SEQUENCE
        conversation.save()
    with CaptureQueriesContext(connection) as with_few:
        client.get(few)
    with django_assert_num_queries(len(with_few)):
        client.get(many)
    assert set(EventRevision.objects.values_list("sequence", flat=True)) == {0, 1}


# --- The settings page -----------------------------------------------------------------------


def test_settings_page_controls_are_labelled_and_csp_safe(seeker_client):
    for response in (
        seeker_client.get(reverse("calendars:feed_settings")),
        seeker_client.post(reverse("calendars:feed_settings"), {"action": "create"}),
        seeker_client.get(reverse("calendars:feed_settings")),
    ):
        soup = BeautifulSoup(response.content, "html.parser")
        main = soup.select_one("main")
        for field in main.select("input:not([type=hidden]), select, textarea"):
            assert soup.select_one(f'label[for="{field["id"]}"]'), field
        for button in main.select("button"):
            assert button.get_text(strip=True), button
        assert not soup.select("[style]") and not soup.select("style")
        assert all(script.get("src") for script in soup.select("script"))
        assert not any(a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)


def test_unknown_settings_action_changes_nothing(seeker_client, seeker):
    FeedToken.issue(seeker)
    before = FeedToken.objects.get(owner=seeker).token_hash
    response = seeker_client.post(reverse("calendars:feed_settings"), {"action": "explode"})
    assert response.status_code == 302
    assert FeedToken.objects.get(owner=seeker).token_hash == before


def test_reading_a_calendar_writes_nothing(client, seeker):
    conversation = make_conversation(seeker, scheduled_at=NOW + timedelta(days=2))
    make_task(seeker, contact=conversation.contact, conversation=conversation)
    path = feed_path(FeedToken.issue(seeker))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE")]
    assert writes == []
