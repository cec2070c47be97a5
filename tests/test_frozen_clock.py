"""The suite's clock: every test starts at the moment the run was given (--frozen-at, late on a
UTC evening by default), a test may ask for its own, and the seeker's today follows their zone."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from coffeechat.accounts.clock import clock_for, get_profile
from tests.conftest import FROZEN_AT


def test_every_test_starts_at_the_runs_moment(request):
    started = request.config.stash[FROZEN_AT]
    assert started <= timezone.now() < started + timedelta(minutes=5)


@pytest.mark.frozen_at("2026-07-01T23:30:00+00:00")
def test_a_test_can_ask_for_its_own_moment(seeker):
    assert timezone.now().date() == date(2026, 7, 1)
    profile = get_profile(seeker)
    profile.time_zone = "Pacific/Auckland"
    profile.save()
    assert clock_for(seeker).today() == date(2026, 7, 2)  # already tomorrow there


def test_the_clock_ticks_so_rows_made_in_turn_keep_their_order():
    first = datetime.now(UTC)
    time.sleep(0.01)
    assert datetime.now(UTC) > first
