"""Who is due a keep-in-touch note, read from the database in order and only as far as a list
needs (on PostgreSQL in pages of rows): however it is read, nobody due is left out and
nobody not due comes in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.keep_in_touch import due_people
from tests.factories import (
    make_contact,
    make_held_conversation,
    make_interaction,
)

# Half an hour before midnight UTC: the seeker's day and UTC's part soon.
pytestmark = pytest.mark.frozen_at("2026-12-03T23:30:00+00:00")


def _met(owner, name: str, days_ago: int):
    contact = make_contact(owner, first_name=name, last_name="Doe")
    make_held_conversation(owner, timezone.now() - timedelta(days=days_ago), contact=contact)
    return contact


def test_a_short_list_still_gets_everyone_due_on_its_last_day(seeker):
    # Eleven people met on the same day twenty days ago: all due the same day. A list of two
    # reads in pages of four, and must go on past the pages until that day is over.
    same_day = [_met(seeker, f"Same{n}", 20) for n in range(11)]
    clock = clock_for(seeker)
    due = due_people(seeker, clock, clock.today(), limit=2)
    assert set(due) == {contact.pk for contact in same_day}


def test_the_earliest_come_first_and_the_not_yet_due_stay_out(seeker):
    early = [_met(seeker, f"Early{n}", 40 + n) for n in range(5)]
    later = [_met(seeker, f"Later{n}", 10 + n) for n in range(5)]
    recent = _met(seeker, "Recent", 3)  # met three days ago: the first note is a week after
    touched = _met(seeker, "Touched", 30)
    make_interaction(seeker, contact=touched, occurred_at=timezone.now() - timedelta(days=2))
    clock = clock_for(seeker)
    due = due_people(seeker, clock, clock.today(), limit=3)
    assert {contact.pk for contact in early[2:]} <= set(due)  # the three earliest
    assert recent.pk not in due and touched.pk not in due
    everyone = due_people(seeker, clock, clock.today())
    assert set(everyone) == {contact.pk for contact in early + later}


def test_a_person_is_due_on_their_day_not_a_weeks_worth_of_hours_later(seeker):
    # Met a week ago tonight, after this hour: the note is due today, in the seeker's days.
    contact = make_contact(seeker, first_name="Evening", last_name="Doe")
    met_at = timezone.now() - timedelta(days=7) + timedelta(minutes=20)
    make_held_conversation(seeker, met_at, contact=contact)
    clock = clock_for(seeker)
    assert clock.day_of(met_at) == clock.today() - timedelta(days=7)
    assert contact.pk in due_people(seeker, clock, clock.today())
    assert contact.pk in due_people(seeker, clock, clock.today(), limit=3)


def test_a_rhythm_shorter_than_a_week_is_kept(seeker):
    # Every three days, last written four days ago (long after the thank-you): due.
    every_three = _met(seeker, "Often", 30)
    every_three.keep_in_touch_days = 3
    every_three.save()
    make_interaction(seeker, contact=every_three, occurred_at=timezone.now() - timedelta(days=4))
    written_yesterday = _met(seeker, "Yesterday", 30)
    written_yesterday.keep_in_touch_days = 3
    written_yesterday.save()
    make_interaction(
        seeker, contact=written_yesterday, occurred_at=timezone.now() - timedelta(days=1)
    )
    clock = clock_for(seeker)
    due = due_people(seeker, clock, clock.today())
    assert every_three.pk in due
    assert written_yesterday.pk not in due
