"""When the next keep-in-touch note is due: a week after the meeting, then every few months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coffeechat.lib.keep_in_touch import next_touch

MET = date(2025, 3, 14)  # a Friday; the rule counts calendar days, not business days


def test_without_a_meeting_nothing_is_due():
    assert next_touch(None, None) is None
    assert next_touch(None, date(2025, 3, 20)) is None
    assert next_touch(None, date(2025, 3, 20), every_days=30) is None


def test_a_week_after_the_meeting_when_nothing_followed():
    assert next_touch(MET, None) == date(2025, 3, 21)


@pytest.mark.parametrize("after", [0, 1, 2])
def test_the_thank_you_does_not_push_the_first_note_back(after):
    # The thank-you goes out the same day or within two days; the first update is still due a
    # week after the meeting, not 60 days after the thank-you.
    assert next_touch(MET, MET + timedelta(days=after)) == date(2025, 3, 21)


def test_an_interaction_before_the_meeting_counts_as_nothing_since():
    assert next_touch(MET, MET - timedelta(days=10)) == date(2025, 3, 21)


def test_a_later_interaction_resets_the_clock_to_sixty_days():
    three_days_after = MET + timedelta(days=3)
    assert next_touch(MET, three_days_after) == three_days_after + timedelta(days=60)
    months_later = date(2025, 9, 1)
    assert next_touch(MET, months_later) == date(2025, 10, 31)


def test_the_persons_own_rhythm_replaces_the_default():
    touched = date(2025, 4, 1)
    assert next_touch(MET, touched, every_days=30) == date(2025, 5, 1)
    assert next_touch(MET, touched, every_days=90) == date(2025, 6, 30)


def test_the_persons_rhythm_does_not_change_the_first_note():
    assert next_touch(MET, None, every_days=90) == date(2025, 3, 21)
    assert next_touch(MET, MET + timedelta(days=1), every_days=30) == date(2025, 3, 21)


def test_each_later_interaction_moves_the_date_on():
    first = next_touch(MET, date(2025, 4, 1))
    second = next_touch(MET, date(2025, 4, 20))
    assert second - first == timedelta(days=19)
