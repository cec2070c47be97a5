"""The Today page keeps its groups until something of the account changes, the seeker's day
turns or a meeting it shows ends: a second look reads none of the seeker's tasks or
meetings, and every change, written or by the clock, shows at once. Its windows are
counted in the seeker's whole days, so the list never turns over at any other moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from tests.factories import make_contact, make_conversation, make_task

# A weekday afternoon in UTC, the seeker's zone: hours before their day turns.
pytestmark = pytest.mark.frozen_at("2026-12-02T15:00:00+00:00")


def _groups(client) -> dict[str, list[str]]:
    """{group title: the titles of its items}, as the page shows them."""
    response = client.get(reverse("today:today"))
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        section.h2.get_text(strip=True): [
            strong.get_text(" ", strip=True) for strong in section.select("li .what > strong")
        ]
        for section in soup.select("section.today-block")
        if section.select("ul.today-items")
    }


def _meeting(seeker, first_name: str, starts_in: timedelta, minutes: int = 30) -> Conversation:
    contact = make_contact(seeker, first_name=first_name, last_name="Doe", organization=None)
    return make_conversation(
        seeker,
        contact=contact,
        status=Conversation.Status.SCHEDULED,
        scheduled_at=timezone.now() + starts_in,
        agreed_minutes=minutes,
    )


# Each write its own transaction: on PostgreSQL a page read inside the transaction that
# changed the account is never kept, and these tests are about the page when it is.
@pytest.mark.django_db(transaction=True)
def test_a_second_look_reads_no_tasks_or_meetings_and_a_tick_shows_at_once(seeker_client, seeker):
    assert clock_for(seeker).zone.key == "UTC"
    task = make_task(seeker, title="Send Ana the article", kind=Task.Kind.PROMISE)
    _meeting(seeker, "Bo", timedelta(days=1))
    first = _groups(seeker_client)
    assert "Send Ana the article" in first["Today"]

    with CaptureQueriesContext(connection) as queries:
        assert _groups(seeker_client) == first
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "followup_task" not in read
    assert "COUNT(" not in read.upper()  # a coming meeting's questions, counted

    response = seeker_client.post(reverse("today:task_done", args=[task.pk]))
    assert response.status_code == 302

    assert "Today" not in _groups(seeker_client)


@pytest.mark.django_db(transaction=True)
def test_a_meeting_that_ends_moves_to_the_ones_to_write_up_with_nothing_written(
    seeker_client, seeker, frozen_clock
):
    _meeting(seeker, "Cy", timedelta(minutes=10), minutes=30)
    before = _groups(seeker_client)
    assert before["Coming meetings"] == ["Meet Cy Doe"]
    assert "Past meetings to write up" not in before

    frozen_clock.shift(timedelta(minutes=25))  # under way: still a coming meeting
    assert _groups(seeker_client)["Coming meetings"] == ["Meet Cy Doe"]

    frozen_clock.shift(timedelta(minutes=20))  # it ended five minutes ago

    after = _groups(seeker_client)
    assert "Coming meetings" not in after
    assert after["Past meetings to write up"] == ["How did it go with Cy Doe?"]


@pytest.mark.frozen_at("2026-12-02T23:30:00+00:00")  # within the hour a kept page may live
@pytest.mark.django_db(transaction=True)
def test_a_new_day_moves_tomorrows_task_to_today_with_nothing_written(
    seeker_client, seeker, frozen_clock
):
    tomorrow = clock_for(seeker).today() + timedelta(days=1)
    make_task(seeker, title="Call the alumni office", due_on=tomorrow)
    assert _groups(seeker_client)["This week"] == ["Call the alumni office"]

    frozen_clock.shift(timedelta(minutes=31))  # 00:01 where the seeker lives

    groups = _groups(seeker_client)
    assert groups["Today"] == ["Call the alumni office"]
    assert "This week" not in groups


@pytest.mark.django_db(transaction=True)
def test_the_windows_count_the_seekers_whole_days(seeker_client, seeker):
    # A meeting on the fourteenth day ahead, late in its evening, is a coming meeting all of
    # today; one on the fifteenth is not yet.
    today = clock_for(seeker).today()
    on_the_14th = datetime.combine(today + timedelta(days=14), datetime.min.time(), tzinfo=UTC)
    _meeting(seeker, "Di", on_the_14th + timedelta(hours=22) - timezone.now())
    _meeting(seeker, "Ed", on_the_14th + timedelta(days=1, hours=9) - timezone.now())
    # A promise kept early on the day three weeks ago still asks to close the loop today.
    contact = make_contact(seeker, first_name="Fay", last_name="Doe", organization=None)
    make_task(
        seeker,
        title="Read the report Fay named",
        kind=Task.Kind.PROMISE,
        contact=contact,
        done=True,
        done_at=datetime.combine(today - timedelta(days=21), datetime.min.time(), tzinfo=UTC)
        + timedelta(hours=8),
    )

    groups = _groups(seeker_client)

    assert groups["Coming meetings"] == ["Meet Di Doe"]
    assert "Tell Fay Doe you did it: Read the report Fay named" in groups["Today"]
