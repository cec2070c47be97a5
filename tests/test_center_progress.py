"""A seeker's progress as their coach sees it, counted in the seeker's own days: the step
reached, the latest activity and the follow-up flag at the edges of weekends, holidays and
midnight in the seeker's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from coffeechat.accounts.models import SeekerProfile
from coffeechat.center.models import Role
from coffeechat.center.progress import progress_of
from coffeechat.conversations.models import Conversation
from coffeechat.outreach.models import Message
from tests.center_factories import make_member, make_volunteer, make_volunteer_request
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_field,
    make_message,
    make_organization,
    make_pitch,
)

# Friday 20 November 2026, 15:00 UTC. Its follow-up day is Wednesday 2 December for a seeker
# in New York (Thanksgiving on the 26th) and Tuesday 1 December for one in Berlin.
FRIDAY_BEFORE_THANKSGIVING = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def seeker_in(username: str, zone: str, country: str):
    seeker = make_member(username, Role.SEEKER)
    SeekerProfile.objects.update_or_create(
        owner=seeker, defaults={"time_zone": zone, "holiday_country": country}
    )
    return seeker


def waiting_request(seeker, sent_at: datetime) -> Conversation:
    return make_conversation(
        seeker, status=Conversation.Status.REQUESTED, requested_at=sent_at, scheduled_at=None
    )


def overdue(*seekers) -> list[int]:
    found = progress_of([seeker.pk for seeker in seekers])
    return [found[seeker.pk].overdue_follow_ups for seeker in seekers]


@pytest.mark.frozen_at("2026-12-01T15:00:00+00:00")
def test_each_seeker_is_due_on_their_own_follow_up_day(db, frozen_clock):
    new_york = seeker_in("ny", "America/New_York", "US")
    berlin = seeker_in("berlin", "Europe/Berlin", "DE")
    for seeker in (new_york, berlin):
        waiting_request(seeker, FRIDAY_BEFORE_THANKSGIVING)
    assert overdue(new_york, berlin) == [0, 1]
    frozen_clock.shift(timedelta(days=1))
    assert overdue(new_york, berlin) == [1, 1]


@pytest.mark.frozen_at("2026-11-30T10:59:00+00:00")
def test_the_follow_up_day_starts_at_midnight_where_the_seeker_lives(db, frozen_clock):
    # 23:30 UTC on Thursday 19 November is already Friday in Auckland: due Tuesday 1 December,
    # which starts there at 11:00 UTC on 30 November.
    auckland = seeker_in("akl", "Pacific/Auckland", "NZ")
    waiting_request(auckland, datetime(2026, 11, 19, 23, 30, tzinfo=UTC))
    assert overdue(auckland) == [0]
    frozen_clock.shift(timedelta(minutes=2))
    assert overdue(auckland) == [1]


@pytest.mark.frozen_at("2026-12-09T15:00:00+00:00")
def test_a_reply_or_a_sent_follow_up_clears_the_flag(db):
    seeker = seeker_in("ber", "Europe/Berlin", "DE")
    waiting_request(seeker, FRIDAY_BEFORE_THANKSGIVING)
    replied = waiting_request(seeker, FRIDAY_BEFORE_THANKSGIVING)
    replied.replied_at = timezone.now()
    replied.save()
    drafted = waiting_request(seeker, FRIDAY_BEFORE_THANKSGIVING)
    make_message(seeker, conversation=drafted, kind=Message.Kind.FOLLOW_UP)  # a draft only
    followed = waiting_request(seeker, FRIDAY_BEFORE_THANKSGIVING)
    make_message(
        seeker, conversation=followed, kind=Message.Kind.FOLLOW_UP, status=Message.Status.SENT
    )
    assert overdue(seeker) == [2]


@pytest.mark.frozen_at("2026-12-03T23:30:00+00:00")
def test_the_step_is_the_furthest_the_seekers_rows_show(db):
    seeker = seeker_in("stepper", "Europe/London", "GB")

    def step() -> int:
        return progress_of([seeker.pk])[seeker.pk].step

    assert step() == 0
    make_field(seeker)
    assert step() == 1
    contact = make_contact(seeker)
    assert step() == 2
    make_pitch(seeker)
    assert step() == 3
    make_volunteer_request(seeker, make_volunteer("alum"), "Hello")
    assert step() == 4
    make_conversation(seeker, contact=contact, status=Conversation.Status.HELD)
    assert step() == 5
    make_conversation(seeker, contact=contact, status=Conversation.Status.THANKED)
    assert step() == 6


@pytest.mark.frozen_at("2026-12-03T23:30:00+00:00")
def test_an_agenda_or_an_organization_alone_counts_too(db):
    planner = seeker_in("planner", "Europe/London", "GB")
    make_agenda_item(planner)  # with its planned conversation: not yet a request
    researcher = seeker_in("researcher", "Europe/London", "GB")
    make_organization(researcher)
    found = progress_of([planner.pk, researcher.pk])
    assert (found[planner.pk].step, found[researcher.pk].step) == (3, 1)


@pytest.mark.frozen_at("2026-12-03T23:30:00+00:00")
def test_last_activity_is_the_latest_of_any_kind_and_none_without_rows(db, frozen_clock):
    idle = seeker_in("idle", "Europe/London", "GB")
    busy = seeker_in("busy", "Europe/London", "GB")
    make_contact(busy)
    frozen_clock.shift(timedelta(days=3))
    latest = make_volunteer_request(busy, make_volunteer("alum"), "Hello").created_at
    found = progress_of([idle.pk, busy.pk])
    assert found[idle.pk].last_activity is None
    assert found[idle.pk].flags == ["Nothing recorded yet"]
    assert found[busy.pk].last_activity == latest
    assert not found[busy.pk].quiet
